import MaracDocuments
import Foundation
import Testing
@testable import MaracCore
@testable import MaracCases
@testable import MaracStore
@testable import MaracTUI

/// Meeting mode with research: an agency user records its own return from the
/// agenda, the coordinator records one on an agency's behalf, a third comes
/// from a returned list; each shows beside the case and in the minutes.
@Suite(.serialized) struct ResearchTUITests {
    static let meeting = Day("2026-12-03")!

    static func fixture() throws -> (TUIFixture, Session) {
        let fixture = try TUIFixture(demo: false)
        let coordinator = fixture.session
        try coordinator.addUser(login: "pc1", name: "PC One", roles: [.agency], agency: "police")
        _ = try coordinator.logReferral(["referral_ref": "KIDS-1", "referred_on": "2026-11-20", "referring_agency": "police",
                                         "victim_name": "Kira Child", "ric_score": "16", "children_in_household": "1"])
        _ = try coordinator.logReferral(["referral_ref": "ADULT-1", "referred_on": "2026-11-21", "referring_agency": "housing",
                                         "victim_name": "Ada Adult", "ric_score": "15"])
        try coordinator.createMeeting(on: meeting)
        _ = try coordinator.screenIn("KIDS-1", listingOn: meeting)
        _ = try coordinator.screenIn("ADULT-1", listingOn: meeting)
        try coordinator.confirmAttendance(on: meeting, agencies: ["police", "mental_health"])
        let police = Session(database: coordinator.database, actor: Actor("pc1"), clock: coordinator.clock)
        return (fixture, police)
    }

    /// An IDVA may see her own cases on the agenda but not agencies'
    /// research: the panel says so, never "no returns recorded".
    @Test func aRoleThatMayNotSeeResearchIsToldSoNotShownNone() throws {
        let (fixture, _) = try Self.fixture()
        try fixture.session.addUser(login: "idva1", name: "I", roles: [.idva], agency: nil)
        _ = try fixture.session.logReferral(["referral_ref": "MINE-1", "referred_on": "2026-11-22", "referring_agency": "idva",
                                             "victim_name": "Mina Own", "ric_score": "15", "keyworker": "idva1"])
        _ = try fixture.session.screenIn("MINE-1", listingOn: Self.meeting)
        let idva = App(session: Session(database: fixture.session.database, actor: Actor("idva1"), clock: fixture.session.clock),
                       width: 80, height: 24)
        idva.press(HomeCasesScreen.self, .meetings)
        idva.press(MeetingsScreen.self, .open)
        #expect(idva.top is AgendaScreen)
        let screen = idva.render().text
        #expect(screen.contains("MINE-1"), "\(screen)")
        #expect(screen.contains("Research: agencies' returns are not shown to your role"), "\(screen)")
        #expect(!screen.contains("No returns recorded"))
    }

    @Test func threeWaysInEachShownBesideTheCaseAndInTheMinutes() throws {
        let (fixture, police) = try Self.fixture()
        // The police rep, in meeting mode: R, its own agency offered, known, what it holds, risks.
        let rep = App(session: police, width: 80, height: 24)
        rep.press(HomeAgencyScreen.self, .open)
        #expect(rep.top is AgendaScreen)
        rep.press(AgendaScreen.self, .research)
        rep.press(Key.parse("<Enter>yes<Enter>Two call-outs this year<Enter>DVPN served<Enter>"))
        #expect(rep.message == "research return recorded for KIDS-1 (police)")

        // The coordinator, for housing (no account): the agency typed, then the answers.
        let app = fixture.app(width: 120, height: 40)
        app.press(TriageScreen.self, .meetings)
        app.press(MeetingsScreen.self, .open)
        app.press(AgendaScreen.self, .research)
        app.press(Key.parse("housing<Enter>no<Enter><Enter><Enter>"))
        #expect(app.message == "research return recorded for KIDS-1 (housing)")
        // A wrong answer asks again, keeping the text.
        app.press(AgendaScreen.self, .research)
        app.press(Key.parse("mental_health<Enter>perhaps<Enter>"))
        #expect(app.prompt?.question.contains("must be yes or no") == true)
        app.press(.escape)

        // Mental health's filled-in list.
        _ = try fixture.session.importResearchReturns(on: Self.meeting, csv: """
            referral_ref,agency,known,summary,current_risks\r
            KIDS-1,mental_health,yes,Open to CMHT,Care plan in place\r

            """, fileName: "mh.csv")
        app.reload()
        try Snapshot.check(app.render(), "meeting-research-120x40")
        let small = fixture.app(width: 80, height: 24)
        small.press(TriageScreen.self, .meetings)
        small.press(MeetingsScreen.self, .open)
        try Snapshot.check(small.render(), "meeting-research-80x24")
        #expect(small.render().text.contains("Research: 3 of 3 agencies returned"))
        let screen = app.render().text
        #expect(screen.contains("police: known · Two call-outs this year · risks: DVPN served · 2026-11-24 · pc1"))
        #expect(screen.contains("housing: not known · 2026-11-24 · coordinator for housing"))

        // The rep sees its own return only.
        rep.reload()
        let theirs = rep.render().text
        #expect(theirs.contains("police: known") && !theirs.contains("housing: not known") && !theirs.contains("CMHT"))

        let minutes = MeetingDocuments.minutesMarkdown(try fixture.session.minutes(on: Self.meeting))
        // Agencies by name in the minutes (issue 22, defect 5).
        #expect(minutes.contains("- Police: known. Two call-outs this year. Current risks: DVPN served (returned 2026-11-24, recorded by pc1)"))
        #expect(minutes.contains("- Housing: not known (returned 2026-11-24, recorded by coordinator on behalf of housing)"))
        #expect(minutes.contains("- Mental health: known. Open to CMHT. Current risks: Care plan in place (returned 2026-11-24, recorded by coordinator on behalf of mental_health (from the returned list))"))
    }
}
