import Foundation
import GRDB
import MaracCore

/// Meetings, their agendas, attendance and hearing cases.
public struct MeetingService: Sendable {
    public let database: MaracDatabase
    public let clock: Clock
    private var referrals: ReferralService { ReferralService(database: database, clock: clock) }

    public init(database: MaracDatabase, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    @discardableResult
    public func create(on day: Day, by actor: Actor) throws -> Int64 {
        try database.pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM meeting WHERE held_on = ?", arguments: [day.description]) == true {
                throw StoreError(.invalid, "date: a meeting on \(day) already exists")
            }
            try db.execute(sql: "INSERT INTO meeting (held_on, created_at, created_by) VALUES (?, ?, ?)",
                           arguments: [day.description, clock.timestamp, actor.name])
            let id = db.lastInsertedRowID
            try Audit.record(db, actor: actor, action: "create", entity: "meeting", entityID: id, detail: "held_on=\(day)")
            return id
        }
    }

    static let listSelection = """
        m.id, m.held_on, m.status, m.confidentiality_signed,
        (SELECT COUNT(*) FROM agenda_item i WHERE i.meeting_id = m.id) AS cases,
        (SELECT COUNT(*) FROM agenda_item i WHERE i.meeting_id = m.id AND i.heard = 1) AS heard
        """

    /// Meetings newest first, a page at a time (cursor: the last date shown).
    public func list(limit: Int, before cursor: Day? = nil) throws -> Page<MeetingRecord> {
        let rows = try database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(MeetingService.listSelection) FROM meeting m
                WHERE (? IS NULL OR m.held_on < ?) ORDER BY m.held_on DESC LIMIT ?
                """, arguments: [cursor?.description, cursor?.description, limit + 1])
        }
        let items = try rows.prefix(limit).map(MeetingRecord.init)
        return Page(items: Array(items), next: rows.count > limit ? items.last?.heldOn.description : nil)
    }

    /// The first meeting on or after today that is still planned: where an
    /// accepted case is offered.
    public func nextMeeting() throws -> MeetingRecord? {
        try database.pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT \(MeetingService.listSelection) FROM meeting m
                WHERE m.held_on >= ? AND m.status = 'planned' ORDER BY m.held_on LIMIT 1
                """, arguments: [clock.today.description]).map(MeetingRecord.init)
        }
    }

    func meeting(_ db: Database, on day: Day) throws -> MeetingRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(MeetingService.listSelection) FROM meeting m WHERE m.held_on = ?",
                                         arguments: [day.description]) else {
            throw StoreError(.notFound, "no meeting on \(day) (create it with: marac meeting create \(day))")
        }
        return try MeetingRecord(row: row)
    }

    /// Lists a screened-in (or lapsed, returning) case for a meeting.
    public func addCase(on day: Day, ref: String, by actor: Actor) throws {
        try database.pool.write { db in
            let meeting = try meeting(db, on: day)
            guard meeting.status == "planned" else { throw StoreError(.invalid, "date: the meeting on \(day) has been held") }
            let record = try referrals.fetch(db, ref: ref)
            let wasLapsed = record.status == .lapsed
            try referrals.transition(db, record, to: .listed, by: actor, detail: "listed for \(day)")
            let position = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_item WHERE meeting_id = ?",
                                            arguments: [meeting.id]) ?? 1
            try db.execute(sql: "INSERT INTO agenda_item (meeting_id, referral_id, position) VALUES (?, ?, ?)",
                           arguments: [meeting.id, record.id, position])
            try db.execute(sql: "UPDATE referral SET relisted_after_lapse = ? WHERE id = ?", arguments: [wasLapsed, record.id])
        }
    }

    /// Takes a case off an agenda before it is heard; it waits for another meeting.
    public func removeCase(on day: Day, ref: String, by actor: Actor) throws {
        try database.pool.write { db in
            let meeting = try meeting(db, on: day)
            let record = try referrals.fetch(db, ref: ref)
            let deleted = try db.execute(sql: "DELETE FROM agenda_item WHERE meeting_id = ? AND referral_id = ? AND heard = 0",
                                         arguments: [meeting.id, record.id])
            _ = deleted
            guard db.changesCount == 1 else { throw StoreError(.invalid, "\(ref) is not waiting on the agenda for \(day)") }
            try referrals.transition(db, record, to: .screenedIn, by: actor, detail: "removed from \(day)")
        }
    }

    /// Records which agencies attended (and so signed the confidentiality statement).
    public func attend(on day: Day, agencies: [String], by actor: Actor) throws {
        try database.pool.write { db in
            let meeting = try meeting(db, on: day)
            var problems: [String] = []
            for agency in agencies where try Bool.fetchOne(db, sql: "SELECT 1 FROM agency WHERE code = ?", arguments: [agency]) != true {
                problems.append("agency: '\(TerminalText.escape(agency))' is not a known agency code")
            }
            if !problems.isEmpty { throw StoreError(.invalid, problems) }
            for agency in agencies {
                try db.execute(sql: """
                    INSERT INTO attendance (meeting_id, agency, signed_confidentiality) VALUES (?, ?, 1)
                    ON CONFLICT (meeting_id, agency) DO NOTHING
                    """, arguments: [meeting.id, agency])
            }
            try Audit.record(db, actor: actor, action: "attend", entity: "meeting", entityID: meeting.id,
                             detail: agencies.joined(separator: ","))
        }
    }

    /// Marks a listed case heard at this meeting.
    public func hear(on day: Day, ref: String, by actor: Actor) throws {
        guard day <= clock.today else { throw StoreError(.invalid, "date: the meeting on \(day) is in the future") }
        try database.pool.write { db in
            let meeting = try meeting(db, on: day)
            let record = try referrals.fetch(db, ref: ref)
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM agenda_item WHERE meeting_id = ? AND referral_id = ?",
                                    arguments: [meeting.id, record.id]) == true else {
                throw StoreError(.invalid, "\(ref) is not on the agenda for \(day)")
            }
            try referrals.transition(db, record, to: .heard, by: actor, detail: "heard \(day)")
            let openActions = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM action WHERE referral_id = ? AND status = 'open'",
                                               arguments: [record.id]) ?? 0
            try db.execute(sql: "UPDATE referral SET heard_on = ?, status = ? WHERE id = ?",
                           arguments: [day.description, openActions > 0 ? ReferralStatus.actionsOpen.rawValue : ReferralStatus.heard.rawValue, record.id])
            try db.execute(sql: "UPDATE agenda_item SET heard = 1 WHERE meeting_id = ? AND referral_id = ?",
                           arguments: [meeting.id, record.id])
            try db.execute(sql: "UPDATE meeting SET status = 'held' WHERE id = ?", arguments: [meeting.id])
        }
    }

    /// Records what the agencies shared about a case at this meeting.
    public func recordShared(on day: Day, ref: String, text: String, by actor: Actor) throws {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 10_000 else { throw StoreError(.invalid, "information shared: is required (up to 10,000 characters)") }
        do { try FieldLimits.check("information shared", text) } catch { throw StoreError(.invalid, error.description) }
        try database.pool.write { db in
            let meeting = try meeting(db, on: day)
            let record = try referrals.fetch(db, ref: ref)
            try db.execute(sql: "UPDATE agenda_item SET information_shared = ? WHERE meeting_id = ? AND referral_id = ?",
                           arguments: [text, meeting.id, record.id])
            guard db.changesCount == 1 else { throw StoreError(.invalid, "\(ref) is not on the agenda for \(day)") }
            try Audit.record(db, actor: actor, action: "update", entity: "referral", entityID: record.id, detail: "information shared at \(day)")
        }
    }

    /// What the minutes record: who was there, each case heard with what was
    /// shared, and the actions agreed at the meeting.
    public func minutes(on day: Day) throws -> Minutes {
        let agenda = try agenda(on: day)
        return try database.pool.read { db in
            let shared = try Row.fetchAll(db, sql: """
                SELECT r.ref, i.information_shared FROM agenda_item i JOIN referral r ON r.id = i.referral_id
                WHERE i.meeting_id = ? AND i.information_shared IS NOT NULL
                """, arguments: [agenda.meeting.id])
            let actions = try Row.fetchAll(db, sql: """
                SELECT \(ActionRecord.selection) FROM action a \(ActionRecord.joins)
                WHERE a.meeting_id = ? ORDER BY r.ref, a.id
                """, arguments: [agenda.meeting.id]).map(ActionRecord.init)
            return Minutes(agenda: agenda, shared: Dictionary(shared.map { ($0["ref"], $0["information_shared"]) }, uniquingKeysWith: { a, _ in a }),
                           actions: actions)
        }
    }

    /// The agenda in SafeLives order.
    public func agenda(on day: Day) throws -> Agenda {
        try database.pool.read { db in
            let meeting = try meeting(db, on: day)
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(ReferralSummary.selection), i.position, i.heard AS item_heard, r.relisted_after_lapse
                FROM agenda_item i JOIN referral r ON r.id = i.referral_id JOIN person v ON v.id = r.victim_id
                WHERE i.meeting_id = ?
                """, arguments: [meeting.id])
            var byRef: [String: (ReferralSummary, Bool)] = [:]
            var items: [AgendaItem] = []
            for row in rows {
                let summary = try ReferralSummary(row: row)
                byRef[summary.ref] = (summary, row["item_heard"])
                items.append(AgendaItem(referralRef: summary.ref,
                                        section: .forCase(childrenInHousehold: summary.childrenInHousehold,
                                                          relistedAfterLapse: row["relisted_after_lapse"]),
                                        band: summary.band, score: summary.score, listedPosition: row["position"]))
            }
            let cases = AgendaItem.ordered(items).map { item in
                Agenda.Case(item: item, referral: byRef[item.referralRef]!.0, heard: byRef[item.referralRef]!.1)
            }
            // Actions still open from earlier meetings come first on the agenda: the
            // count, and the first page by due date. CROSS JOIN keeps SQLite walking
            // open actions in due order (action_by_status_due) and stopping at the page.
            let openActions = try Row.fetchAll(db, sql: """
                SELECT \(ActionRecord.selection) FROM action a CROSS JOIN meeting m CROSS JOIN referral r
                WHERE m.id = a.meeting_id AND r.id = a.referral_id AND a.status = 'open' AND m.held_on < ?
                ORDER BY a.due_on, a.id LIMIT 100
                """, arguments: [day.description]).map(ActionRecord.init)
            let openActionCount = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM action a
                WHERE a.status = 'open' AND a.meeting_id IN (SELECT id FROM meeting WHERE held_on < ?)
                """, arguments: [day.description]) ?? 0
            let attendance = try String.fetchAll(db, sql: "SELECT agency FROM attendance WHERE meeting_id = ? ORDER BY agency",
                                                 arguments: [meeting.id])
            return Agenda(meeting: meeting, openActions: openActions, openActionCount: openActionCount, cases: cases, attendance: attendance)
        }
    }
}

/// A meeting's agenda, ready to print or circulate.
public struct Agenda: Sendable {
    public struct Case: Sendable {
        public var item: AgendaItem
        public var referral: ReferralSummary
        public var heard: Bool
    }

    public var meeting: MeetingRecord
    /// The first 100 open actions from earlier meetings, earliest due first.
    public var openActions: [ActionRecord]
    public var openActionCount: Int
    public var cases: [Case]
    public var attendance: [String]
}

/// A meeting's minutes, for circulation to the agencies within a few working days.
public struct Minutes: Sendable {
    public var agenda: Agenda
    /// What agencies shared, by referral reference.
    public var shared: [String: String]
    public var actions: [ActionRecord]
}
