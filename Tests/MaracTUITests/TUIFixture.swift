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

/// Compares a rendered screen with its stored snapshot: the text, then its
/// style (ratatui's expected buffers carry modifiers and colour the same
/// way), so a HIGH or OVERDUE that loses its bold or colour fails as surely
/// as one that loses its words. Run with MARAC_RECORD_SNAPSHOTS=1 to write
/// snapshots; read them before committing.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// The snapshot file's content: the screen's lines, then a legend of the
    /// styles used and, under each line, one letter per cell naming its style
    /// ("." plain; a line of plain cells is left empty).
    static func content(_ buffer: CellBuffer) -> String {
        var letters: [CellStyle: Character] = [.plain: "."]
        var legend: [String] = []
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var rows: [String] = []
        for y in 0..<buffer.height {
            var row = ""
            for x in 0..<buffer.width {
                let style = buffer[x, y].style
                if letters[style] == nil {
                    let letter = alphabet[min(letters.count - 1, alphabet.count - 1)]
                    letters[style] = letter
                    legend.append("\(letter) \(words(style))")
                }
                row.append(letters[style]!)
            }
            while row.hasSuffix(".") { row.removeLast() }
            rows.append(row)
        }
        return buffer.text + "\n-- style: " + legend.joined(separator: "; ") + "\n" + rows.joined(separator: "\n") + "\n"
    }

    static func words(_ style: CellStyle) -> String {
        var words: [String] = []
        if style.bold { words.append("bold") }
        if style.reverse { words.append("reverse") }
        if style.underline { words.append("underline") }
        if style.dim { words.append("dim") }
        if style.colour != .none { words.append("colour=\(style.colour)") }
        return words.joined(separator: "+")
    }

    static func stored(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("\(name).txt"), encoding: .utf8)
    }

    static func check(_ buffer: CellBuffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = content(buffer)
        for line in buffer.lines {
            #expect(DisplayWidth.of(line) <= buffer.width, "a line wider than the screen: \(line)", sourceLocation: sourceLocation)
        }
        let file = folder.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["MARAC_RECORD_SNAPSHOTS"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try stored(name)
        if expected != text {
            let diff = zip(expected.split(separator: "\n", omittingEmptySubsequences: false), text.split(separator: "\n", omittingEmptySubsequences: false))
                .enumerated().filter { $0.element.0 != $0.element.1 }
                .map { "line \($0.offset + 1):\n  expected: \($0.element.0)\n  actual:   \($0.element.1)" }
            let report: String = diff.prefix(10).joined(separator: "\n")
            Issue.record(Comment(rawValue: "snapshot \(name) differs:\n\(report)"), sourceLocation: sourceLocation)
        }
    }
}
