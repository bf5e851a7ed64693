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
            let screened = try statusChanges.screenIn(db, try ReferralLookup.record(db, ref: ref))
            guard let day = try meeting ?? meetings.nextMeeting(db)?.heldOn else {
                throw CaseError(.invalid, "\(ref) was not screened in: no meeting is planned to list it on", hint: .planMeeting)
            }
            try listOnAgenda(db, on: day, screened)
            return day
        }
    }

    /// Declines a received referral; the reason is required and kept.
    public func decline(_ ref: String, reason: String) throws(CaseError) {
        // Required, trimmed and within its limits (Core's `Screening`), before anything is read.
        let kept: String
        do throws(FieldError) { kept = try Screening.declineReason(reason) } catch { throw CaseError(error) }
        try write(.screenReferral) { db, _ in
            try statusChanges.decline(db, try ReferralLookup.record(db, ref: ref), reason: kept)
        }
    }
}
