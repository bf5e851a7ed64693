import Foundation
import Testing
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore
@testable import MaracTUI

/// Issue 10: the safety flags, in words, on every screen that shows the
/// victim; the keyworker on the referral page and in meeting mode.
@Suite struct SafetyFlagsScreenTests {
    static let flagged: [String: String] = [
        "safe_to_call": "no", "do_not_contact_at_home": "yes", "perpetrator_unaware": "yes",
        "interpreter_language": "Polish", "keyworker": "idva1",
    ]

    static func fixture() throws -> TUIFixture {
        let fixture = try TUIFixture(demo: false)
        _ = try fixture.session.logReferral(SearchScreenTests.fields("SAFE-1", on: "2026-11-20", flagged.merging(["victim_name": "Ewa Nowak"]) { a, _ in a }))
        try fixture.session.createMeeting(on: Day("2026-11-26")!)
        return fixture
    }

    @Test func everyScreenThatShowsTheVictimSaysHowToContactThemInWords() throws {
        let fixture = try Self.fixture()
        let app = fixture.app()
        // The triage row: the warnings before the agency (cut at 80 columns), and in full on the last line.
        var screen = app.render().text
        #expect(screen.contains("no home…"))
        #expect(screen.contains("Safety: no home contact · no safe call · perp. unaware · interpreter: Polish"))
        #expect(fixture.app(width: 160).render().text.contains("no home contact · no safe call · perp. unaware · interpreter: Polish · Police"))
        // The referral page: in full, with the keyworker.
        app.press(TriageScreen.self, .open)
        screen = app.render().text
        for line in ["Safety: DO NOT CONTACT AT HOME", "          NOT safe to call on the safe number", "          perpetrator unaware of the referral",
                     "          interpreter needed (Polish)"] {
            #expect(screen.contains(line))
        }
        #expect(screen.contains("Keyworker: idva1"))
        app.press(ReferralScreen.self, .back)
        // Search: the person's cases.
        app.press(App.self, .search)
        app.press(Key.parse("nowak"))
        #expect(app.render().text.contains("Safety: no home contact · no safe call · perp. unaware · interpreter: Polish"))
        app.press(SearchScreen.self, .back)
        // The agenda row and meeting mode's case in hand.
        _ = try fixture.session.screenIn("SAFE-1")
        let wide = fixture.app(width: 160, height: 30)
        wide.press(TriageScreen.self, .meetings)
        wide.press(MeetingsScreen.self, .open)
        screen = wide.render().text
        #expect(screen.contains("no home contact · no safe call · perp. unaware · interpreter: Polish"))
        #expect(screen.contains("Safety: DO NOT CONTACT AT HOME; NOT safe to call on the safe number; perpetrator unaware of the referral; interpreter needed (Polish)"))
        #expect(screen.contains("Keyworker: idva1"))
        try Snapshot.check(wide.render(), "meeting-safety-160x30")
    }

    @Test func theFormRecordsTheFlags() throws {
        let fixture = try TUIFixture(demo: false)
        let app = fixture.app()
        app.press(TriageScreen.self, .new)
        app.press(Key.parse("FORM-1<Tab><Tab>police<Tab><Tab><Tab>Ana Lee"))
        let form = try #require(app.top as? ReferralFormScreen)
        let index = try #require(ReferralFormScreen.fields.firstIndex { $0.column == "safe_to_call" })
        let name = try #require(ReferralFormScreen.fields.firstIndex { $0.column == "victim_name" })
        _ = form
        app.press(ReferralFormScreen.self, .next, times: index - name)
        app.press(Key.parse("no<Tab>yes<Tab>unknown<Tab>Tigrinya"))
        app.press(ReferralFormScreen.self, .save)
        if app.prompt != nil { app.press(Key.parse("y")) }
        let saved = try fixture.session.referral("FORM-1").referral
        #expect(SafetyFlags(plain: saved.plain) == SafetyFlags(safeToCall: "no", doNotContactAtHome: true, perpetratorUnaware: "unknown",
                                                                interpreterLanguage: "Tigrinya"))
    }
}
