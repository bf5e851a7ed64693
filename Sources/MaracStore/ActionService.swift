import Foundation
import GRDB
import MaracCore

/// Actions agreed at MARAC and chased to completion. Every method runs inside
/// the caller's transaction.
public struct ActionService: Sendable {
    package let clock: Clock
    private var referrals: ReferralService { ReferralService(clock: clock) }

    package init(clock: Clock) { self.clock = clock }

    /// Agrees an action on a case on an agenda or heard (Core decides which).
    @discardableResult
    package func add(_ db: Database, _ record: ReferralRecord, agency: String, owner: String, due: Day, description: String,
                     meeting: Day? = nil, by actor: Actor) throws -> Int64 {
        var problems = ProblemList()
        let owner = problems.check { () throws(FieldError) -> String in try ActionRules.requireText(owner, field: "owner") }
        let description = problems.check { () throws(FieldError) -> String in try ActionRules.requireText(description, field: "description") }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM agency WHERE code = ?", arguments: [agency]) != true {
            problems.add("agency", "is not a known agency code")
        }
        try problems.throwIfAny()
        guard record.status.takesActions else {
            throw CaseError(.invalid, "\(record.ref): actions are agreed on a case that is listed or heard; this one is \(record.status.words)")
        }
        // The meeting the action was agreed at: the one named, else the case's latest.
        let meetingID: Int64?
        if let meeting {
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM meeting WHERE held_on = ?", arguments: [meeting.description]) else {
                throw CaseError(.notFound, field: "meeting", "there is no meeting on \(meeting)")
            }
            meetingID = id
        } else {
            meetingID = try Int64.fetchOne(db, sql: """
                SELECT m.id FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
                WHERE i.referral_id = ? ORDER BY m.held_on DESC LIMIT 1
                """, arguments: [record.id])
        }
        let now = clock.timestamp
        try db.execute(sql: """
            INSERT INTO action (referral_id, meeting_id, agency, owner, description, due_on,
                created_at, created_by, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [record.id, meetingID, agency, owner, description, due.description, now, actor.name, now, actor.name])
        let id = db.lastInsertedRowID
        try Audit.record(db, actor: actor, action: "create", entity: "action", entityID: id, detail: "agency=\(agency) due=\(due)")
        if let next = record.status.afterActionAgreed {
            try referrals.transition(db, record, to: next, by: actor, detail: "action agreed")
        }
        return id
    }

    /// Closes an open action as done (with a note) or incomplete (with the
    /// reason); the case closes when its last open action does (Core's rule).
    package func close(_ db: Database, id: Int64, as target: ActionStatus, text given: String, by actor: Actor) throws {
        let field = target == .done ? "note" : "reason"
        let text: String
        do { text = try ActionRules.requireText(given, field: field) } catch { throw CaseError(error) }
        let action = try fetch(db, id: id)
        do { _ = try action.status.transition(to: target) } catch { throw CaseError(.invalid, "action \(id): \(error)") }
        let column = target == .done ? "completion_note" : "incomplete_reason"
        // column is one of two literals above, never user text.
        try db.execute(sql: """
            UPDATE action SET status = ?, \(column) = ?, closed_on = ?, version = version + 1, updated_at = ?, updated_by = ?
            WHERE id = ?
            """, arguments: [target.rawValue, text, clock.today.description, clock.timestamp, actor.name, id])
        try Audit.record(db, actor: actor, action: "status", entity: "action", entityID: id, detail: "\(action.status.rawValue)->\(target.rawValue)")
        let referral = try referrals.fetch(db, ref: action.referralRef)
        let stillOpen = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM action WHERE referral_id = ? AND status = ?",
                                         arguments: [referral.id, ActionStatus.open.rawValue]) ?? 0
        if let next = referral.status.afterActionClosed(stillOpen: stillOpen) {
            try referrals.transition(db, referral, to: next, by: actor, detail: "last action closed")
        }
    }

    package func moveDue(_ db: Database, id: Int64, to due: Day, by actor: Actor) throws {
        do { try ActionRules.checkNewDue(due, today: clock.today) } catch { throw CaseError(error) }
        let action = try fetch(db, id: id)
        guard action.status == .open else { throw CaseError(.invalid, "action \(id) is \(action.status.rawValue); only open actions can move") }
        try db.execute(sql: "UPDATE action SET due_on = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
                       arguments: [due.description, clock.timestamp, actor.name, id])
        try Audit.record(db, actor: actor, action: "update", entity: "action", entityID: id, detail: "due \(action.due)->\(due)")
    }

    package func fetch(_ db: Database, id: Int64) throws -> ActionRecord {
        guard let action = try ActionRecord.fetchOne(db, sql: "SELECT \(ActionRecord.selection) FROM action a \(ActionRecord.joins) WHERE a.id = ?",
                                                     arguments: [id]) else {
            throw CaseError(.notFound, "no action \(id)")
        }
        return action
    }

    public typealias Filter = ActionFilter

    /// Earliest due first (so overdue actions lead), a page at a time.
    /// Overdue is Core's rule: the overdue status, due before today.
    package func list(_ db: Database, _ filter: Filter, limit: Int, after cursor: String? = nil,
                      scope: (sql: String, arguments: StatementArguments) = ("1", [])) throws -> Page<ActionRecord> {
        var conditions: [String] = [scope.sql]
        var arguments: StatementArguments = scope.arguments
        if filter.openOnly || filter.overdueOnly { conditions.append("a.status = ?"); arguments += [ActionRules.overdueStatus.rawValue] }
        if filter.overdueOnly { conditions.append("a.due_on < ?"); arguments += [clock.today.description] }
        if let agency = filter.agency { conditions.append("a.agency = ?"); arguments += [agency] }
        if let cursor {
            guard let (due, id) = Cursor.decode(cursor) else { throw CaseError(.invalid, field: "after", "is not a cursor from an earlier page") }
            conditions.append("(a.due_on > ? OR (a.due_on = ? AND a.id > ?))")
            arguments += [due, due, id]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try ActionRecord.fetchAll(db, sql: """
            SELECT \(ActionRecord.selection) FROM action a \(ActionRecord.joins)
            \(whereClause) ORDER BY a.due_on, a.id LIMIT ?
            """, arguments: arguments + [limit + 1])
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { Cursor.encode($0.due.description, $0.id) } : nil
        return Page(items: items, next: next)
    }
}
