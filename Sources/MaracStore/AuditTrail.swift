import Foundation
import GRDB
import MaracCore

/// Reading the audit trail: who did what, when, newest first.
public struct AuditTrail: Sendable {
    package init() {}


    /// A page of entries, optionally for one entity (`referral` and its id),
    /// before the cursor (an entry id).
    package func page(_ db: Database, entity: String? = nil, entityID: Int64? = nil, before cursor: Int64? = nil, limit: Int) throws -> Page<AuditEntry> {
        // Conditions are added only when given, so SQLite can use audit_by_entity.
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let entity { conditions.append("entity = ?"); arguments += [entity] }
        if let entityID { conditions.append("entity_id = ?"); arguments += [entityID] }
        if let cursor { conditions.append("id < ?"); arguments += [cursor] }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, at, actor, action, entity, entity_id, detail FROM audit
            \(whereClause) ORDER BY id DESC LIMIT ?
            """, arguments: arguments + [limit + 1])
        let items = rows.prefix(limit).map {
            AuditEntry(id: $0["id"], at: $0["at"], actor: $0["actor"], action: $0["action"], entity: $0["entity"],
                  entityID: $0["entity_id"], detail: $0["detail"])
        }
        return Page(items: Array(items), next: rows.count > limit ? items.last.map { String($0.id) } : nil)
    }

    /// The database id of a referral, to read its trail; nil when there is no such referral.
    package func referralID(_ db: Database, ref: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM referral WHERE ref = ?", arguments: [ref])
    }
}
