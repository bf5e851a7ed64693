import GRDB
import MaracCore

/// What the meetings' and actions' code still calls from the referral table
/// while their own slice of issue 19 moves its decisions up: a referral by
/// reference, refused when missing, and a status change asked of Core and
/// audited. The referral's reads and writes are `ReferralQueries`,
/// `ReferralRows`, `ReferralPeople`, `ReferralRepeats` and
/// `ReferralLifecycle`; the use-case layer decides with them (MaracCases'
/// `Referrals/`: `ReferralLookup`, `StatusChanges`). Once nothing calls this,
/// it goes.
public struct ReferralService: Sendable {
    package let clock: Clock

    package init(clock: Clock) { self.clock = clock }

    package func fetch(_ db: Database, ref: String) throws -> ReferralRecord {
        guard let record = try ReferralQueries.record(db, ref: ref) else {
            throw CaseError(.notFound, "no referral \(TerminalText.escape(ref))")
        }
        return record
    }

    /// Every status change: asks Core whether it is legal, writes it and its audit row.
    @discardableResult
    package func transition(_ db: Database, _ record: ReferralRecord, to target: ReferralStatus, by actor: Actor, detail: String) throws -> ReferralRecord {
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
}
