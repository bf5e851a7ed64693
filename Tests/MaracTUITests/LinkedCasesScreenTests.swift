import Foundation
import Testing
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore
@testable import MaracTUI

/// Issue 10: the agenda marks cases sharing a perpetrator, meeting mode says
/// so, and the referral page lists them, each opening.
@Suite struct LinkedCasesScreenTests {
    static func fixture() throws -> TUIFixture {
        let fixture = try TUIFixture(demo: false)
        let s = fixture.session
        _ = try s.logReferral(SearchScreenTests.fields("L-1", on: "2026-11-10", ["victim_name": "Grace Okafor", "children_in_household": "0"]))
        _ = try s.logReferral(SearchScreenTests.fields("L-2", on: "2026-11-11", ["victim_name": "Mei Chen", "victim_dob": "1992-02-02",
                                                                               "children_in_household": "0", "perpetrator_unaware": "yes"]))
        _ = try s.logReferral(SearchScreenTests.fields("L-3", on: "2026-11-12", ["victim_name": "Ana Lee", "victim_dob": "1993-03-03",
                                                                               "children_in_household": "0", "perpetrator_name": "Someone Else"]))
        try s.createMeeting(on: Day("2026-11-26")!)
        for ref in ["L-1", "L-2", "L-3"] { _ = try s.screenIn(ref) }
        return fixture
    }

    @Test func theAgendaAndMeetingModeMarkCasesWithTheSamePerpetrator() throws {
        let fixture = try Self.fixture()
        let agenda = try fixture.session.agenda(on: Day("2026-11-26")!)
        let byRef = Dictionary(uniqueKeysWithValues: agenda.cases.enumerated().map { ($0.element.referral.ref, ($0.offset + 1, $0.element)) })
        let one = try #require(byRef["L-1"]), two = try #require(byRef["L-2"]), three = try #require(byRef["L-3"])
        #expect(one.1.samePerpetratorAs == [two.0] && two.1.samePerpetratorAs == [one.0] && three.1.samePerpetratorAs.isEmpty)
        let app = fixture.app(width: 120, height: 30)
        app.press(TriageScreen.self, .meetings)
        app.press(MeetingsScreen.self, .open)
        let screen = app.render().text
        #expect(screen.contains("same perp. as \(two.0)") && screen.contains("same perp. as \(one.0)"))
        // The case in hand says it in full.
        let first = try #require(agenda.cases.first)
        if let words = LinkedCases.words(first.samePerpetratorAs) { #expect(screen.contains(words)) }
        try Snapshot.check(app.render(), "agenda-linked-120x30")
    }

    @Test func theReferralPageListsLinkedCasesAndEachOpens() throws {
        let fixture = try Self.fixture()
        let app = fixture.app()
        app.press(App.self, .search)
        app.press(Key.parse("grace"))
        app.press(SearchScreen.self, .open)
        #expect((app.top as? ReferralScreen)?.ref == "L-1")
        var screen = app.render().text
        #expect(screen.contains("Linked cases: same perpetrator, other victims"))
        #expect(screen.contains("L-2") && screen.contains("victim Mei Chen") && screen.contains("perp. unaware"))
        #expect(!screen.contains("L-3"))
        app.press(ReferralScreen.self, .nextLink)
        app.press(ReferralScreen.self, .open)
        #expect((app.top as? ReferralScreen)?.ref == "L-2")
        screen = app.render().text
        #expect(screen.contains("L-1") && screen.contains("victim Grace Okafor"))
    }

    @Test func linkedCasesOutsideAnIDVAsScopeAreNotListed() throws {
        let fixture = try Self.fixture()
        try fixture.session.addUser(login: "idva1", name: "An IDVA", roles: [.idva], agency: nil)
        let idva = Session(database: fixture.session.database, actor: Actor("idva1"), clock: fixture.session.clock)
        _ = try idva.logReferral(SearchScreenTests.fields("L-4", on: "2026-11-13", ["victim_name": "Zofia Nowak", "victim_dob": "1994-04-04"]))
        #expect(try idva.referral("L-4").linkedCases.isEmpty)
        #expect(Set(try fixture.session.referral("L-4").linkedCases.map(\.ref)) == ["L-1", "L-2"])
    }
}
