import Foundation
import GRDB
import MaracCore

/// Reading the access records: who saw a referral or a person, when, through
/// which use case and why; and the break-glass reads for review. Newest first,
/// paged by access id. Each is an index lookup (access_referral_by_referral,
/// access_person_by_person, access_by_kind). Read inside the caller's transaction.
public struct AccessLog: Sendable {
    package init() {}


    /// Who saw this referral.
    package func forReferral(_ db: Database, id: Int64, before cursor: Int64? = nil, limit: Int) throws -> Page<AccessEntry> {
        try page(db, join: "JOIN access_referral s ON s.access_id = a.id WHERE s.referral_id = ?", [id], before: cursor, limit: limit, refs: false)
    }

    /// Who saw this person (a victim or perpetrator, by person id).
    package func forPerson(_ db: Database, id: Int64, before cursor: Int64? = nil, limit: Int) throws -> Page<AccessEntry> {
        try page(db, join: "JOIN access_person s ON s.access_id = a.id WHERE s.person_id = ?", [id], before: cursor, limit: limit, refs: false)
    }

    /// Cases opened outside the reader's scope, with their reasons.
    package func breakGlass(_ db: Database, before cursor: Int64? = nil, limit: Int) throws -> Page<AccessEntry> {
        try page(db, join: "WHERE a.kind = 'break_glass'", [], before: cursor, limit: limit, refs: true)
    }

    private func page(_ db: Database, join: String, _ arguments: StatementArguments, before cursor: Int64?, limit: Int, refs: Bool) throws -> Page<AccessEntry> {
        var arguments = arguments
        var condition = ""
        if let cursor { condition = " AND a.id < ?"; arguments += [cursor] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT a.id, a.at, a.actor, a.use_case, a.kind, a.reason,
                   (SELECT COUNT(*) FROM access_referral r WHERE r.access_id = a.id),
                   (SELECT COUNT(*) FROM access_person p WHERE p.access_id = a.id)
            FROM access a \(join)\(condition) ORDER BY a.id DESC LIMIT ?
            """, arguments: arguments + [limit + 1])
        let entries: [AccessEntry] = try rows.map { row in
            let id: Int64 = row[0]
            let shown = refs ? try String.fetchAll(db, sql: """
                SELECT referral.ref FROM access_referral r JOIN referral ON referral.id = r.referral_id
                WHERE r.access_id = ? ORDER BY referral.ref LIMIT 20
                """, arguments: [id]) : []
            return AccessEntry(id: id, at: row[1], actor: row[2], useCase: row[3], kind: AccessKind(rawValue: row[4]) ?? .read,
                         reason: row[5], referralsShown: row[6], peopleShown: row[7], refs: shown)
        }
        let items = Array(entries.prefix(limit))
        return Page(items: items, next: entries.count > limit ? items.last.map { String($0.id) } : nil)
    }

    /// Whether a person with this id exists.
    package func personExists(_ db: Database, id: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM person WHERE id = ?)", arguments: [id]) ?? false
    }
}
