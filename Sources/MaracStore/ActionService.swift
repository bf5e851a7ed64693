import Foundation
import GRDB
import MaracCore

/// Actions agreed at MARAC and chased to completion: reads and writes only,
/// inside the caller's transaction; the checks, errors and audit rows are the
/// use-case layer's (MaracCases/Actions).
public struct ActionService: Sendable {
    package let clock: Clock

    package init(clock: Clock) { self.clock = clock }

    /// The meeting a case was last listed at, if any.
    package func latestMeetingID(_ db: Database, referralID: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT m.id FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
            WHERE i.referral_id = ? ORDER BY m.held_on DESC LIMIT 1
            """, arguments: [referralID])
    }

    /// Adds an open action; returns its id.
    package func insert(_ db: Database, referralID: Int64, meetingID: Int64?, agency: String, owner: String, due: Day,
                        description: String, by actor: Actor) throws -> Int64 {
        let now = clock.timestamp
        try db.execute(sql: """
            INSERT INTO action (referral_id, meeting_id, agency, owner, description, due_on,
                created_at, created_by, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [referralID, meetingID, agency, owner, description, due.description, now, actor.name, now, actor.name])
        return db.lastInsertedRowID
    }

    /// Closes an action as done (the text kept as its completion note) or
    /// incomplete (the text kept as the reason), today.
    package func close(_ db: Database, id: Int64, as target: ActionStatus, text: String, by actor: Actor) throws {
        let column = target == .done ? "completion_note" : "incomplete_reason"
        // column is one of two literals above, never user text.
        try db.execute(sql: """
            UPDATE action SET status = ?, \(column) = ?, closed_on = ?, version = version + 1, updated_at = ?, updated_by = ?
            WHERE id = ?
            """, arguments: [target.rawValue, text, clock.today.description, clock.timestamp, actor.name, id])
    }

    /// How many of a case's actions are still open.
    package func openCount(_ db: Database, referralID: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM action WHERE referral_id = ? AND status = ?",
                         arguments: [referralID, ActionStatus.open.rawValue]) ?? 0
    }

    package func setDue(_ db: Database, id: Int64, to due: Day, by actor: Actor) throws {
        try db.execute(sql: "UPDATE action SET due_on = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
                       arguments: [due.description, clock.timestamp, actor.name, id])
    }

    /// Hands an open action to another owner and agency.
    package func reassign(_ db: Database, id: Int64, owner: String, agency: String, by actor: Actor) throws {
        try db.execute(sql: "UPDATE action SET owner = ?, agency = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
                       arguments: [owner, agency, clock.timestamp, actor.name, id])
    }

    /// Opens a closed action again: its note or reason and closing day are
    /// cleared here (the record's history keeps them).
    package func reopen(_ db: Database, id: Int64, by actor: Actor) throws {
        try db.execute(sql: """
            UPDATE action SET status = ?, completion_note = NULL, incomplete_reason = NULL, closed_on = NULL,
                version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?
            """, arguments: [ActionStatus.open.rawValue, clock.timestamp, actor.name, id])
    }

    /// How many of the actions agreed at a meeting on a case are closed (done or incomplete).
    package func closedCount(_ db: Database, referralID: Int64, meetingID: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM action WHERE referral_id = ? AND meeting_id = ? AND status <> ?",
                         arguments: [referralID, meetingID, ActionStatus.open.rawValue]) ?? 0
    }

    package func fetch(_ db: Database, id: Int64) throws -> ActionRecord? {
        try ActionRecord.fetchOne(db, sql: "SELECT \(ActionRecord.selection) FROM action a \(ActionRecord.joins) WHERE a.id = ?",
                                  arguments: [id])
    }

    /// The place a page cursor from `list` names (due date, action id); nil
    /// when the text is not such a cursor.
    package static func cursor(_ text: String) -> (due: String, id: Int64)? {
        Cursor.decode(text).map { (due: $0.0, id: $0.1) }
    }


    /// The actions agreed on the cases of one meeting's agenda (at it or at
    /// any other), earliest due first: meeting mode's actions panel. Read by
    /// `agenda_item` (meeting, referral) and `action_by_referral`.
    package func onAgenda(_ db: Database, meetingID: Int64, agency: String?, limit: Int,
                          scope: (sql: String, arguments: StatementArguments)) throws -> [ActionRecord] {
        var arguments: StatementArguments = [meetingID]
        var agencyCondition = ""
        if let agency { agencyCondition = "AND a.agency = ?"; arguments += [agency] }
        return try ActionRecord.fetchAll(db, sql: """
            SELECT \(ActionRecord.selection) FROM agenda_item s CROSS JOIN action a ON a.referral_id = s.referral_id \(ActionRecord.joins)
            WHERE s.meeting_id = ? \(agencyCondition) AND \(scope.sql) ORDER BY a.due_on, a.id LIMIT ?
            """, arguments: arguments + scope.arguments + [limit])
    }

    /// Earliest due first (so overdue actions lead), a page at a time.
    /// Overdue is Core's rule: the overdue status, due before today.
    package func list(_ db: Database, _ filter: ActionFilter, limit: Int, after cursor: (due: String, id: Int64)? = nil,
                      scope: (sql: String, arguments: StatementArguments) = ("1", []),
                      scopeIDs: (sql: String, arguments: StatementArguments)? = nil) throws -> Page<ActionRecord> {
        var conditions: [String] = [scope.sql]
        var arguments: StatementArguments = scope.arguments
        // From the scope's cases, the unary `+` keeps the planner on
        // action_by_referral: without ANALYZE statistics it would search the
        // agency's open actions once for every case in scope.
        let plus = scopeIDs == nil ? "" : "+"
        if filter.openOnly || filter.overdueOnly { conditions.append("\(plus)a.status = ?"); arguments += [ActionRules.overdueStatus.rawValue] }
        if filter.overdueOnly { conditions.append("\(plus)a.due_on < ?"); arguments += [clock.today.description] }
        if let agency = filter.agency { conditions.append("\(plus)a.agency = ?"); arguments += [agency] }
        if let (due, id) = cursor {
            conditions.append("(a.due_on > ? OR (a.due_on = ? AND a.id > ?))")
            arguments += [due, due, id]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        // A scope that lists its cases by index: start from them (CROSS JOIN
        // fixes the order of the loops), and sort the few actions they have.
        let from = scopeIDs.map { "(\($0.sql)) s CROSS JOIN action a ON a.referral_id = s.id" } ?? "action a"
        let rows = try ActionRecord.fetchAll(db, sql: """
            SELECT \(ActionRecord.selection) FROM \(from) \(ActionRecord.joins)
            \(whereClause) ORDER BY a.due_on, a.id LIMIT ?
            """, arguments: (scopeIDs?.arguments ?? []) + arguments + [limit + 1])
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { Cursor.encode($0.due.description, $0.id) } : nil
        return Page(items: items, next: next)
    }
}
