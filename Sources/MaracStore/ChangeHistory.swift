import Foundation
import GRDB
import MaracCore

/// The record's history (`change_history`, v12): written in the caller's
/// transaction beside the change and its audit row, read a page at a time.
package struct ChangeHistory: Sendable {
    package init() {}

    /// Keeps the earlier value of each field a correction changed.
    /// `at` is the use case's clock when it has one (so a fixed clock gives fixed rows).
    package func record(_ db: Database, actor: Actor, entity: String, entityID: Int64, referralID: Int64?,
                        changes: [FieldChange], reason: String, at: String = Timestamp.string(Date())) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO change_history (at, actor, entity, entity_id, referral_id, field, old_value, new_value, identifying, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for change in changes {
            try insert.execute(arguments: [at, actor.name, entity, entityID, referralID, change.field,
                                           change.from, change.to, change.identifying, reason])
        }
    }

    /// A case's history, newest first, before the cursor (an entry id).
    package func page(_ db: Database, referralID: Int64, before cursor: Int64? = nil, limit: Int) throws -> Page<HistoryEntry> {
        let rows = try HistoryEntry.fetchAll(db, sql: """
            SELECT id, at, actor, entity, entity_id, referral_id, field, old_value, new_value, identifying, reason
            FROM change_history WHERE referral_id = ? AND id < ? ORDER BY id DESC LIMIT ?
            """, arguments: [referralID, cursor ?? Int64.max, limit + 1])
        let items = Array(rows.prefix(limit))
        return Page(items: items, next: rows.count > limit ? items.last.map { String($0.id) } : nil)
    }

    /// Purge: the identifying values kept for these cases are blanked (the
    /// rows stay: who changed which field, when and why).
    package func blankIdentifying(_ db: Database, referralIDs: [Int64]) throws {
        let blank = try db.cachedStatement(sql: """
            UPDATE change_history SET old_value = NULL, new_value = NULL
            WHERE referral_id = ? AND identifying = 1 AND (old_value IS NOT NULL OR new_value IS NOT NULL)
            """)
        for id in referralIDs { try blank.execute(arguments: [id]) }
    }
}

extension HistoryEntry: FetchableRecord {
    public init(row: Row) throws {
        self.init(id: row["id"], at: row["at"], actor: row["actor"], entity: row["entity"], entityID: row["entity_id"],
                  referralID: row["referral_id"],
                  change: FieldChange(field: row["field"], from: row["old_value"], to: row["new_value"], identifying: row["identifying"]),
                  reason: row["reason"])
    }
}
