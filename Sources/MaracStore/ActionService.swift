import Foundation
import GRDB
import MaracCore

/// Actions agreed at MARAC and chased to completion.
public struct ActionService: Sendable {
    public let database: MaracDatabase
    public let clock: Clock
    private var referrals: ReferralService { ReferralService(database: database, clock: clock) }

    public init(database: MaracDatabase, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    /// Agrees an action on a case. The case must be on an agenda or heard.
    @discardableResult
    public func add(ref: String, agency: String, owner: String, due: Day, description: String,
                    meeting: Day? = nil, by actor: Actor) throws -> Int64 {
        var problems = ProblemList()
        let owner = problems.check { () throws(FieldError) -> String in try ActionRules.requireText(owner, field: "owner") }
        let description = problems.check { () throws(FieldError) -> String in try ActionRules.requireText(description, field: "description") }
        if !problems.isEmpty { throw StoreError(.invalid, problems.problems.map(\.description)) }
        return try database.pool.write { db in
            let record = try referrals.fetch(db, ref: ref)
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM agency WHERE code = ?", arguments: [agency]) == true else {
                throw StoreError(.invalid, "agency: '\(TerminalText.escape(agency))' is not a known agency code")
            }
            guard [.listed, .heard, .actionsOpen].contains(record.status) else {
                throw StoreError(.invalid, "\(ref): actions are agreed on a case that is listed or heard; this one is \(record.status.words)")
            }
            // The meeting the action was agreed at: the one named, else the case's latest.
            let meetingID: Int64?
            if let meeting {
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM meeting WHERE held_on = ?", arguments: [meeting.description]) else {
                    throw StoreError(.notFound, "no meeting on \(meeting)")
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
            if record.status == .heard {
                try referrals.transition(db, record, to: .actionsOpen, by: actor, detail: "action agreed")
            }
            return id
        }
    }

    public func complete(id: Int64, note: String, by actor: Actor) throws {
        let note = try required(note, field: "note")
        try close(id: id, as: .done, column: "completion_note", text: note, by: actor)
    }

    public func markIncomplete(id: Int64, reason: String, by actor: Actor) throws {
        let reason = try required(reason, field: "reason")
        try close(id: id, as: .incomplete, column: "incomplete_reason", text: reason, by: actor)
    }

    private func required(_ text: String, field: String) throws -> String {
        do { return try ActionRules.requireText(text, field: field) } catch { throw StoreError(.invalid, error.description) }
    }

    private func close(id: Int64, as target: ActionStatus, column: String, text: String, by actor: Actor) throws {
        try database.pool.write { db in
            let action = try fetch(db, id: id)
            do { _ = try action.status.transition(to: target) } catch { throw StoreError(.invalid, "action \(id): \(error)") }
            // column is one of two literals above, never user text.
            try db.execute(sql: """
                UPDATE action SET status = ?, \(column) = ?, closed_on = ?, version = version + 1, updated_at = ?, updated_by = ?
                WHERE id = ?
                """, arguments: [target.rawValue, text, clock.today.description, clock.timestamp, actor.name, id])
            try Audit.record(db, actor: actor, action: "status", entity: "action", entityID: id, detail: "open->\(target.rawValue)")
            // The case closes when its last open action does.
            let referral = try referrals.fetch(db, ref: action.referralRef)
            let stillOpen = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM action WHERE referral_id = ? AND status = 'open'",
                                             arguments: [referral.id]) ?? 0
            if stillOpen == 0, referral.status == .actionsOpen {
                try referrals.transition(db, referral, to: .closed, by: actor, detail: "last action closed")
            }
        }
    }

    public func moveDue(id: Int64, to due: Day, by actor: Actor) throws {
        try database.pool.write { db in
            let action = try fetch(db, id: id)
            guard action.status == .open else { throw StoreError(.invalid, "action \(id) is \(action.status.rawValue); only open actions can move") }
            try db.execute(sql: "UPDATE action SET due_on = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
                           arguments: [due.description, clock.timestamp, actor.name, id])
            try Audit.record(db, actor: actor, action: "update", entity: "action", entityID: id, detail: "due \(action.due)->\(due)")
        }
    }

    func fetch(_ db: Database, id: Int64) throws -> ActionRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(ActionRecord.selection) FROM action a \(ActionRecord.joins) WHERE a.id = ?",
                                         arguments: [id]) else {
            throw StoreError(.notFound, "no action \(id)")
        }
        return try ActionRecord(row: row)
    }

    public struct Filter: Sendable {
        public var openOnly = false
        public var overdueOnly = false
        public var agency: String?
        public init(openOnly: Bool = false, overdueOnly: Bool = false, agency: String? = nil) {
            self.openOnly = openOnly
            self.overdueOnly = overdueOnly
            self.agency = agency
        }
    }

    /// Earliest due first (so overdue actions lead), a page at a time.
    public func list(_ filter: Filter, limit: Int, after cursor: String? = nil) throws -> Page<ActionRecord> {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if filter.openOnly || filter.overdueOnly { conditions.append("a.status = 'open'") }
        if filter.overdueOnly { conditions.append("a.due_on < ?"); arguments += [clock.today.description] }
        if let agency = filter.agency { conditions.append("a.agency = ?"); arguments += [agency] }
        if let cursor {
            guard let (due, id) = Cursor.decode(cursor) else { throw StoreError(.invalid, "after: not a cursor from an earlier page") }
            conditions.append("(a.due_on > ? OR (a.due_on = ? AND a.id > ?))")
            arguments += [due, due, id]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(ActionRecord.selection) FROM action a \(ActionRecord.joins)
                \(whereClause) ORDER BY a.due_on, a.id LIMIT \(limit + 1)
                """, arguments: arguments)
        }
        let items = try rows.prefix(limit).map(ActionRecord.init)
        let next = rows.count > limit ? items.last.map { Cursor.encode($0.due.description, $0.id) } : nil
        return Page(items: Array(items), next: next)
    }
}
