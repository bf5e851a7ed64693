import MaracDocuments
import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCore
@testable import MaracCases
@testable import MaracStore

/// Chase lists, escalation and the action log over a hand-worked example.
///
/// Today is 2026-11-24; due soon within 7 days (to 2026-12-01); escalated at
/// 14 days overdue (due on or before 2026-11-10). Actions agreed at the meeting
/// of 2026-11-12 on KIDS and ADULT:
///
/// | id | agency  | owner | due        | chase state (worked by hand)  |
/// |----|---------|-------|------------|-------------------------------|
/// | 1  | police  | DC Ray| 2026-11-01 | escalated, 23 days overdue    |
/// | 2  | police  | DC Ray| 2026-11-20 | overdue, 4 days               |
/// | 3  | housing | H Lee | 2026-11-28 | due soon (4 days left)        |
/// | 4  | housing | H Lee | 2026-12-10 | not chased (16 days left)     |
/// | 5  | police  | DC Ray| 2026-11-10 | done: not chased              |
/// | 6  | idva    | I Ade | 2026-11-10 | escalated, 14 days overdue    |
@Suite struct ChaseTests {
    static let held = Day("2026-11-12")!

    final class Fixture {
        let test: TestDatabase
        var coordinator: Session { test.session }
        let police: Session

        init() throws {
            test = try TestDatabase()
            try test.session.addUser(login: "pc1", name: "PC One", roles: [.agency], agency: "police")
            police = Session(database: test.database, actor: Actor("pc1"), clock: test.clock)
            try test.add("KIDS", on: "2026-11-01", ["victim_name": "Kira Child", "children_in_household": "1"])
            try test.add("ADULT", on: "2026-11-02", ["victim_name": "Ada Adult"])
            try coordinator.createMeeting(on: ChaseTests.held)
            try coordinator.screenIn("KIDS", listingOn: ChaseTests.held)
            try coordinator.screenIn("ADULT", listingOn: ChaseTests.held)
            for (ref, agency, owner, due, text) in [
                ("KIDS", "police", "DC Ray", "2026-11-01", "Flag the address"),
                ("KIDS", "police", "DC Ray", "2026-11-20", "Check bail"),
                ("ADULT", "housing", "H Lee", "2026-11-28", "Change the locks"),
                ("ADULT", "housing", "H Lee", "2026-12-10", "Move"),
                ("ADULT", "police", "DC Ray", "2026-11-10", "Visit"),
                ("KIDS", "idva", "I Ade", "2026-11-10", "Safety plan"),
            ] {
                try coordinator.agreeAction(on: ref, agency: agency, owner: owner, due: Day(due)!, description: text, meeting: ChaseTests.held)
            }
            try coordinator.completeAction(5, note: "Visited")
        }
    }

    static func rows(_ list: Session.ChaseList, today: Day) -> [String] {
        list.actions.map { "\($0.agency) #\($0.id) \($0.owner) \($0.due) \(list.rules.state(status: $0.status, due: $0.due, today: today)?.words ?? "-")" }
    }

    @Test func theChaseListIsEachAgencysOverdueAndDueSoon() throws {
        let f = try Fixture()
        let today = f.test.clock.today
        let list = try f.coordinator.chaseList(agency: nil, limit: 100)
        #expect(Self.rows(list, today: today) == [
            "housing #3 H Lee 2026-11-28 due in 4 days",
            "idva #6 I Ade 2026-11-10 14 days overdue: ESCALATED to the chair",
            "police #1 DC Ray 2026-11-01 23 days overdue: ESCALATED to the chair",
            "police #2 DC Ray 2026-11-20 4 days overdue",
        ])
        // Paged by (agency, due, id): two pages of two.
        let first = try f.coordinator.chaseList(agency: nil, limit: 2)
        let second = try f.coordinator.chaseList(agency: nil, limit: 2, after: try #require(first.next))
        #expect((first.actions + second.actions).map(\.id) == [3, 6, 1, 2] && second.next == nil)
        // One agency; and an agency user gets its own whatever it asks for.
        #expect(try f.coordinator.chaseList(agency: "police", limit: 100).actions.map(\.id) == [1, 2])
        #expect(try f.police.chaseList(agency: nil, limit: 100).actions.map(\.id) == [1, 2])
        #expect(try f.police.chaseList(agency: "housing", limit: 100).actions.isEmpty)

        // The MARAC's settings move the lines: due soon 20 days takes #4; escalation at 20 days leaves #6 overdue only.
        try f.coordinator.changeSetting(Settings.dueSoonDays, to: "20")
        try f.coordinator.changeSetting(Settings.escalationDays, to: "20")
        #expect(Self.rows(try f.coordinator.chaseList(agency: nil, limit: 100), today: today) == [
            "housing #3 H Lee 2026-11-28 due in 4 days",
            "housing #4 H Lee 2026-12-10 due in 16 days",
            "idva #6 I Ade 2026-11-10 14 days overdue",
            "police #1 DC Ray 2026-11-01 23 days overdue: ESCALATED to the chair",
            "police #2 DC Ray 2026-11-20 4 days overdue",
        ])
    }

    /// The agenda's counts are remembered until the audit chain moves (issue 11,
    /// `AuditedCount`): each change through marac, from this session or another
    /// one on the same file, is counted at the next look.
    @Test func agendaCountsFollowEveryChange() throws {
        let f = try Fixture()
        let next = Day("2026-12-10")!
        try f.coordinator.createMeeting(on: next)
        #expect(try f.coordinator.agenda(on: next).openActionCount == 5)
        #expect(try f.coordinator.agenda(on: next).openActionCount == 5)
        try f.coordinator.completeAction(1, note: "Flagged")
        let afterDone = try f.coordinator.agenda(on: next)
        #expect(afterDone.openActionCount == 4 && afterDone.escalatedCount == 1)
        // Another connection to the same file (another coordinator's marac).
        let other = Session(database: try MaracDatabase(path: f.test.database.writer.path), actor: f.test.actor, clock: f.test.clock)
        try other.completeAction(6, note: "Plan made")
        let afterOther = try f.coordinator.agenda(on: next)
        #expect(afterOther.openActionCount == 3 && afterOther.escalatedCount == 0)
    }

    @Test func escalatedActionsGoToTheChairAndIntoTheFigures() throws {
        let f = try Fixture()
        let next = Day("2026-12-10")!
        try f.coordinator.createMeeting(on: next)
        let agenda = try f.coordinator.agenda(on: next)
        #expect(agenda.openActionCount == 5 && agenda.escalatedCount == 2)
        let markdown = MeetingDocuments.agendaMarkdown(agenda, today: f.test.clock.today)
        #expect(markdown.contains("2. Review of open actions: 5 open; 2 escalated to the chair (14+ days overdue)"))
        #expect(markdown.contains("   - #1 KIDS · police · due 2026-11-01 **ESCALATED: 23 days overdue, for the chair**"))
        #expect(markdown.contains("   - #6 KIDS · idva · due 2026-11-10 **ESCALATED: 14 days overdue, for the chair**"))
        #expect(markdown.contains("   - #2 KIDS · police · due 2026-11-20 **OVERDUE**"))

        let figures = try f.coordinator.figures(try FiguresPeriod.year(2026))
        #expect(figures.actions.map { "\($0.agency) \($0.openOverdue) \($0.escalated)" } == ["housing 0 0", "idva 1 1", "police 2 1"])
        #expect(figures.escalationDays == 14)
    }

    @Test func chaseListsAndActionLogsSentAreLoggedByAgency() throws {
        let f = try Fixture()
        var files: [String: [Int64]] = [:]
        let chased = try f.coordinator.sendChaseLists(agency: nil) { agency, list in
            files["chase-\(agency)"] = list.actions.map(\.id)
            return .encrypted([.agency(agency)])
        }
        #expect(chased == ["housing", "idva", "police"])
        let logged = try f.coordinator.sendActionLogs(on: Self.held, agency: nil) { agency, actions in
            files["log-\(agency)"] = actions.map(\.id)
            return .plainFile
        }
        #expect(logged == ["housing", "idva", "police"])
        #expect(files == ["chase-housing": [3], "chase-idva": [6], "chase-police": [1, 2],
                          "log-housing": [3, 4], "log-idva": [6], "log-police": [1, 5, 2]])
        let sent = try f.test.database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.reason, (SELECT group_concat(ref) FROM (SELECT r.ref FROM access_referral s JOIN referral r ON r.id = s.referral_id
                                  WHERE s.access_id = a.id ORDER BY r.ref)) AS refs
                FROM access a WHERE a.reason LIKE '% for agency %' ORDER BY a.id
                """).map { "\($0["reason"] as String) → \($0["refs"] as String)" }
        }
        #expect(sent == [
            "chase list of 1 action for agency housing: sent to agency housing in a pack → ADULT",
            "chase list of 1 action for agency idva: sent to agency idva in a pack → KIDS",
            "chase list of 2 actions for agency police: sent to agency police in a pack → KIDS",
            "action log of the meeting on 2026-11-12 for agency housing: written in plain text to a file → ADULT",
            "action log of the meeting on 2026-11-12 for agency idva: written in plain text to a file → KIDS",
            "action log of the meeting on 2026-11-12 for agency police: written in plain text to a file → ADULT,KIDS",
        ])
    }
}
