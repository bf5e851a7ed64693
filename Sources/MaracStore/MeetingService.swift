import Foundation
import GRDB
import MaracCore

/// Meetings, their agendas, attendance and hearing cases. Every method runs
/// inside the caller's transaction.
package struct MeetingService: Sendable {
    package let clock: Clock
    private var referrals: ReferralService { ReferralService(clock: clock) }

    package init(clock: Clock) { self.clock = clock }

    @discardableResult
    package func create(_ db: Database, on day: Day, by actor: Actor) throws -> Int64 {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM meeting WHERE held_on = ?", arguments: [day.description]) == true {
            throw CaseError(.invalid, field: "date", "a meeting on \(day) already exists")
        }
        try db.execute(sql: "INSERT INTO meeting (held_on, status, created_at, created_by) VALUES (?, ?, ?, ?)",
                       arguments: [day.description, MeetingStatus.planned.rawValue, clock.timestamp, actor.name])
        let id = db.lastInsertedRowID
        try Audit.record(db, actor: actor, action: "create", entity: "meeting", entityID: id, detail: "held_on=\(day)")
        return id
    }

    static let listSelection = """
        m.id, m.held_on, m.status, m.confidentiality_signed,
        (SELECT COUNT(*) FROM agenda_item i WHERE i.meeting_id = m.id) AS cases,
        (SELECT COUNT(*) FROM agenda_item i WHERE i.meeting_id = m.id AND i.heard = 1) AS heard
        """

    /// Meetings newest first, a page at a time (cursor: the last date shown).
    package func list(_ db: Database, limit: Int, before cursor: Day? = nil) throws -> Page<MeetingRecord> {
        let rows = try MeetingRecord.fetchAll(db, sql: """
            SELECT \(MeetingService.listSelection) FROM meeting m
            WHERE (? IS NULL OR m.held_on < ?) ORDER BY m.held_on DESC LIMIT ?
            """, arguments: [cursor?.description, cursor?.description, limit + 1])
        let items = Array(rows.prefix(limit))
        return Page(items: items, next: rows.count > limit ? items.last?.heldOn.description : nil)
    }

    /// The first meeting on or after today that still takes cases: where an
    /// accepted case is listed unless the person chooses another.
    package func nextMeeting(_ db: Database) throws -> MeetingRecord? {
        try MeetingRecord.fetchOne(db, sql: """
            SELECT \(MeetingService.listSelection) FROM meeting m
            WHERE m.held_on >= ? AND m.status = ? ORDER BY m.held_on LIMIT 1
            """, arguments: [clock.today.description, MeetingStatus.planned.rawValue])
    }

    package func meeting(_ db: Database, on day: Day) throws -> MeetingRecord {
        guard let meeting = try MeetingRecord.fetchOne(db, sql: "SELECT \(MeetingService.listSelection) FROM meeting m WHERE m.held_on = ?",
                                                       arguments: [day.description]) else {
            throw CaseError(.notFound, field: "date", "there is no meeting on \(day)", hint: .createMeeting(day))
        }
        return meeting
    }

    /// Lists a screened-in (or lapsed, returning) case on a meeting's agenda.
    package func addCase(_ db: Database, on day: Day, _ record: ReferralRecord, urgentLate: Bool = false, by actor: Actor) throws {
        let meeting = try meeting(db, on: day)
        guard meeting.status.acceptsCase(urgentLate: urgentLate) else {
            throw CaseError(.invalid, field: "date", "the meeting on \(day) has been held; its agenda is closed")
        }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM agenda_item WHERE meeting_id = ? AND referral_id = ?",
                             arguments: [meeting.id, record.id]) == true {
            throw CaseError(.invalid, "\(record.ref) is already on the agenda for \(day)")
        }
        let wasLapsed = record.status == .lapsed
        let late = urgentLate && !meeting.status.acceptsCases
        try referrals.transition(db, record, to: .listed, by: actor, detail: late ? "listed late (urgent) for \(day)" : "listed for \(day)")
        let position = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_item WHERE meeting_id = ?",
                                        arguments: [meeting.id]) ?? 1
        try db.execute(sql: "INSERT INTO agenda_item (meeting_id, referral_id, position) VALUES (?, ?, ?)",
                       arguments: [meeting.id, record.id, position])
        try db.execute(sql: "UPDATE referral SET relisted_after_lapse = ? WHERE id = ?", arguments: [wasLapsed, record.id])
    }

    /// Takes a case off an agenda before it is heard; it waits for another meeting.
    @discardableResult
    package func removeCase(_ db: Database, on day: Day, _ record: ReferralRecord, by actor: Actor) throws -> ReferralRecord {
        let meeting = try meeting(db, on: day)
        try db.execute(sql: "DELETE FROM agenda_item WHERE meeting_id = ? AND referral_id = ? AND heard = 0",
                       arguments: [meeting.id, record.id])
        guard db.changesCount == 1 else { throw CaseError(.invalid, "\(record.ref) is not waiting on the agenda for \(day)") }
        return try referrals.transition(db, record, to: .screenedIn, by: actor, detail: "removed from \(day)")
    }

    /// Puts a case in a new place within its agenda section, by hand. Core's
    /// rule gives every case of that section its place (the section order
    /// itself cannot change); the places are kept on the agenda items, with
    /// an audit row. Returns the case's new place and the section's size.
    @discardableResult
    package func reorder(_ db: Database, on day: Day, _ record: ReferralRecord, by actor: Actor,
                         _ rule: ([AgendaItem]) throws(CaseError) -> [(ref: String, handPosition: Int)]) throws -> (place: Int, count: Int) {
        let meeting = try meeting(db, on: day)
        // The whole agenda, whoever asks: places are counted among every case of the section.
        let items = try agenda(db, on: day).cases.map(\.item)
        let places = try rule(items)
        for (ref, place) in places {
            try db.execute(sql: """
                INSERT INTO agenda_item_place (agenda_item_id, hand_position)
                SELECT i.id, ? FROM agenda_item i JOIN referral r ON r.id = i.referral_id WHERE i.meeting_id = ? AND r.ref = ?
                ON CONFLICT (agenda_item_id) DO UPDATE SET hand_position = excluded.hand_position
                """, arguments: [place, meeting.id, ref])
        }
        guard let placed = places.first(where: { $0.ref == record.ref }),
              let section = items.first(where: { $0.referralRef == record.ref })?.section else {
            throw CaseError(.invalid, "\(record.ref) is not on the agenda for \(day)")
        }
        try Audit.record(db, actor: actor, action: "reorder", entity: "referral", entityID: record.id,
                         detail: "place \(placed.handPosition) of \(places.count) in \(section.code) on \(day)")
        return (placed.handPosition, places.count)
    }

    /// Every code given must be a known agency; all unknown ones are named at once.
    private func checkAgencies(_ db: Database, _ agencies: [String]) throws {
        var problems: [CaseError.Problem] = []
        for agency in agencies where try Bool.fetchOne(db, sql: "SELECT 1 FROM agency WHERE code = ?", arguments: [agency]) != true {
            problems.append(.init(field: "agency", "is not a known agency code"))
        }
        if !problems.isEmpty { throw CaseError(.invalid, problems) }
    }

    /// Records which agencies attended (and so signed the confidentiality statement).
    package func attend(_ db: Database, on day: Day, agencies: [String], by actor: Actor) throws {
        let meeting = try meeting(db, on: day)
        try checkAgencies(db, agencies)
        for agency in agencies {
            // Present now: an agency that had only confirmed it would come signs on arrival.
            try db.execute(sql: """
                INSERT INTO attendance (meeting_id, agency, signed_confidentiality) VALUES (?, ?, 1)
                ON CONFLICT (meeting_id, agency) DO UPDATE SET signed_confidentiality = 1
                """, arguments: [meeting.id, agency])
        }
        try Audit.record(db, actor: actor, action: "attend", entity: "meeting", entityID: meeting.id,
                         detail: agencies.joined(separator: ","))
    }

    /// Records agencies that confirmed before the meeting that they will attend
    /// (a row not yet signed): they are expected to return research, and a
    /// referrer that confirmed keeps its case off the "defer?" list.
    package func confirm(_ db: Database, on day: Day, agencies: [String], by actor: Actor) throws {
        let meeting = try meeting(db, on: day)
        try checkAgencies(db, agencies)
        for agency in agencies {
            try db.execute(sql: """
                INSERT INTO attendance (meeting_id, agency, signed_confidentiality) VALUES (?, ?, 0)
                ON CONFLICT (meeting_id, agency) DO NOTHING
                """, arguments: [meeting.id, agency])
        }
        try Audit.record(db, actor: actor, action: "confirm", entity: "meeting", entityID: meeting.id,
                         detail: agencies.joined(separator: ","))
    }

    /// Marks a listed case heard at this meeting: listed → heard, and on to
    /// actions open when actions are already agreed, each step through Core's
    /// transitions with its audit row.
    package func hear(_ db: Database, on day: Day, _ record: ReferralRecord, by actor: Actor) throws {
        guard day <= clock.today else { throw CaseError(.invalid, field: "date", "the meeting on \(day) is in the future") }
        let meeting = try meeting(db, on: day)
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM agenda_item WHERE meeting_id = ? AND referral_id = ?",
                                arguments: [meeting.id, record.id]) == true else {
            throw CaseError(.invalid, "\(record.ref) is not on the agenda for \(day)")
        }
        var current = try referrals.transition(db, record, to: .heard, by: actor, detail: "heard \(day)")
        try db.execute(sql: "UPDATE referral SET heard_on = ? WHERE id = ?", arguments: [day.description, record.id])
        let openActions = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM action WHERE referral_id = ? AND status = ?",
                                           arguments: [record.id, ActionStatus.open.rawValue]) ?? 0
        let after = ReferralStatus.afterHearing(openActions: openActions)
        if after != current.status {
            current = try referrals.transition(db, current, to: after, by: actor, detail: "actions agreed before hearing")
        }
        try db.execute(sql: "UPDATE agenda_item SET heard = 1 WHERE meeting_id = ? AND referral_id = ?",
                       arguments: [meeting.id, record.id])
        if meeting.status != .held {
            try db.execute(sql: "UPDATE meeting SET status = ? WHERE id = ?", arguments: [MeetingStatus.held.rawValue, meeting.id])
            try Audit.record(db, actor: actor, action: "status", entity: "meeting", entityID: meeting.id,
                             detail: "\(meeting.status.rawValue)->\(MeetingStatus.held.rawValue)")
        }
    }

    /// Adds what an agency shared about a case at this meeting to what was recorded before.
    package func recordShared(_ db: Database, on day: Day, _ record: ReferralRecord, text: String, by actor: Actor) throws {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw CaseError(.invalid, field: "information shared", "is required") }
        do { try FieldLimits.check("information shared", text) } catch { throw CaseError(error) }
        let meeting = try meeting(db, on: day)
        // Appended, dated, never overwritten: what one agency said survives the next (issue 10).
        let entry = "\(clock.today): \(text)"
        try db.execute(sql: """
            UPDATE agenda_item SET information_shared =
              CASE WHEN information_shared IS NULL OR information_shared = '' THEN ?1 ELSE information_shared || char(10) || ?1 END
            WHERE meeting_id = ?2 AND referral_id = ?3
            """, arguments: [entry, meeting.id, record.id])
        guard db.changesCount == 1 else { throw CaseError(.invalid, "\(record.ref) is not on the agenda for \(day)") }
        try Audit.record(db, actor: actor, action: "update", entity: "referral", entityID: record.id, detail: "information shared at \(day)")
    }

    /// What the minutes record: who was there, each case heard with what was
    /// shared, and the actions agreed at the meeting.
    package func minutes(_ db: Database, on day: Day) throws -> Minutes {
        let agenda = try agenda(db, on: day)
        let shared = try Row.fetchAll(db, sql: """
            SELECT r.ref, i.information_shared FROM agenda_item i JOIN referral r ON r.id = i.referral_id
            WHERE i.meeting_id = ? AND i.information_shared IS NOT NULL
            """, arguments: [agenda.meeting.id]).map { row in
            let r = RecordReader(row, table: "agenda_item")
            return (try r.value("ref") as String, try r.value("information_shared") as String)
        }
        let actions = try ActionRecord.fetchAll(db, sql: """
            SELECT \(ActionRecord.selection) FROM action a \(ActionRecord.joins)
            WHERE a.meeting_id = ? ORDER BY r.ref, a.id
            """, arguments: [agenda.meeting.id])
        let research = Dictionary(grouping: try ResearchService(clock: clock).returns(db, meetingID: agenda.meeting.id), by: \.ref)
        return Minutes(agenda: agenda, shared: Dictionary(shared, uniquingKeysWith: { a, _ in a }), actions: actions, research: research)
    }

    /// The agenda in SafeLives order.
    package func agenda(_ db: Database, on day: Day, scope: (sql: String, arguments: StatementArguments) = ("1", [])) throws -> Agenda {
        let meeting = try meeting(db, on: day)
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(ReferralSummary.selection), i.position, h.hand_position, i.heard AS item_heard, r.relisted_after_lapse, r.perpetrator_id
            FROM agenda_item i JOIN referral r ON r.id = i.referral_id JOIN person v ON v.id = r.victim_id
            LEFT JOIN agenda_item_place h ON h.agenda_item_id = i.id
            WHERE i.meeting_id = ? AND \(scope.sql)
            """, arguments: [meeting.id] + scope.arguments)
        let research = ResearchService(clock: clock)
        let confirmed = try research.confirmedAgencies(db, meetingID: meeting.id)
        let returned = try research.returnedAgencies(db, meetingID: meeting.id)
        var byRef: [String: (ReferralSummary, Bool, Int64?)] = [:]
        var items: [AgendaItem] = []
        for row in rows {
            let summary = try ReferralSummary(row: row)
            let r = RecordReader(row, table: "agenda_item")
            byRef[summary.ref] = (summary, try r.value("item_heard"), try r.value("perpetrator_id"))
            items.append(AgendaItem(referralRef: summary.ref,
                                    section: .forCase(childrenInHousehold: summary.childrenInHousehold,
                                                      relistedAfterLapse: try r.value("relisted_after_lapse")),
                                    band: summary.band, score: summary.score, listedPosition: try r.value("position"),
                                    handPosition: try r.value("hand_position")))
        }
        var cases = AgendaItem.ordered(items).compactMap { item in
            byRef[item.referralRef].map {
                Agenda.Case(item: item, referral: $0.0, heard: $0.1,
                            research: .of(returnedBy: returned[$0.0.id] ?? [], confirmed: confirmed,
                                          referrers: [$0.0.referringAgency] + ($0.0.secondAgency.map { [$0] } ?? [])))
            }
        }
        // Linked cases: the items that share a perpetrator (Core decides).
        let links = LinkedCases.samePerpetrator(cases.map { byRef[$0.referral.ref]?.2 })
        for index in cases.indices { cases[index].samePerpetratorAs = links[index] }
        // Actions still open from earlier meetings come first on the agenda: the
        // count, and the first page by due date. CROSS JOIN keeps SQLite walking
        // open actions in due order (action_by_status_due) and stopping at the page.
        let openActions = try ActionRecord.fetchAll(db, sql: """
            SELECT \(ActionRecord.selection) FROM action a CROSS JOIN meeting m CROSS JOIN referral r
            WHERE m.id = a.meeting_id AND r.id = a.referral_id AND a.status = ? AND m.held_on < ? AND \(scope.sql)
            ORDER BY a.due_on, a.id LIMIT 100
            """, arguments: [ActionStatus.open.rawValue, day.description] + scope.arguments)
        // The two counts walk every action of every earlier meeting: remembered
        // until the audit chain moves, so a key on the agenda does not repeat them.
        let openActionCount = try AuditedCount.count(db, sql: """
            SELECT COUNT(*) FROM action a JOIN referral r ON r.id = a.referral_id
            WHERE a.status = ? AND a.meeting_id IN (SELECT id FROM meeting WHERE held_on < ?) AND \(scope.sql)
            """, arguments: [ActionStatus.open.rawValue, day.description] + scope.arguments)
        let attendance = try String.fetchAll(db, sql: """
            SELECT agency FROM attendance WHERE meeting_id = ? AND signed_confidentiality = 1 ORDER BY agency
            """, arguments: [meeting.id])
        // Escalated: open from earlier meetings and overdue by the escalation days (Core's rule, the MARAC's setting).
        let chase = try ChaseService.rules(db)
        let escalatedCount = try AuditedCount.count(db, sql: """
            SELECT COUNT(*) FROM action a JOIN referral r ON r.id = a.referral_id
            WHERE a.status = ? AND a.due_on <= ? AND a.meeting_id IN (SELECT id FROM meeting WHERE held_on < ?) AND \(scope.sql)
            """, arguments: [ActionStatus.open.rawValue, chase.escalationCutoff(today: clock.today).description, day.description]
                + scope.arguments)
        return Agenda(meeting: meeting, openActions: openActions, openActionCount: openActionCount, cases: cases, attendance: attendance,
                      confirmed: confirmed.sorted(), chase: chase, escalatedCount: escalatedCount)
    }
}


