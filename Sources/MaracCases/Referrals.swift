import GRDB

/// Logging, editing, reading and lapsing referrals.
extension Session {
    /// Logs a referral from its fields (the field table's columns), whatever
    /// they came from: flags, the form or a file. Returns it as stored.
    public func logReferral(_ fields: [String: String]) throws(CaseError) -> ReferralDetail {
        let input: ReferralInput
        do { input = try ReferralInput.validate(fields, today: today) } catch { throw CaseError(error) }
        return try write { db in
            _ = try referrals.insert(db, input, by: actor, update: false)
            return try referrals.referral(db, ref: input.ref)
        }
    }

    /// Saves an edit, unless the referral changed since it was opened at `version`.
    public func editReferral(_ fields: [String: String], openedAtVersion version: Int) throws(CaseError) -> ReferralDetail {
        let input: ReferralInput
        do { input = try ReferralInput.validate(fields, today: today) } catch { throw CaseError(error) }
        return try write { db in
            try referrals.update(db, input, expectedVersion: version, by: actor)
            return try referrals.referral(db, ref: input.ref)
        }
    }

    /// One referral in full.
    public func referral(_ ref: String) throws(CaseError) -> ReferralDetail {
        try read { db in try referrals.referral(db, ref: ref) }
    }

    /// Referrals newest first, a page at a time.
    public func referrals(_ filter: ReferralService.Filter, limit: Int, after cursor: String? = nil) throws(CaseError) -> Page<ReferralSummary> {
        try read { db in try referrals.list(db, filter, limit: limit, after: cursor) }
    }

    /// The triage queue: a page, and how many wait in all.
    public func triageQueue(limit: Int, offset: Int = 0) throws(CaseError) -> (page: [ReferralSummary], waiting: Int) {
        try read { db in (try referrals.triageQueue(db, limit: limit, offset: offset), try referrals.waitingCount(db)) }
    }

    /// Lapses every case with no referral for 12 months. Returns how many.
    public func lapseDueCases() throws(CaseError) -> Int {
        try write { db in try referrals.lapseDue(db, by: actor) }
    }
}
