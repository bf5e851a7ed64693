import Foundation
import Testing
@testable import MaracCore
@testable import MaracCases
@testable import MaracStore
@testable import MaracTUI

/// Every screen and the help overlay, at 80×24 and 120×40.
@Suite(.serialized) struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    /// Keys from the triage queue to each screen.
    static let screens: [(name: String, keys: String)] = [
        ("triage", ""),
        ("help", "?"),
        ("referral", "<Enter>"),
        ("form", "n"),
        ("form-checklist", "nBR-1<Tab><Tab>police<Tab><Tab><Tab>Zoë 李<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>yyyyyyyyyyyyyydn-"),
        ("meetings", "m"),
        ("agenda", "mj<Enter>"),
        ("actions", "A"),
        ("figures", "f"),
        ("search", "/Ana"),
    ]

    @Test(arguments: screens)
    func screen(name: String, keys: String) throws {
        let fixture = try TUIFixture()
        for (width, height) in Self.sizes {
            let app = fixture.app(width: width, height: height)
            app.press(Key.parse(keys))
            try Snapshot.check(app.render(), "\(name)-\(width)x\(height)")
        }
    }

    @Test func helpComesFromTheKeymapThatDispatches() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        app.press(.char("?"))
        let help = app.render().text
        for binding in TriageScreen.keymap.bindings {
            #expect(help.contains(binding.help), "help lacks: \(binding.help)")
        }
        // Any key closes help without acting.
        app.press(.char("q"))
        #expect(!app.showingHelp)
        #expect(!app.finished)
    }

    @Test func resizeRelaysOut() throws {
        let fixture = try TUIFixture()
        let app = fixture.app(width: 80, height: 24)
        let small = app.render()
        app.resize(width: 120, height: 40)
        let large = app.render()
        #expect(small.width == 80 && large.width == 120)
        #expect(large.lines[39].contains("? help"))
        #expect(small.lines[23].contains("? help"))
    }

    @Test func theDemoMarkIsOnEveryScreen() throws {
        let fixture = try TUIFixture()
        for (_, keys) in Self.screens {
            let app = fixture.app()
            app.press(Key.parse(keys))
            #expect(app.render().lines[0].contains("DEMO DATA"), "no DEMO mark after \(keys)")
        }
        let real = try TUIFixture(demo: false)
        #expect(!real.app().render().lines[0].contains("DEMO"))
    }
}
