import Foundation
import Testing
@testable import MaracCore
@testable import MaracCases
@testable import MaracStore
@testable import MaracTUI

/// Every screen and the help overlay, at 80×24 and 120×40.
@Suite(.serialized) struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    /// Keys from the triage queue to each screen, commands by name.
    static let screens: [(name: String, keys: [Key])] = [
        ("triage", []),
        ("help", [key(of: App.self, .help)]),
        ("referral", [key(of: TriageScreen.self, .open)]),
        ("form", [key(of: TriageScreen.self, .new)]),
        ("form-checklist", [key(of: TriageScreen.self, .new)] + Key.parse("BR-1<Tab><Tab>police<Tab><Tab><Tab>Zoë 李<Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab><Tab>yyyyyyyyyyyyyydn-")),
        ("meetings", [key(of: TriageScreen.self, .meetings)]),
        ("agenda", [key(of: TriageScreen.self, .meetings), key(of: MeetingsScreen.self, .down), key(of: MeetingsScreen.self, .open)]),
        ("actions", [key(of: TriageScreen.self, .actions)]),
        ("figures", [key(of: TriageScreen.self, .figures)]),
        ("search", [key(of: App.self, .search)] + Key.parse("Ana")),
    ]

    @Test(arguments: screens)
    func screen(name: String, keys: [Key]) throws {
        let fixture = try TUIFixture()
        for (width, height) in Self.sizes {
            let app = fixture.app(width: width, height: height)
            app.press(keys)
            try Snapshot.check(app.render(), "\(name)-\(width)x\(height)")
        }
    }

    /// The snapshots hold style too: HIGH or OVERDUE drawn plain, every word
    /// kept, no longer matches. (Run against the stored snapshot, so a
    /// snapshot recorded without the emphasis would fail here.)
    @Test(arguments: [("triage-80x24", [Key](), "HIGH"), ("actions-80x24", [key(of: TriageScreen.self, .actions)], "ESCALATED")])
    func losingTheEmphasisOfAWordFailsItsSnapshot(name: String, keys: [Key], word: String) throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        app.press(keys)
        let shown = app.render()
        let stored = try Snapshot.stored(name)
        #expect(Snapshot.content(shown) == stored)
        var plain = shown
        var found = 0
        let letters = word.map(String.init)
        for y in 0..<plain.height {
            for x in 0...(plain.width - letters.count) where (0..<letters.count).allSatisfy({ plain[x + $0, y].text == letters[$0] }) {
                #expect(plain[x, y].style.bold && plain[x, y].style.colour != .none, "\(word) at \(x),\(y) is not emphasised")
                for i in 0..<letters.count {
                    // The emphasis gone; the highlight of a selected row stays.
                    plain[x + i, y].style = CellStyle(reverse: plain[x + i, y].style.reverse)
                }
                found += 1
            }
        }
        #expect(found > 0, "\(word) is not on \(name)")
        #expect(plain.text == shown.text)
        #expect(Snapshot.content(plain) != stored)
    }

    @Test func helpComesFromTheKeymapThatDispatches() throws {
        let fixture = try TUIFixture()
        // Tall enough for every key: at 80×24 the box ends "N more rows: enlarge the window" (the help snapshots).
        let app = fixture.app(width: 120, height: 60)
        app.press(App.self, .help)
        let help = app.render().text
        // Every key the coordinator may use; break-glass is not one (they see every case already: issue 22).
        for binding in TriageScreen.keymap.bindings {
            let allowed = TriageScreen.useCase(binding.command).map { Policy.grant([.coordinator], $0) != nil } ?? true
            #expect(help.contains(binding.help) == allowed, "help: \(binding.help)")
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
            app.press(keys)
            #expect(app.render().lines[0].contains("DEMO DATA"), "no DEMO mark after \(keys)")
        }
        let real = try TUIFixture(demo: false)
        #expect(!real.app().render().lines[0].contains("DEMO"))
    }
}
