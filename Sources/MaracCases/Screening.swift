internal import MaracStore
internal import GRDB

/// Screening a referral that has arrived: in for MARAC (and onto a meeting's
/// agenda, in the same transaction), or declined with a reason.
extension Session {
    /// Screens a received referral in and lists it on `meeting` (default: the
    /// next planned meeting). Either both happen or neither: a case is never
    /// left screened in but on no agenda. Returns the meeting it is listed on.
    @discardableResult
    public func screenIn(_ ref: String, listingOn meeting: Day? = nil) throws(CaseError) -> Day {
        try write(.screenReferral) { db, _ in
            // Screened first (Core refuses anything but a referral just received);
            // with nowhere to list it the transaction rolls back whole.
            let screened = try referrals.screenIn(db, try referrals.fetch(db, ref: ref), by: actor)
            guard let day = try meeting ?? meetings.nextMeeting(db)?.heldOn else {
                throw CaseError(.invalid, "\(ref) was not screened in: no meeting is planned to list it on", hint: .planMeeting)
            }
            try listOnAgenda(db, on: day, screened)
            return day
        }
    }

    /// Declines a received referral; the reason is required and kept.
    public func decline(_ ref: String, reason: String) throws(CaseError) {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw CaseError(.invalid, field: "reason", "declining a referral needs a reason") }
        do { try FieldLimits.check("reason", reason) } catch { throw CaseError(error) }
        try write(.screenReferral) { db, _ in
            let record = try referrals.fetch(db, ref: ref)
            // A second look: a HIGH-risk case is not declined with a word (Core's rule).
            do throws(FieldError) { try SecondLook.checkDeclineReason(reason, band: record.band) } catch { throw CaseError(error) }
            try referrals.decline(db, record, reason: reason, by: actor)
        }
    }
}
