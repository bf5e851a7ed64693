import Foundation
import Testing
@testable import MaracCore
@testable import MaracCases
@testable import MaracStore
@testable import MaracTUI

/// Issue 23 in the terminal UI: an agency user logs an incident from their
/// home, the coordinator from a referral's page, question by question
/// through the one answer path (pickers for agency, types, crime reported,
/// perpetrator); a repeat is said to go to the coordinator's triage, where
/// it waits at the top; a perpetrator who may be someone recorded is asked
/// about. Clare's Law requests on the police home and their list.
@Suite(.serialized) struct IncidentTUITests {
    static let meeting = ResearchTUITests.meeting

    /// ResearchTUITests' agenda (police attends) with a case whose perpetrator is known.
    static func fixture() throws -> (TUIFixture, Session) {
        let (fixture, police) = try ResearchTUITests.fixture()
        _ = try fixture.session.logReferral(["referral_ref": "PERP-1", "referred_on": "2026-11-22", "referring_agency": "police",
                                             "victim_name": "Vera Victim", "ric_score": "15", "perpetrator_name": "Pat Perp",
                                             "perpetrator_dob": "1980-01-01"])
        _ = try fixture.session.screenIn("PERP-1", listingOn: meeting)
        return (fixture, police)
    }

    static func incidents(_ fixture: TUIFixture) throws -> [IncidentSummary] {
        try fixture.session.incidents(agency: nil, limit: 50).items
    }

    @Test func anAgencyUserLogsARepeatFromTheirHome() throws {
        let (fixture, police) = try Self.fixture()
        let app = App(session: police, width: 80, height: 24)
        app.press(HomeAgencyScreen.self, .incident)
        #expect(app.prompt?.textQuestion == .incident(IncidentPrompts(ref: nil, today: app.session.today, fixedAgency: "police"), .ref, problem: nil))
        app.press(Key.parse("PERP-1<Enter>"))
        // Today offered; the agency is theirs, not asked: the types come next, from a list.
        app.press(Key.parse("<Enter>"))
        try Snapshot.check(app.render(), "incident-types-80x24")
        app.press(Key.parse("unwanted<Enter>"))
        app.press(Key.parse("<Enter>"))
        try Snapshot.check(app.render(), "incident-perpetrator-80x24")
        app.press(Key.parse("<Enter>Texts all night, then waited outside<Enter>HSG-1<Enter>"))
        let stored = try #require(try Self.incidents(fixture).first)
        #expect(stored.agency == "police" && stored.abuseTypes == [.unwantedContact] && !stored.crimeReported)
        #expect(stored.agencyReference == "HSG-1" && stored.finding == .repeat && stored.perpetratorID != nil)
        #expect(app.message == "incident \(stored.id) logged — repeat: the coordinator will see it in triage", "\(app.message ?? "")")
        try Snapshot.check(app.render(), "incident-saved-80x24")
        // The coordinator sees it at the top of triage.
        let coordinator = App(session: fixture.session, width: 80, height: 24)
        #expect(coordinator.render().text.contains("repeat incident: refer back"), "\(coordinator.render().text)")
    }

    @Test func theCoordinatorLogsFromAReferralPageForAnAgencyWithAWrongDateKept() throws {
        let (fixture, _) = try Self.fixture()
        let app = fixture.app()
        app.perform([.push(.referral("PERP-1"))])
        #expect(app.render().lines.last?.contains("incident") == true, "\(app.render().lines.last ?? "")")
        app.press(ReferralScreen.self, .incident)
        app.press(Key.parse("<C-u>2026-13-01<Enter>"))
        #expect(app.prompt?.editor.text == "2026-13-01")
        app.press(Key.parse("<C-u>2026-11-23<Enter>housing<Enter>threats<Enter>yes<Enter>"))
        // Someone not listed, a day out on Pat's date of birth: asked whether it is Pat.
        app.press(Key.parse("someone not<Enter>Pat Perp<Enter>1980-01-02<Enter>He phoned her mother<Enter><Enter>"))
        #expect(try Self.incidents(fixture).isEmpty)
        let pat = try #require(try fixture.session.knownPerpetrators(of: "PERP-1").first)
        #expect(app.prompt?.refusal?.contains("person \(pat.personID)") == true, "\(app.prompt?.refusal ?? "")")
        app.press(Key.parse("\(pat.personID)<Enter>"))
        let stored = try #require(try Self.incidents(fixture).first)
        #expect(stored.agency == "housing" && stored.crimeReported && stored.perpetratorID == pat.personID && stored.finding == .repeat)
        #expect(stored.occurredOn == Day("2026-11-23")!)
    }

    @Test func anAgencyWithoutTheRightSeesNoIncidentKeyOnAReferral() throws {
        let (fixture, _) = try Self.fixture()
        try fixture.session.addUser(login: "an1", name: "A", roles: [.analyst], agency: nil)
        let analyst = Session(database: fixture.session.database, actor: Actor("an1"), clock: fixture.session.clock)
        var screen = ReferralScreen(ref: "PERP-1")
        try? screen.reload(analyst, rows: 20)
        #expect(screen.handle(key(of: ReferralScreen.self, .incident)).isEmpty)
    }

    /// The police home counts the user's own requests against the clock; D lists them, overdue first.
    @Test func thePoliceHomeShowsItsClaresLawRequestsDueAndOverdue() throws {
        let (fixture, police) = try Self.fixture()
        let request = ["route": "right_to_ask", "asked_by": "person_at_risk", "person_at_risk_name": "Rhea Risk",
                       "subject_name": "Sid Subject"]
        for day in ["2026-10-01", "2026-11-01", "2026-11-20"] {
            var fields = request
            fields["requested_on"] = day
            _ = try police.addDisclosureRequest(fields, identity: IdentityChoices(victim: .new, perpetrator: .new))
        }
        let app = App(session: police, width: 80, height: 24)
        let home = app.render().text
        #expect(home.contains("your Clare's Law requests: 1 OVERDUE · 1 due soon (D lists them)"), "\(home)")
        app.press(HomeAgencyScreen.self, .disclosures)
        let list = try #require(app.top as? DisclosureScreen)
        #expect(list.requests.map(\.requestedOn.description) == ["2026-10-01", "2026-11-01", "2026-11-20"])
        try Snapshot.check(app.render(), "disclosure-list-80x24")
        // The coordinator reaches the same list from triage.
        let coordinator = fixture.app()
        coordinator.press(TriageScreen.self, .disclosures)
        #expect((coordinator.top as? DisclosureScreen)?.requests.count == 3)
        // Another agency has no Clare's Law line on its home, and D says why.
        try fixture.session.addUser(login: "hs1", name: "H", roles: [.agency], agency: "housing")
        let housing = App(session: Session(database: fixture.session.database, actor: Actor("hs1"), clock: fixture.session.clock), width: 80, height: 24)
        #expect(!housing.render().text.contains("Clare's Law requests:"))
        housing.press(HomeAgencyScreen.self, .disclosures)
        #expect(housing.top is HomeAgencyScreen && housing.message == "Clare's Law requests are the police's", "\(housing.message ?? "")")
    }
}
