import Foundation
import GRDB
import MaracCore

/// Chase lists: each agency's open actions overdue or due soon, and the
/// escalated ones counted by agency. Every method runs inside the caller's
/// transaction; the rules (which is overdue, due soon, escalated) are Core's.
package struct ChaseService: Sendable {
    package let today: Day

    package init(today: Day) { self.today = today }

    /// The MARAC's chasing settings (`due-soon-days`, `escalation-days`) as
    /// Core reads them: the defaults when unset, a `FieldError` when a stored
    /// value is not a whole number above 0.
    package static func rules(_ db: Database) throws -> ChaseRules {
        try ChaseRules(storedDueSoonDays: try SettingStore.value(db, Settings.dueSoonDays),
                       storedEscalationDays: try SettingStore.value(db, Settings.escalationDays))
    }

    /// The place a page cursor from `page` names (agency, due date, action
    /// id); nil when the text is not such a cursor.
    package static func cursor(_ text: String) -> (agency: String, due: String, id: Int64)? {
        guard let (key, id) = Cursor.decode(text), case let parts = key.split(separator: "|"), parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]), id)
    }

    /// Open actions due on or before the due-soon horizon, agency by agency,
    /// earliest due first within each; a page at a time (cursor: agency, due, id),
    /// walking action_by_agency_open_due.
    package func page(_ db: Database, rules: ChaseRules, agency: String?, limit: Int,
                      after cursor: (agency: String, due: String, id: Int64)? = nil,
                      scope: (sql: String, arguments: StatementArguments) = ("1", [])) throws -> Page<ActionRecord> {
        var conditions = ["a.status = ?", "a.due_on <= ?", scope.sql]
        var arguments: StatementArguments = [ActionRules.overdueStatus.rawValue, rules.horizon(today: today).description] + scope.arguments
        if let agency { conditions.append("a.agency = ?"); arguments += [agency] }
        if let cursor {
            conditions.append("(a.agency, a.due_on, a.id) > (?, ?, ?)")
            arguments += [cursor.agency, cursor.due, cursor.id]
        }
        let rows = try ActionRecord.fetchAll(db, sql: """
            SELECT \(ActionRecord.selection) FROM action a \(ActionRecord.joins)
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY a.agency, a.due_on, a.id LIMIT ?
            """, arguments: arguments + [limit + 1])
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { Cursor.encode("\($0.agency)|\($0.due)", $0.id) } : nil
        return Page(items: items, next: next)
    }

    /// Open actions escalated today (overdue by the escalation days or more), counted by agency.
    package func escalatedByAgency(_ db: Database, rules: ChaseRules) throws -> [(agency: String, count: Int)] {
        try Row.fetchAll(db, sql: """
            SELECT a.agency, COUNT(*) FROM action a WHERE a.status = ? AND a.due_on <= ? GROUP BY a.agency ORDER BY a.agency
            """, arguments: [ActionRules.overdueStatus.rawValue, rules.escalationCutoff(today: today).description]).map { ($0[0], $0[1]) }
    }
}
