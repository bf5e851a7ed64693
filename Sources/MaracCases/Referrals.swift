internal import MaracStore
import Foundation
internal import GRDB

/// Logging, editing, reading and lapsing referrals.
extension Session {
    /// Cases lapsed per transaction (each batch whole with its audit rows):
    /// short enough that the write lock is held for well under 250 ms at a
    /// time (about 70 ms at a million referrals, docs/benchmarks.md), so a
    /// coordinator's `referral add` gets in between two batches; long enough
    /// that the pauses between batches are a small part of the run.
    public static let lapseBatchSize = 5_000

    /// Logs a referral from its fields (the field table's columns), whatever
    /// they came from: flags, the form or a file. Returns it as stored. A
    /// near match of the victim or perpetrator with no choice in `identity`
    /// is refused (`IntakeIdentity`).
    public func logReferral(_ fields: [String: String], identity: IdentityChoices = IdentityChoices()) throws(CaseError) -> ReferralDetail {
        let input: ReferralInput
        do { input = try ReferralInput.validate(fields.filter { !ReferralField.setByMarac.contains($0.key) }, today: today) } catch { throw CaseError(error) }
        return try write(.logReferral) { db, permit in
            try requireRealDatabase(db)
            _ = try referralWriter.add(db, input, identity: IntakeIdentity(choices: identity, scope: viewScope(permit)))
            // As stored, without linked cases: other victims' referrals are shown (and their reading recorded) only when opened.
            var detail = try ReferralLookup.detail(db, ref: input.ref, scope: ("0", []))
            // Flagged at intake: a serial perpetrator is seen before the case is screened.
            detail.serial = try detail.perpetrator.map { try serialStanding(db, perpetratorID: $0.id, rule: try serialRule(db)) }
            return detail
        }
    }

    /// Saves an edit (the form's every field) with the reason for it, unless
    /// the referral changed since it was opened at `version`. Each field it
    /// changes is kept in the record's history; an edit that changes nothing,
    /// or would clear checklist answers given earlier without
    /// `replaceAnswers`, is refused and nothing is written.
    public func editReferral(_ fields: [String: String], openedAtVersion version: Int, reason: String,
                             replaceAnswers: Bool = false) throws(CaseError) -> ReferralDetail {
        let input: ReferralInput
        let why: String
        do throws(FieldError) { why = try CorrectionReason.checked(reason) } catch { throw CaseError(error) }
        // Who decided on consent is the editor, if they change the decision (the form starts from the stored values).
        do { input = try ReferralInput.validate(fields.filter { !ReferralField.setByMarac.contains($0.key) }, today: today) } catch { throw CaseError(error) }
        return try write(.editReferral) { db, permit in
            let record = try inScope(db, permit, ref: input.ref)
            let before = try ReferralLookup.detail(db, record, scope: ("0", []))
            // As stored, without linked cases: other victims' referrals are shown (and their reading recorded) only when opened.
            return try referralCorrections.save(db, input, before: before, expectedVersion: version, reason: why, replaceAnswers: replaceAnswers)
        }
    }

    /// Corrects some of a referral's fields (`given`, by column; a blank value
    /// clears one) with the reason, over the referral as stored now: the
    /// command line's edit. The same checks as every edit, in one transaction.
    public func correctReferral(_ ref: String, _ given: [String: String], reason: String,
                                replaceAnswers: Bool = false) throws(CaseError) -> ReferralDetail {
        let why: String
        do throws(FieldError) { why = try CorrectionReason.checked(reason) } catch { throw CaseError(error) }
        guard !given.isEmpty else { throw ReferralCorrections.nothingChanged }
        return try write(.editReferral) { db, permit in
            let record = try inScope(db, permit, ref: ref)
            let before = try ReferralLookup.detail(db, record, scope: ("0", []))
            let input = try ReferralInput.validate(try ReferralCorrection.merged(stored: before.columnValues, given: given), today: today)
            return try referralCorrections.save(db, input, before: before, expectedVersion: record.version, reason: why, replaceAnswers: replaceAnswers)
        }
    }

    /// A case's history, newest first, a page at a time: every correction of
    /// the referral, its people, actions, meetings and what was shared, with
    /// the values from and to. Only for a reader whose scope covers the case
    /// (out of scope it does not exist), or by break-glass with a reason; the
    /// reading is recorded as opening the case is.
    public func referralHistory(_ ref: String, limit: Int, after cursor: String? = nil,
                                breakGlass reason: String? = nil) throws(CaseError) -> Page<HistoryEntry> {
        let before: Int64?
        if let cursor {
            guard let id = Int64(cursor), id > 0 else { throw CaseError(.invalid, field: "after", "is not a cursor from an earlier page") }
            before = id
        } else { before = nil }
        return try write(reason == nil ? .viewHistory : .breakGlass) { db, permit in
            // Break-glass opens exactly the one case, as `referral` does.
            let record = if reason == nil { try inScope(db, permit, ref: ref) } else { try ReferralLookup.record(db, ref: ref) }
            let page = try ChangeHistory().page(db, referralID: record.id, before: before, limit: limit)
            try recordAccess(db, permit, referralIDs: [record.id], personIDs: [record.victimID] + (record.perpetratorID.map { [$0] } ?? []), reason: reason,
                             kind: reason == nil ? .read : .breakGlass)
            return page
        }
    }

    /// One referral in full; its reading is recorded. Outside the person's
    /// scope it does not exist for them, unless they break glass with a reason.
    public func referral(_ ref: String, breakGlass reason: String? = nil) throws(CaseError) -> ReferralDetail {
        if let reason {
            return try write(.breakGlass) { db, permit in
                // Break-glass opens exactly the one case: no linked cases with it.
                var detail = try ReferralLookup.detail(db, ref: ref, scope: ("0", []))
                try recordAccess(db, permit, referralIDs: [detail.referral.id], personIDs: detail.personIDs, reason: reason, kind: .breakGlass)
                detail.serial = try detail.perpetrator.map { try serialStanding(db, perpetratorID: $0.id, rule: try serialRule(db)) }
                return detail
            }
        }
        return try write(.viewReferral) { db, permit in
            let record = try inScope(db, permit, ref: ref)
            var detail = try ReferralLookup.detail(db, record, scope: permit.scope)
            try recordAccess(db, permit, referralIDs: [detail.referral.id] + detail.linkedCases.map(\.id), personIDs: detail.personIDs)
            detail.serial = try detail.perpetrator.map { try serialStanding(db, perpetratorID: $0.id, rule: try serialRule(db)) }
            return detail
        }
    }

    /// Referrals newest first, a page at a time, within the person's scope.
    public func referrals(_ filter: ReferralFilter, limit: Int, after cursor: String? = nil) throws(CaseError) -> Page<ReferralSummary> {
        try write(.listReferrals) { db, permit in
            let page = try ReferralQueries.list(db, filter, limit: limit, after: try ReferralLookup.position(after: cursor), scope: permit.scope)
            try recordAccess(db, permit, referralIDs: page.items.map(\.id))
            return page
        }
    }

    /// The triage queue: a page, and how many wait in all (within scope).
    public func triageQueue(limit: Int, offset: Int = 0) throws(CaseError) -> (page: [ReferralSummary], waiting: Int) {
        try write(.triageQueue) { db, permit in
            let page = try flagSerial(db, try ReferralQueries.triageQueue(db, limit: limit, offset: offset, scope: permit.scope))
            try recordAccess(db, permit, referralIDs: page.map(\.id))
            return (page, try ReferralQueries.waitingCount(db, scope: permit.scope))
        }
    }

    /// Lapses every case with no referral for 12 months. Returns how many.
    /// Not all or nothing: it commits in batches of `batchSize` cases, each one
    /// transaction with its audit rows (the policy asked again in each), so it
    /// never keeps other coordinators waiting for the write lock; a run cut
    /// short leaves whole batches, and running it again finishes the work.
    public func lapseDueCases(batchSize: Int = Session.lapseBatchSize) throws(CaseError) -> Int {
        var total = 0
        var cursor = LapseCursor()
        while true {
            let from = cursor
            let batch = try write(.lapseCases) { db, _ in try statusChanges.lapseBatch(db, from: from, limit: batchSize) }
            total += batch.lapsed
            guard let next = batch.next else { return total }
            cursor = next
            // Leave the lock free for a moment: a writer waiting in SQLite's
            // busy handler wakes and takes it before the next batch.
            usleep(Self.lapsePause)
        }
    }

    /// Microseconds between two lapse batches.
    static let lapsePause: useconds_t = 15_000

    /// The referral if it is within the person's scope; otherwise exactly the
    /// error a missing reference gives, so its existence is not confirmed.
    func inScope(_ db: Database, _ permit: Permit, ref: String) throws -> ReferralRecord {
        let record = try ReferralLookup.record(db, ref: ref)
        guard try ScopeSQL.contains(db, referralID: record.id, grant: permit.grant, login: actor.name, today: today) else {
            throw ReferralLookup.notFound
        }
        return record
    }
}

extension ReferralDetail {
    /// The people a reading of this referral shows.
    var personIDs: [Int64] { [victim.id] + (perpetrator.map { [$0.id] } ?? []) + linkedCases.map(\.victimID) }
}
