import Foundation
import Testing
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore
@testable import MaracTUI

/// A demo database in a temporary folder with today and the clock fixed, so
/// every screen draws the same on every machine.
final class TUIFixture {
    let folder: URL
    let session: Session

    init(demo: Bool = true) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("marac-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try MaracDatabase(path: folder.appendingPathComponent("marac.db").path)
        let clock = Clock(today: Day("2026-11-24")!, now: { Date(timeIntervalSince1970: 1_795_000_000) })
        session = Session(database: database, actor: Actor("coordinator"), clock: clock)
        if demo {
            _ = try session.fillDemo(seed: 1, size: .small)
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func app(width: Int = 80, height: Int = 24) -> App { App(session: session, width: width, height: height) }
}

/// Compares a rendered screen with its stored snapshot. Run with
/// MARAC_RECORD_SNAPSHOTS=1 to write snapshots; read them before committing.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func check(_ buffer: CellBuffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = buffer.text + "\n"
        for line in buffer.lines {
            #expect(DisplayWidth.of(line) <= buffer.width, "a line wider than the screen: \(line)", sourceLocation: sourceLocation)
        }
        let file = folder.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["MARAC_RECORD_SNAPSHOTS"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        if expected != text {
            let diff = zip(expected.split(separator: "\n", omittingEmptySubsequences: false), text.split(separator: "\n", omittingEmptySubsequences: false))
                .enumerated().filter { $0.element.0 != $0.element.1 }
                .map { "line \($0.offset + 1):\n  expected: \($0.element.0)\n  actual:   \($0.element.1)" }
            let report: String = diff.prefix(10).joined(separator: "\n")
            Issue.record(Comment(rawValue: "snapshot \(name) differs:\n\(report)"), sourceLocation: sourceLocation)
        }
    }
}
