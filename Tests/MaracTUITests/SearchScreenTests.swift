import Foundation
import Testing
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore
@testable import MaracTUI

/// Issue 10, defect 10: search finds any part of a name, alias or child's
/// name, and every case of a perpetrator opens, not only the first.
@Suite struct SearchScreenTests {
    static func fields(_ ref: String, on day: String, _ overrides: [String: String]) -> [String: String] {
        var fields = ["referral_ref": ref, "referred_on": day, "referring_agency": "police", "victim_name": "Amina Begum",
                      "victim_dob": "1990-05-01", "perpetrator_name": "Liam Walsh", "perpetrator_dob": "1980-01-01",
                      "ric_answers": String(repeating: "Y", count: 14) + String(repeating: "N", count: 10)]
        for (key, value) in overrides { fields[key] = value }
        return fields
    }

    static func fixture() throws -> TUIFixture {
        let fixture = try TUIFixture(demo: false)
        _ = try fixture.session.logReferral(fields("W-1", on: "2026-10-01", ["victim_name": "Siobhán O'Neill",
                                                                           "children": "Ciarán O'Neill|2019-06-01|mother"]))
        _ = try fixture.session.logReferral(fields("W-2", on: "2026-11-01", ["victim_name": "Aoife O'Brien", "victim_dob": "1985-01-01"]))
        return fixture
    }

    @Test func accentsApostrophesAndChildrenAreFound() throws {
        let fixture = try Self.fixture()
        let app = fixture.app()
        app.press(App.self, .search)
        app.press(Key.parse("ciaran"))
        var screen = app.render().text
        #expect(screen.contains("Siobhán O'Neill") && screen.contains("child Ciarán O'Neil"), "\(screen)")
        app.press(Array(repeating: Key.backspace, count: 6))
        app.press(Key.parse("brien"))
        screen = app.render().text
        #expect(screen.contains("Aoife O'Brien") && !screen.contains("Siobhán"))
    }

    @Test func everyCaseOfAPerpetratorOpens() throws {
        let fixture = try Self.fixture()
        let app = fixture.app()
        app.press(App.self, .search)
        app.press(Key.parse("walsh"))
        let screen = app.render().text
        #expect(screen.contains("perpetrator against 2 victims"))
        // Tab into the cases, down to the second (older) one, open it.
        app.press(SearchScreen.self, .switchList)
        app.press(SearchScreen.self, .down)
        app.press(SearchScreen.self, .open)
        #expect((app.top as? ReferralScreen)?.ref == "W-1")
        app.press(ReferralScreen.self, .back)
        app.press(SearchScreen.self, .switchList)
        app.press(SearchScreen.self, .open)
        #expect((app.top as? ReferralScreen)?.ref == "W-1")
        app.press(ReferralScreen.self, .back)
        // Back on the people: Tab again, and Enter opens the newest case.
        app.press(SearchScreen.self, .up)
        app.press(SearchScreen.self, .open)
        #expect((app.top as? ReferralScreen)?.ref == "W-2")
    }
}
