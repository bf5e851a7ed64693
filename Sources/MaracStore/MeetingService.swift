import Foundation
import GRDB
import MaracCore

/// Meetings, their agendas, attendance and hearing cases: reads and writes
/// only, inside the caller's transaction. What is allowed, the errors and the
/// audit rows are the use-case layer's (MaracCases/Meetings).
package struct MeetingService: Sendable {
    package let clock: Clock

    package init(clock: Clock) { self.clock = clock }

    /// Whether a meeting is already set for that day.
    package func exists(_ db: Database, on day: Day) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM meeting WHERE held_on = ?", arguments: [day.description]) == true
    }

    /// Adds a planned meeting; returns its id.
    @discardableResult
    package func insert(_ db: Database, on day: Day, by actor: Actor) throws -> Int64 {
        try db.execute(sql: "INSERT INTO meeting (held_on, status, created_at, created_by) VALUES (?, ?, ?, ?)",
                       arguments: [day.description, MeetingStatus.planned.rawValue, clock.timestamp, actor.name])
        return db.lastInsertedRowID
    }

    static let listSelection = """
        m.id, m.held_on, CASE WHEN m.cancelled_on IS NULL THEN m.status ELSE 'cancelled' END AS status, m.confidentiality_signed,
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

    /// The cases on a meeting's agenda within a scope, and how many are heard:
    /// an IDVA's or agency's count is of the cases they may see (issue 22).
    /// By the agenda index on the meeting, one meeting's rows.
    package func countsInScope(_ db: Database, meetingID: Int64, scope: (sql: String, arguments: StatementArguments)) throws -> (cases: Int, heard: Int) {
        let row = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS cases, COALESCE(SUM(i.heard), 0) AS heard
            FROM agenda_item i JOIN referral r ON r.id = i.referral_id WHERE i.meeting_id = ? AND \(scope.sql)
            """, arguments: [meetingID] + scope.arguments)
        let cases: Int = row?["cases"] ?? 0
        let heard: Int = row?["heard"] ?? 0
        return (cases, heard)
    }

    /// The first meeting on or after today that still takes cases: where an
    /// accepted case is listed unless the person chooses another.
    /// The first planned meeting on or after `day` (today when none is given);
    /// One row read, by the unique index on the day.
    package func nextMeeting(_ db: Database, from day: Day? = nil) throws -> MeetingRecord? {
        try MeetingRecord.fetchOne(db, sql: """
            SELECT \(MeetingService.listSelection) FROM meeting m
            WHERE m.held_on >= ? AND m.status = ? AND m.cancelled_on IS NULL ORDER BY m.held_on LIMIT 1
            """, arguments: [(day ?? clock.today).description, MeetingStatus.planned.rawValue])
    }

    /// The meeting on that day, if there is one.
    package func meeting(_ db: Database, on day: Day) throws -> MeetingRecord? {
        try MeetingRecord.fetchOne(db, sql: "SELECT \(MeetingService.listSelection) FROM meeting m WHERE m.held_on = ?",
                                   arguments: [day.description])
    }

    /// The id of the meeting on that day, if there is one.
    package func id(_ db: Database, on day: Day) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM meeting WHERE held_on = ?", arguments: [day.description])
    }

    /// Whether the case is on that meeting's agenda (heard or not).
    package func isListed(_ db: Database, meetingID: Int64, referralID: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM agenda_item WHERE meeting_id = ? AND referral_id = ?",
                          arguments: [meetingID, referralID]) == true
    }

    /// Puts the case last on the meeting's agenda, remembering whether it
    /// returns after a lapse (its agenda section).
    package func appendToAgenda(_ db: Database, meetingID: Int64, referralID: Int64, relistedAfterLapse: Bool) throws {
        let position = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_item WHERE meeting_id = ?",
                                        arguments: [meetingID]) ?? 1
        try db.execute(sql: "INSERT INTO agenda_item (meeting_id, referral_id, position) VALUES (?, ?, ?)",
                       arguments: [meetingID, referralID, position])
        try db.execute(sql: "UPDATE referral SET relisted_after_lapse = ? WHERE id = ?", arguments: [relistedAfterLapse, referralID])
    }

    /// Takes the case off the agenda if it is there and not yet heard; whether it was.
    package func removeWaiting(_ db: Database, meetingID: Int64, referralID: Int64) throws -> Bool {
        try db.execute(sql: "DELETE FROM agenda_item WHERE meeting_id = ? AND referral_id = ? AND heard = 0",
                       arguments: [meetingID, referralID])
        return db.changesCount == 1
    }

    /// Keeps hand-given places on the meeting's agenda items, by reference.
    package func savePlaces(_ db: Database, meetingID: Int64, _ places: [(ref: String, handPosition: Int)]) throws {
        for (ref, place) in places {
            try db.execute(sql: """
                INSERT INTO agenda_item_place (agenda_item_id, hand_position)
                SELECT i.id, ? FROM agenda_item i JOIN referral r ON r.id = i.referral_id WHERE i.meeting_id = ? AND r.ref = ?
                ON CONFLICT (agenda_item_id) DO UPDATE SET hand_position = excluded.hand_position
                """, arguments: [place, meetingID, ref])
        }
    }

    /// Records agencies present: an agency that had only confirmed it would come signs on arrival.
    package func markPresent(_ db: Database, meetingID: Int64, agencies: [String]) throws {
        for agency in agencies {
            try db.execute(sql: """
                INSERT INTO attendance (meeting_id, agency, signed_confidentiality) VALUES (?, ?, 1)
                ON CONFLICT (meeting_id, agency) DO UPDATE SET signed_confidentiality = 1
                """, arguments: [meetingID, agency])
        }
    }

    /// Records agencies that confirmed they will come (a row not yet signed).
    package func markConfirmed(_ db: Database, meetingID: Int64, agencies: [String]) throws {
        for agency in agencies {
            try db.execute(sql: """
                INSERT INTO attendance (meeting_id, agency, signed_confidentiality) VALUES (?, ?, 0)
                ON CONFLICT (meeting_id, agency) DO NOTHING
                """, arguments: [meetingID, agency])
        }
    }

    /// The day a case was heard, on the referral.
    package func setHeardOn(_ db: Database, referralID: Int64, _ day: Day) throws {
        try db.execute(sql: "UPDATE referral SET heard_on = ? WHERE id = ?", arguments: [day.description, referralID])
    }

    /// Marks the case's agenda item heard.
    package func markItemHeard(_ db: Database, meetingID: Int64, referralID: Int64) throws {
        try db.execute(sql: "UPDATE agenda_item SET heard = 1 WHERE meeting_id = ? AND referral_id = ?",
                       arguments: [meetingID, referralID])
    }

    package func setStatus(_ db: Database, meetingID: Int64, _ status: MeetingStatus) throws {
        try db.execute(sql: "UPDATE meeting SET status = ? WHERE id = ?", arguments: [status.rawValue, meetingID])
    }

    /// Whether the case was heard at that meeting.
    package func isHeard(_ db: Database, meetingID: Int64, referralID: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM agenda_item WHERE meeting_id = ? AND referral_id = ? AND heard = 1",
                          arguments: [meetingID, referralID]) == true
    }

    /// Marks the case's agenda item not heard (a hearing recorded in error).
    package func unmarkItemHeard(_ db: Database, meetingID: Int64, referralID: Int64) throws {
        try db.execute(sql: "UPDATE agenda_item SET heard = 0 WHERE meeting_id = ? AND referral_id = ?",
                       arguments: [meetingID, referralID])
    }

    /// The latest meeting, other than `excluding`, at which the case was heard: its heard_on once a hearing is undone.
    package func latestHearing(_ db: Database, referralID: Int64, excluding meetingID: Int64) throws -> Day? {
        try String.fetchOne(db, sql: """
            SELECT m.held_on FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
            WHERE i.referral_id = ? AND i.heard = 1 AND i.meeting_id <> ? ORDER BY m.held_on DESC LIMIT 1
            """, arguments: [referralID, meetingID]).flatMap(Day.init)
    }

    /// Whether the case is on the agenda of a meeting after `day`.
    package func isListedAfter(_ db: Database, referralID: Int64, day: Day) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT 1 FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id WHERE i.referral_id = ? AND m.held_on > ?
            """, arguments: [referralID, day.description]) == true
    }

    /// The heard_on written on the referral (nil: never heard).
    package func clearOrSetHeardOn(_ db: Database, referralID: Int64, _ day: Day?) throws {
        try db.execute(sql: "UPDATE referral SET heard_on = ? WHERE id = ?", arguments: [day?.description, referralID])
    }

    /// The cases on a meeting's agenda, by reference in agenda order of listing.
    package func listedRefs(_ db: Database, meetingID: Int64) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT r.ref FROM agenda_item i JOIN referral r ON r.id = i.referral_id WHERE i.meeting_id = ? ORDER BY i.position
            """, arguments: [meetingID])
    }

    /// Cancels a meeting, keeping its row, with the day and reason.
    package func cancel(_ db: Database, meetingID: Int64, reason: String) throws {
        try db.execute(sql: "UPDATE meeting SET cancelled_on = ?, cancel_reason = ? WHERE id = ?",
                       arguments: [clock.today.description, reason, meetingID])
    }

    /// Moves a meeting to another day.
    package func move(_ db: Database, meetingID: Int64, to day: Day) throws {
        try db.execute(sql: "UPDATE meeting SET held_on = ? WHERE id = ?", arguments: [day.description, meetingID])
    }

    /// What the minutes record: who was there, each case heard with what was
    /// shared, and the actions agreed at the meeting.
    package func minutes(_ db: Database, of meeting: MeetingRecord) throws -> Minutes {
        let agenda = try agenda(db, of: meeting)
        // The entries standing: a corrected entry shows as corrected, a withdrawn one not at all.
        let shared = SharedEntry.byRef(try SharedEntries.ofMeeting(db, meetingID: agenda.meeting.id))
        let actions = try ActionRecord.fetchAll(db, sql: """
            SELECT \(ActionRecord.selection) FROM action a \(ActionRecord.joins)
            WHERE a.meeting_id = ? ORDER BY r.ref, a.id
            """, arguments: [agenda.meeting.id])
        let research = Dictionary(grouping: try ResearchService(clock: clock).returns(db, meetingID: agenda.meeting.id), by: \.ref)
        var minutes = Minutes(agenda: agenda, shared: shared, actions: actions, research: research)
        minutes.chairing = try chairing(db, meetingID: agenda.meeting.id)
        return minutes
    }

    /// The chair, start and end (v23) and the representatives' names.
    package func chairing(_ db: Database, meetingID: Int64) throws -> MeetingChairing {
        var chairing = MeetingChairing()
        if let row = try Row.fetchOne(db, sql: "SELECT chair, started_at, ended_at FROM meeting_chair WHERE meeting_id = ?",
                                      arguments: [meetingID]) {
            chairing.chair = row["chair"]
            chairing.started = row["started_at"]
            chairing.ended = row["ended_at"]
        }
        for row in try Row.fetchAll(db, sql: "SELECT agency, attendee FROM attendance WHERE meeting_id = ? AND attendee IS NOT NULL",
                                    arguments: [meetingID]) {
            chairing.representatives[row["agency"]] = row["attendee"]
        }
        return chairing
    }

    /// Every name in the meeting's cases: victims, perpetrators, their
    /// aliases and the children (each by its referral or person index).
    package func caseNames(_ db: Database, meetingID: Int64) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT p.name FROM agenda_item i JOIN referral r ON r.id = i.referral_id JOIN person p ON p.id IN (r.victim_id, r.perpetrator_id)
            WHERE i.meeting_id = ?
            UNION SELECT a.name FROM agenda_item i JOIN referral r ON r.id = i.referral_id JOIN person_alias a ON a.person_id IN (r.victim_id, r.perpetrator_id)
            WHERE i.meeting_id = ?
            UNION SELECT c.name FROM agenda_item i JOIN child c ON c.referral_id = i.referral_id WHERE i.meeting_id = ?
            """, arguments: [meetingID, meetingID, meetingID])
    }

    /// Keeps the chair and times as given (the whole record, already checked).
    package func saveChairing(_ db: Database, meetingID: Int64, _ chairing: MeetingChairing, by login: String) throws {
        try db.execute(sql: """
            INSERT INTO meeting_chair (meeting_id, chair, started_at, ended_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (meeting_id) DO UPDATE SET chair = excluded.chair, started_at = excluded.started_at,
                ended_at = excluded.ended_at, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, arguments: [meetingID, chairing.chair, chairing.started, chairing.ended, Timestamp.string(Date()), login])
    }

    /// Names the representative of an agency recorded present; false when it was not.
    package func nameRepresentative(_ db: Database, meetingID: Int64, agency: String, name: String) throws -> Bool {
        try db.execute(sql: "UPDATE attendance SET attendee = ? WHERE meeting_id = ? AND agency = ? AND signed_confidentiality = 1",
                       arguments: [name, meetingID, agency])
        return db.changesCount > 0
    }

    /// The agenda in SafeLives order.
    package func agenda(_ db: Database, of meeting: MeetingRecord, scope: (sql: String, arguments: StatementArguments) = ("1", [])) throws -> Agenda {
        let day = meeting.heldOn
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(ReferralSummary.selection), i.position, h.hand_position, i.heard AS item_heard, r.relisted_after_lapse, r.perpetrator_id,
                   (SELECT t.id FROM case_transfer t WHERE t.referral_id = r.id AND t.direction = 'in' ORDER BY t.id DESC LIMIT 1) AS transfer_id
            FROM agenda_item i JOIN referral r ON r.id = i.referral_id JOIN person v ON v.id = r.victim_id
            LEFT JOIN agenda_item_place h ON h.agenda_item_id = i.id
            WHERE i.meeting_id = ? AND \(scope.sql)
            """, arguments: [meeting.id] + scope.arguments)
        let research = ResearchService(clock: clock)
        let confirmed = try research.confirmedAgencies(db, meetingID: meeting.id)
        let returned = try research.returnedAgencies(db, meetingID: meeting.id)
        var byRef: [String: (ReferralSummary, Bool, Int64?)] = [:]
        var transfers: [String: Int64] = [:]
        var items: [AgendaItem] = []
        for row in rows {
            let summary = try ReferralSummary(row: row)
            let r = RecordReader(row, table: "agenda_item")
            byRef[summary.ref] = (summary, try r.value("item_heard"), try r.value("perpetrator_id"))
            if let transfer: Int64 = try r.value("transfer_id") { transfers[summary.ref] = transfer }
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
        // Cases taken in from another MARAC: where from and what is missing (issue 25).
        for index in cases.indices {
            if let id = transfers[cases[index].referral.ref], let entry = try CaseTransferStore.entry(db, id: id) {
                cases[index].transferredIn = (entry.peer, entry.answers?.missing ?? [])
            }
        }
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


