internal import MaracStore
import Foundation
internal import GRDB

/// Purging the identities of cases past the MARAC's retention period.
extension Session {
    /// Cases purged per transaction, so no purge holds the write lock for long.
    public static let purgeBatchSize = PurgeService.batchSize

    /// What a purge would remove today: counts only (no identities), and the
    /// setting and cutoff it would run under. Reads in pages of victims.
    public func purgeDryRun() throws(CaseError) -> PurgeReport {
        let service = PurgeService(today: today)
        let months = try read(.purgeCases) { db, _ in try retentionMonths(db) }
        let cutoff = Retention.cutoff(today: today, months: months)
        var counts = PurgeCounts()
        var after: Int64 = 0
        while true {
            let from = after
            let (batch, next) = try read(.purgeCases) { db, _ in
                let (due, next) = try service.dueVictims(db, cutoff: cutoff, afterID: from, limit: PurgeService.batchSize * 4)
                return (try service.count(db, victims: due), next)
            }
            counts.add(batch)
            guard let next else { break }
            after = next
        }
        return PurgeReport(counts: counts, retentionMonths: months, cutoff: cutoff, record: nil, walCleared: true)
    }

    /// Purges every case due under the retention setting. Not all or
    /// nothing: each batch of victims is one transaction with its audit row
    /// and its part of the purge record (the policy asked again in each), so
    /// the write lock is never held long; a run cut short leaves whole
    /// batches, and running it again finishes (a purged person is never
    /// purged twice). Ends by compacting the name index, rebuilding the file
    /// (VACUUM) and truncating the WAL, so no old copy of purged text
    /// survives: `secure_delete` zeroes what is deleted, but copies SQLite left
    /// in pages' unused space when it moved cells long before are only gone
    /// once the file is rebuilt (the purge test found one). The rebuild holds
    /// other writers out while it runs (about 1.3 s per 100,000 referrals);
    /// `rebuildFile: false` leaves it for a quieter moment.
    public func purge(batchSize: Int = Session.purgeBatchSize, rebuildFile: Bool = true) throws(CaseError) -> PurgeReport {
        let service = PurgeService(today: today)
        let (months, record) = try write(.purgeCases) { db, _ in
            let months = try retentionMonths(db)
            let cutoff = Retention.cutoff(today: today, months: months)
            return (months, try service.startRecord(db, months: months, cutoff: cutoff, by: actor, at: clock.timestamp))
        }
        let cutoff = Retention.cutoff(today: today, months: months)
        var counts = PurgeCounts()
        var after: Int64 = 0
        while true {
            let from = after
            let (batch, next) = try write(.purgeCases) { db, _ in
                try PurgeService.secureDelete(db)
                let (due, next) = try service.dueVictims(db, cutoff: cutoff, afterID: from, limit: batchSize)
                let batch = try service.purge(db, victims: due)
                try service.recordBatch(db, record: record, batch, at: clock.timestamp)
                // Counts and the setting; never an identity.
                try Audit.record(db, actor: actor, action: "purge", entity: "purge", entityID: record,
                                 detail: "victims=\(batch.victims) perpetrators=\(batch.perpetrators) referrals=\(batch.referrals) "
                                     + "children=\(batch.children) actions=\(batch.actions) retention-months=\(months) cutoff=\(cutoff)")
                return (batch, next)
            }
            counts.add(batch)
            guard let next else { break }
            after = next
            // Leave the lock free for a moment, as lapse does.
            usleep(Self.lapsePause)
        }
        if counts.victims > 0 {
            // The name index drops the purged names' trigrams: it is rewritten as
            // one segment, and secure_delete zeroes the pages the old ones leave.
            try write(.purgeCases) { db, _ in
                try PurgeService.secureDelete(db)
                try PurgeService.compactSearchIndex(db)
            }
        }
        if rebuildFile, counts.victims > 0 {
            do { try database.writeWithoutTransaction { db in try PurgeService.vacuum(db) } } catch { throw CaseError.from(error) }
        }
        let cleared: Bool
        do { cleared = try database.writeWithoutTransaction { db in try PurgeService.checkpoint(db) } } catch { throw CaseError.from(error) }
        return PurgeReport(counts: counts, retentionMonths: months, cutoff: cutoff, record: record, walCleared: cleared)
    }

    /// The retention setting in months; refused until a MARAC sets it (there is no default).
    private func retentionMonths(_ db: Database) throws -> Int {
        let stored = try SettingStore.value(db, Settings.retentionMonths)
        let months: Int?
        do { months = try Retention.months(setting: stored) } catch { throw CaseError(error) }
        guard let months else {
            throw CaseError(.invalid, field: Settings.retentionMonths,
                            "is not set: there is no default, each MARAC decides how many months a case is kept after its last activity; nothing was purged")
        }
        return months
    }
}

/// What a purge did (or a dry run would do): counts, the setting, the cutoff.
public struct PurgeReport: Sendable, Equatable {
    public var counts: PurgeCounts
    public var retentionMonths: Int
    /// Cases whose latest activity is on or before this day were due.
    public var cutoff: Day
    /// The purge record's id (nil for a dry run).
    public var record: Int64?
    /// False when another reader kept the WAL from being truncated.
    public var walCleared: Bool
}
