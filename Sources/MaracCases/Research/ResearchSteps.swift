internal import MaracStore
internal import GRDB

/// The research group's decisions, each inside the caller's transaction: a
/// return's case must be on that meeting's agenda and its agency known; each
/// return recorded has its audit row (codes and dates only).
extension Session {
    /// The id of the case on that meeting's agenda, or the error a case not on it gives.
    func requireCaseOnAgenda(_ db: Database, meeting: MeetingRecord, ref: String) throws -> Int64 {
        guard let id = try research.caseOnAgenda(db, meetingID: meeting.id, ref: ref) else {
            throw CaseError(.invalid, field: "referral_ref", "the case is not on the agenda for \(meeting.heldOn)")
        }
        return id
    }

    /// Adds a return from a known agency; an earlier one by the same agency stays as history.
    func addReturn(_ db: Database, meeting: MeetingRecord, referralID: Int64, _ input: ResearchReturnInput,
                   onBehalf: Bool, source: ResearchService.Source) throws {
        guard try AgencyService().isKnown(db, code: input.agency) else {
            throw CaseError(.invalid, field: "agency", "is not a known agency code")
        }
        try research.insert(db, meetingID: meeting.id, referralID: referralID, input, onBehalf: onBehalf, source: source, by: actor)
        // Codes and dates only: the summary and risks never reach the trail.
        try Audit.record(db, actor: actor, action: "research", entity: "referral", entityID: referralID,
                         detail: "meeting=\(meeting.heldOn) agency=\(input.agency) known=\(input.known ? "yes" : "no")"
                            + (onBehalf ? " on_behalf=yes" : "") + (source == .file ? " from=file" : ""))
    }
}
