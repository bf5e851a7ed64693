import Foundation
import Testing
@testable import MaracCore
@testable import MaracStore
@testable import MaracTUI

/// Issue 8: `?` in a terminal 6 rows high crashed ("Can't take a prefix of
/// negative length") and lost the referral being typed; drafts are owner-only.
@Suite struct ReliabilityTUITests {
    @Test(arguments: [(80, 6), (80, 3), (80, 1), (20, 24), (5, 5), (29, 7), (30, 8)])
    func helpInATinyTerminalNeverCrashesOrLosesTheForm(_ size: (Int, Int)) throws {
        let fixture = try TUIFixture()
        // The help box over the triage queue.
        let triage = fixture.app(width: size.0, height: size.1)
        triage.press(App.self, .help)
        let help = triage.render()
        #expect(help.lines.count == size.1)
        #expect(help.lines.allSatisfy { DisplayWidth.of($0) <= size.0 })
        // And while a referral is being typed: it survives.
        // Typed at 80×24, then the window shrinks (issue 10: below 80×24 a notice, keys wait).
        let app = fixture.app()
        app.press(TriageScreen.self, .new)
        app.press(Key.parse("Ann"))
        app.resize(width: size.0, height: size.1)
        app.press(.char("?"))
        let screen = app.render()
        #expect(screen.lines.count == size.1)
        #expect(try #require(app.top as? ReferralFormScreen).values.values.contains { $0.hasPrefix("Ann") })
    }

    @Test func aDraftIsOwnerOnlyEvenOverALooserFile() throws {
        let fixture = try TUIFixture()
        let path = fixture.folder.appendingPathComponent("draft.json").path
        FileManager.default.createFile(atPath: path, contents: Data(String(repeating: "x", count: 5000).utf8))
        chmod(path, 0o644)
        let draft = FormDraft(values: ["victim_name": "Ann"], answers: "YYN", editingVersion: nil)
        draft.save(to: path)
        var info = stat()
        #expect(lstat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(FormDraft.load(from: path) == draft)
    }
}
