internal import MaracStore
internal import GRDB

/// A referral's status changes, each asked of Core, written through the
/// store and audited: any change (`transition`), screening in and declining
/// (Core's `Screening`), and the lapse of cases with no referral for 12
/// months. Runs inside the caller's transaction.
struct StatusChanges {
    let actor: Actor
    let clock: Clock

    /// Every status change: asks Core whether it is legal, writes it and its audit row.
    @discardableResult
    func transition(_ db: Database, _ record: ReferralRecord, to target: ReferralStatus, detail: String) throws -> ReferralRecord {
        do {
            _ = try record.status.transition(to: target)
        } catch {
            throw CaseError(.invalid, "\(record.ref): \(error.description)")
        }
        try ReferralLifecycle.setStatus(db, referralID: record.id, to: target, at: clock.timestamp, by: actor.name)
        try Audit.record(db, actor: actor, action: "status", entity: "referral", entityID: record.id,
                         detail: "\(record.status.rawValue)->\(target.rawValue): \(detail)")
        var changed = record
        changed.status = target
        changed.version += 1
        return changed
    }

    /// Screens a received referral in (Core's `Screening`: only one just
    /// received, and sharing without consent needs its reason and basis first).
    @discardableResult
    func screenIn(_ db: Database, _ record: ReferralRecord) throws -> ReferralRecord {
        if let refusal = Screening.refusal(ref: record.ref, status: record.status) { throw CaseError(.invalid, refusal) }
        let missing = Screening.missingBeforeScreeningIn(consent: record.consent, reason: record.sharingReason, basis: record.lawfulBasis)
        if !missing.isEmpty {
            // How to go on, said once (on the last line).
            throw CaseError(.invalid, missing.enumerated().map { index, problem in
                CaseError.Problem(field: problem.field, "\(record.ref) was not screened in: \(problem.message)",
                                  hint: index == missing.count - 1 ? .recordConsentDecision : nil)
            })
        }
        return try transition(db, record, to: .screenedIn, detail: "screened in")
    }

    /// Declines a received referral with its reason (already checked by
    /// `Screening.declineReason`); a HIGH-risk case needs a fuller one.
    func decline(_ db: Database, _ record: ReferralRecord, reason: String) throws {
        // A second look: a HIGH-risk case is not declined with a word (Core's rule).
        do throws(FieldError) { try Screening.checkDeclineReason(reason, band: record.band) } catch { throw CaseError(error) }
        if let refusal = Screening.refusal(ref: record.ref, status: record.status) { throw CaseError(.invalid, refusal) }
        try transition(db, record, to: .declined, detail: "declined")
        try ReferralLifecycle.setDeclineReason(db, referralID: record.id, reason)
    }

    /// Marks as lapsed at most `limit` cases whose victim has had no referral
    /// for 12 months, from the statuses Core says may lapse, starting at
    /// `cursor`; each with its status change and audit row. Returns how many
    /// lapsed and where the next batch starts (nil when none is left). The
    /// batch's cases change in one statement, their audit rows with the
    /// chain's head read once: the same rows as one status change and one
    /// audit row per case, without their per-row cost.
    func lapseBatch(_ db: Database, from cursor: LapseCursor = .init(), limit: Int) throws -> (lapsed: Int, next: LapseCursor?) {
        let cutoff = clock.today.adding(months: -ReferralStatus.lapseMonths)
        let statuses = ReferralStatus.lapsable
        var cursor = cursor
        var lapsed = 0
        let now = clock.timestamp
        while cursor.status < statuses.count {
            let status = statuses[cursor.status]
            // Core decides: a status that may not lapse is never written.
            do { _ = try status.transition(to: .lapsed) } catch { throw CaseError(.invalid, "\(status.rawValue): \(error.description)") }
            let due = try ReferralLifecycle.lapseCandidates(db, status: status, cutoff: cutoff, after: (cursor.referredOn, cursor.id),
                                                            limit: limit - lapsed)
            if let last = due.last {
                let changed = try ReferralLifecycle.markLapsed(db, due.map(\.id), from: status, at: now, by: actor.name)
                // Read in this transaction with that status: every one changes.
                guard changed == due.count else {
                    throw CaseError(.conflict, "the lapse changed \(changed) of \(due.count) cases; nothing in this batch was kept")
                }
                let detail = "\(status.rawValue)->\(ReferralStatus.lapsed.rawValue): lapsed: no referral for 12 months"
                try Audit.recordAll(db, actor: actor, due.map { (action: "status", entity: "referral", entityID: $0.id, detail: detail) })
                cursor.referredOn = last.referredOn
                cursor.id = last.id
            }
            lapsed += due.count
            if lapsed >= limit { return (lapsed, cursor) }
            cursor = LapseCursor(status: cursor.status + 1)
        }
        return (lapsed, nil)
    }
}

/// Where the next lapse batch starts: the position in Core's list of
/// lapsable statuses and the last (referred_on, id) done within it.
struct LapseCursor: Sendable, Equatable {
    var status = 0
    var referredOn = ""
    var id: Int64 = 0

    init() {}
    init(status: Int) { self.status = status }
}

extension Session {
    var referralWriter: ReferralWriter { ReferralWriter(actor: actor, clock: clock) }
    var statusChanges: StatusChanges { StatusChanges(actor: actor, clock: clock) }
}
