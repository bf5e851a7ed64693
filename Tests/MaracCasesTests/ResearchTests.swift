import MaracDocuments
import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCore
@testable import MaracCases
@testable import MaracStore

/// Research returns through the use-case layer on a real file, with distinct
/// marac users: the police rep (an agency user), the housing rep, and the
/// coordinator recording on behalf of agencies without an account.
@Suite struct ResearchTests {
    static let meeting = Day("2026-12-03")!

    /// A meeting on 2026-12-03 with KIDS (police referral, a child) and ADULT
    /// (housing referral) listed; police and mental health confirmed. WAITING
    /// is on no agenda.
    final class Fixture {
        let test: TestDatabase
        var coordinator: Session { test.session }
        let police: Session
        let housing: Session

        init() throws {
            test = try TestDatabase()
            try test.session.addUser(login: "pc1", name: "PC One", roles: [.agency], agency: "police")
            try test.session.addUser(login: "hs1", name: "Housing One", roles: [.agency], agency: "housing")
            police = Session(database: test.database, actor: Actor("pc1"), clock: test.clock)
            housing = Session(database: test.database, actor: Actor("hs1"), clock: test.clock)
            try test.add("KIDS", on: "2026-11-01", ["victim_name": "Kira Child", "children_in_household": "1",
                                                    "children": "Sam Child|2019-04-02|mother", "victim_aliases": "Kiki"])
            try test.add("ADULT", on: "2026-11-02", ["victim_name": "Ada Adult", "referring_agency": "housing", "victim_dob": "1985-03-03"])
            try test.add("WAITING", on: "2026-11-03", ["victim_name": "Wanda Waiting"])
            try coordinator.createMeeting(on: ResearchTests.meeting)
            try coordinator.screenIn("KIDS", listingOn: ResearchTests.meeting)
            try coordinator.screenIn("ADULT", listingOn: ResearchTests.meeting)
            try coordinator.confirmAttendance(on: ResearchTests.meeting, agencies: ["police", "mental_health"])
        }

        func count(_ sql: String) throws -> Int { try test.count(sql) }

        /// Every row of the tables a return or a refusal could touch.
        func state() throws -> [Int] {
            try ["research_return", "audit", "access", "access_referral"].map { try count("SELECT COUNT(*) FROM \($0)") }
        }
    }

    @Test func returnsByAnAgencyUserTheCoordinatorAndAFileAllReachTheMinutesAndTheAgenda() throws {
        let f = try Fixture()
        // The police rep records its own agency's return (no agency given: its own).
        try f.police.recordResearch(on: Self.meeting, ["referral_ref": "KIDS", "known": "yes", "summary": "Two call-outs in 2026",
                                                       "current_risks": "DVPN served"])
        // The coordinator records housing's on its behalf.
        try f.coordinator.recordResearch(on: Self.meeting, ["referral_ref": "KIDS", "agency": "housing", "known": "no"])
        // Mental health sent its list back filled in; the row it left blank is skipped.
        let load = try f.coordinator.importResearchReturns(on: Self.meeting, csv: """
            referral_ref,agency,victim_name,known,summary,current_risks,returned_on\r
            KIDS,mental_health,Kira Child,yes,Open to CMHT,Care plan,2026-11-20\r
            ADULT,mental_health,Ada Adult,,,,\r

            """, fileName: "mh.csv")
        #expect(load == Session.ResearchLoad(recorded: 1, blank: 1))

        let minutes = MeetingDocuments.minutesMarkdown(try f.coordinator.minutes(on: Self.meeting))
        #expect(minutes.contains("""
            Research returned (3 agencies):

            - Housing: not known (returned 2026-11-24, recorded by test-coordinator on behalf of housing)
            - Mental health: known. Open to CMHT. Current risks: Care plan (returned 2026-11-20, recorded by test-coordinator on behalf of mental_health (from the returned list))
            - Police: known. Two call-outs in 2026. Current risks: DVPN served (returned 2026-11-24, recorded by pc1)
            """), "\(minutes)")
        #expect(minutes.contains("### ADULT · Adult-only cases · high risk · NOT HEARD\n\nResearch returned: none."))

        // Completeness: police and mental health confirmed, housing returned anyway: 3 of 3 for KIDS.
        // ADULT's referrer (housing) neither confirmed nor returned for it: defer?
        let agenda = try f.coordinator.agenda(on: Self.meeting)
        #expect(agenda.cases.map(\.referral.ref) == ["KIDS", "ADULT"])
        #expect(agenda.cases.map(\.research) == [ResearchCompleteness(returned: 3, expected: 3, deferSuggested: false),
                                                 ResearchCompleteness(returned: 0, expected: 2, deferSuggested: true)])
        #expect(agenda.confirmed == ["mental_health", "police"] && agenda.attendance.isEmpty)
        let markdown = MeetingDocuments.agendaMarkdown(agenda, today: f.test.clock.today)
        #expect(markdown.contains("| 1 | KIDS | high | 14 |  | 1 | police |  | 3 of 3 agencies returned |"))
        #expect(markdown.contains("| 1 | ADULT | high | 14 |  | 0 | housing |  | 0 of 2 agencies returned · **defer?** |"))

        // A later police return is kept beside the first, never over it.
        try f.police.recordResearch(on: Self.meeting, ["referral_ref": "KIDS", "known": "yes", "summary": "Three call-outs"])
        let police = try #require(try f.police.researchReturns(on: Self.meeting).first)
        #expect(police.summary == "Three call-outs" && police.earlier == 1 && !police.onBehalf)
        #expect(try f.count("SELECT COUNT(*) FROM research_return WHERE agency = 'police' AND summary = 'Two call-outs in 2026'") == 1)
        // Arriving at the table: confirmed becomes present (signed), and still counts once.
        try f.coordinator.recordAttendance(on: Self.meeting, agencies: ["police"])
        let later = try f.coordinator.agenda(on: Self.meeting)
        #expect(later.attendance == ["police"] && later.confirmed == ["mental_health", "police"])
        #expect(later.cases[0].research.words == "3 of 3 agencies returned")
    }

    @Test func anAgencyUserSeesAndRecordsOnlyItsOwnForMeetingsItTakesPartIn() throws {
        let f = try Fixture()
        try f.police.recordResearch(on: Self.meeting, ["referral_ref": "KIDS", "known": "no"])
        let before = try f.state()
        // Another agency's return: refused.
        let other = #expect(throws: CaseError.self) {
            try f.police.recordResearch(on: Self.meeting, ["referral_ref": "ADULT", "agency": "housing", "known": "no"])
        }
        #expect(other?.kind == .notPermitted)
        // A case on no agenda does not exist for an agency user.
        let hidden = #expect(throws: CaseError.self) {
            try f.police.recordResearch(on: Self.meeting, ["referral_ref": "WAITING", "known": "no"])
        }
        #expect(hidden?.kind == .notFound && hidden?.description == "no referral with that reference")
        #expect(throws: CaseError.self) { _ = try f.police.researchReturns(on: Self.meeting, ref: "WAITING") }
        // Housing has not confirmed: it may neither record nor see research for this meeting.
        let notTakingPart = #expect(throws: CaseError.self) {
            try f.housing.recordResearch(on: Self.meeting, ["referral_ref": "ADULT", "known": "no"])
        }
        #expect(notTakingPart?.kind == .notPermitted)
        #expect(try f.housing.researchReturns(on: Self.meeting).isEmpty)
        #expect(try f.state() == before, "a refusal writes nothing")

        // Once confirmed, housing sees its own returns and never the police's.
        try f.coordinator.confirmAttendance(on: Self.meeting, agencies: ["housing"])
        try f.housing.recordResearch(on: Self.meeting, ["referral_ref": "ADULT", "known": "yes", "summary": "Tenancy, arrears"])
        #expect(try f.housing.researchReturns(on: Self.meeting).map(\.agency) == ["housing"])
        #expect(try f.police.researchReturns(on: Self.meeting).map(\.agency) == ["police"])
        #expect(Set(try f.coordinator.researchReturns(on: Self.meeting).map(\.agency)) == ["housing", "police"])
        // Reading returns is recorded against the cases shown.
        let reads = try f.count("""
            SELECT COUNT(*) FROM access a JOIN access_referral r ON r.access_id = a.id
            WHERE a.actor = 'hs1' AND a.use_case = 'viewResearch' AND r.referral_id = (SELECT id FROM referral WHERE ref = 'ADULT')
            """)
        #expect(reads == 1)
    }

    @Test func aBadReturnFileIsRefusedWholeNamingEveryBadRow() throws {
        let f = try Fixture()
        let before = try f.state()
        let error = #expect(throws: CaseError.self) {
            _ = try f.coordinator.importResearchReturns(on: Self.meeting, csv: """
                referral_ref,agency,known,summary,current_risks,returned_on
                KIDS,police,yes,,,
                WAITING,police,no,,,
                ADULT,nosuch,no,,,
                ADULT,housing,maybe,,,
                KIDS,housing,no,,,2030-01-01
                ADULT,police,no,,,
                ADULT,police,no,Again,,

                """, fileName: "r.csv")
        }
        #expect(error?.kind == .invalid)
        #expect(error?.problems.map(\.description) == [
            "r.csv:2: summary: is required when the agency knows the people (say what it holds)",
            "r.csv:3: referral_ref: the case is not on the agenda for 2026-12-03",
            "r.csv:4: agency: is not a known agency code",
            "r.csv:5: known: the value must be yes or no",
            "r.csv:6: returned_on: is in the future",
            "r.csv:8: referral_ref: the same case and agency are also on line 7",
        ])
        #expect(try f.state() == before, "nothing recorded, not even the good row")

        let header = #expect(throws: CaseError.self) {
            _ = try f.coordinator.importResearchReturns(on: Self.meeting, csv: "referral_ref,agency,notes\nKIDS,police,x\n", fileName: "h.csv")
        }
        #expect(header?.problems.map(\.description) == ["h.csv:1: notes: unknown column", "h.csv:1: known: required column missing"])
        #expect(try f.state() == before)
    }

    @Test func theResearchListCarriesOnlyWhatMatchesRecordsAndIsLoggedAsSent() throws {
        let f = try Fixture()
        var written = ""
        try f.coordinator.sendResearchList(on: Self.meeting, agency: "mental_health") { list in
            written = ResearchListCSV.render(list)
            return .encrypted([.agency(list.agency)])
        }
        #expect(written == """
            referral_ref,agency,victim_name,victim_aliases,victim_dob,victim_postcode,perpetrator_name,perpetrator_aliases,perpetrator_dob,perpetrator_postcode,children,known,summary,current_risks,returned_on\r
            KIDS,mental_health,Kira Child,Kiki,1990-05-01,,Daniel Smith,,1988-02-02,,Sam Child|2019-04-02,,,,\r
            ADULT,mental_health,Ada Adult,,1985-03-03,,Daniel Smith,,1988-02-02,,,,,,\r

            """)
        // The access log says which agency received which cases and people.
        let rows = try f.test.database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.reason, a.use_case, (SELECT group_concat(r.ref) FROM access_referral s JOIN referral r ON r.id = s.referral_id
                                              WHERE s.access_id = a.id ORDER BY r.ref) AS refs,
                       (SELECT COUNT(*) FROM access_person p WHERE p.access_id = a.id) AS people
                FROM access a WHERE a.reason LIKE '% for agency %' ORDER BY a.id
                """).map { [$0["reason"] as String, $0["use_case"] as String, $0["refs"] as String, String($0["people"] as Int)] }
        }
        #expect(rows.count == 1)
        #expect(rows.first?[0] == "research list for the meeting on 2026-12-03 for agency mental_health: sent to agency mental_health in a pack")
        #expect(rows.first?[1] == "writeMeetingDocuments")
        #expect(Set(rows.first?[2].split(separator: ",").map(String.init) ?? []) == ["ADULT", "KIDS"])
        #expect(rows.first?[3] == "3", "two victims and their shared perpetrator")

        // Shown on the coordinator's own screen: recorded as a read, not as sent to anyone.
        let shown = try f.coordinator.researchList(on: Self.meeting, agency: "police")
        #expect(shown.cases.map(\.ref) == ["KIDS", "ADULT"] && shown.agency == "police")
        #expect(try f.count("SELECT COUNT(*) FROM access WHERE use_case = 'writeMeetingDocuments' AND reason IS NULL") == 1)
        #expect(try f.count("SELECT COUNT(*) FROM access WHERE reason LIKE '%for agency police%'") == 0)

        // A list that cannot be written is not recorded as sent.
        let before = try f.state()
        #expect(throws: CaseError.self) {
            try f.coordinator.sendResearchList(on: Self.meeting, agency: "police") { _ in throw CaseError(.storage, "disk full") }
        }
        #expect(try f.state() == before)
        // The list comes back: the matching columns are ignored, the returns recorded.
        let returned = written.replacingOccurrences(of: "1988-02-02,,Sam Child|2019-04-02,,,,", with: "1988-02-02,,Sam Child|2019-04-02,no,,,")
        #expect(try f.coordinator.importResearchReturns(on: Self.meeting, csv: returned, fileName: "back.csv") == .init(recorded: 1, blank: 1))
    }
}
