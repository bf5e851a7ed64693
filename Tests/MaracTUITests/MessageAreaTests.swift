import Foundation
import Testing
@testable import MaracCases
@testable import MaracCore
@testable import MaracTUI

/// Issue 22, defect 1: every refusal the use cases can raise is shown whole
/// at 80×24 and 120×40, with its fix. The messages are read from the source
/// (every `CaseError(`, `CaseError.Problem(` and `FieldError(` with words in
/// it), so a new refusal is in the table the day it is written.
@Suite struct MessageAreaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// One refusal as written in the source: its words (interpolations filled
    /// with a long reference) and the hint it names, if any.
    struct Written: CustomStringConvertible, Sendable {
        let place: String
        let message: String
        let hint: String?
        var description: String { place }
    }

    static let written: [Written] = {
        var out: [Written] = []
        let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent("Sources").path)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".swift"), path.hasPrefix("MaracCases/") || path.hasPrefix("MaracCore/") else { continue }
            guard let source = try? String(contentsOf: root.appendingPathComponent("Sources").appendingPathComponent(path), encoding: .utf8) else { continue }
            for opener in ["CaseError(", "CaseError.Problem(", "FieldError("] {
                var rest = source[...]
                while let range = rest.range(of: opener) {
                    let call = SwiftSource.call(rest[range.upperBound...])
                    let literals = SwiftSource.literals(call)
                    let line = source[..<range.lowerBound].filter { $0 == "\n" }.count + 1
                    if let words = literals.max(by: { $0.count < $1.count }), words.contains(" ") {
                        let hint = call.range(of: "hint: .").map { String(call[$0.upperBound...].prefix { $0.isLetter }) }
                        out.append(Written(place: "\(path):\(line)", message: words, hint: hint))
                    }
                    rest = rest[range.upperBound...]
                }
            }
        }
        return out.sorted { $0.place < $1.place }
    }()

    /// Every hint, with a value: a new hint fails to compile here until it is added.
    static func example(_ hint: CaseError.Hint) -> CaseError.Hint {
        switch hint {
        case .replaceExisting, .createMeeting, .planMeeting, .reloadRecord, .exportAgain, .askAdmin,
             .recordConsentDecision, .decidePerson, .confirmClearingAnswers: hint
        }
    }

    static let hints: [String: CaseError.Hint] = [
        "replaceExisting": example(.replaceExisting), "createMeeting": example(.createMeeting(Day("2026-12-17")!)),
        "planMeeting": example(.planMeeting), "reloadRecord": example(.reloadRecord), "exportAgain": example(.exportAgain),
        "askAdmin": example(.askAdmin(["admin-one", "admin-two", "admin-three"])), "recordConsentDecision": example(.recordConsentDecision),
        "decidePerson": example(.decidePerson(.victim)), "confirmClearingAnswers": example(.confirmClearingAnswers(24)),
    ]

    @Test func theSourceIsReadAndEveryHintNamedIsKnown() {
        // 156 CaseError sites and 51 FieldError sites when this was written: the scan reads them.
        #expect(Self.written.count > 120, "the scan found only \(Self.written.count) refusals")
        for refusal in Self.written { if let hint = refusal.hint { #expect(Self.hints[hint] != nil, "unknown hint \(hint) at \(refusal.place)") } }
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func everyRefusalIsShownWhole(width: Int, height: Int) throws {
        let fixture = try TUIFixture()
        let app = fixture.app(width: width, height: height)
        let lawfulBases = (try? fixture.session.lawfulBases()) ?? []
        for refusal in Self.written {
            // Two problems on one line, each with its fix: the longest a refusal gets.
            let hint = refusal.hint.flatMap { Self.hints[$0] }
            let error = CaseError(.invalid, [CaseError.Problem(field: "victim_gender", refusal.message, hint: hint),
                                             CaseError.Problem(field: "lawful_basis", refusal.message, hint: .recordConsentDecision)])
            let text = App.describe(error, lawfulBases: lawfulBases)
            app.perform([.message(text)])
            let shown = MessageAreaTests.messageArea(app.render(), rows: MessageArea.rows(text, width: width, height: height).count)
            #expect(shown == Self.collapsed(text), "cut at \(width)×\(height): \(refusal.place)")
        }
    }

    /// The screening refusal names the lawful bases by name and how to choose one.
    @Test func theScreeningRefusalNamesTheLawfulBasesAndHowToChoose() throws {
        let fixture = try TUIFixture()
        let bases = try fixture.session.lawfulBases()
        let words = App.words(.recordConsentDecision, lawfulBases: bases)
        #expect(words.contains("F4"))
        for basis in bases { #expect(words.contains(basis.text)) }
    }

    /// A message too long for one row is never cut: on main it was, at 80 columns.
    @Test func aLongMessageWrapsAboveTheStatusLine() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        let text = "error: victim_gender: the value is not allowed; use one of female male other unknown; lawful_basis: BR-2026-0101 was not screened in: consent is not sought: record the lawful basis"
        app.perform([.message(text)])
        let buffer = app.render()
        #expect(Self.messageArea(buffer, rows: 3) == Self.collapsed(text))
        // The status line is still the status line.
        #expect(buffer.lines[23].contains("help"))
    }

    static func messageArea(_ buffer: CellBuffer, rows: Int) -> String {
        collapsed(buffer.lines[(buffer.height - 1 - rows)..<(buffer.height - 1)].joined(separator: " "))
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// Just enough of Swift's syntax to read the words of a call: its argument
/// text (brackets balanced, strings skipped over) and its string literals
/// with each interpolation filled with a long reference.
enum SwiftSource {
    static let filler = "BR-2026-0101-LONG"

    static func call(_ text: Substring) -> String {
        var depth = 1
        var out = ""
        var index = text.startIndex
        while index < text.endIndex, depth > 0 {
            let c = text[index]
            if c == "\"" {
                let end = skipString(text, from: index)
                out += text[index..<end]
                index = end
                continue
            }
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1 }
            if depth > 0 { out.append(c) }
            index = text.index(after: index)
        }
        return out
    }

    /// The index after the string literal starting at `start`.
    static func skipString(_ text: Substring, from start: Substring.Index) -> Substring.Index {
        var index = text.index(after: start)
        while index < text.endIndex {
            let c = text[index]
            if c == "\\" {
                let next = text.index(after: index)
                if next < text.endIndex, text[next] == "(" {
                    index = skipInterpolation(text, from: text.index(after: next))
                    continue
                }
                index = text.index(index, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex
                continue
            }
            if c == "\"" { return text.index(after: index) }
            index = text.index(after: index)
        }
        return text.endIndex
    }

    static func skipInterpolation(_ text: Substring, from start: Substring.Index) -> Substring.Index {
        var depth = 1
        var index = start
        while index < text.endIndex {
            let c = text[index]
            if c == "\"" { index = skipString(text, from: index); continue }
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1; if depth == 0 { return text.index(after: index) } }
            index = text.index(after: index)
        }
        return text.endIndex
    }

    /// The top-level string literals of a call, interpolations filled.
    static func literals(_ call: String) -> [String] {
        let text = call[...]
        var out: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == "\"" else { index = text.index(after: index); continue }
            let end = skipString(text, from: index)
            var body = String(text[text.index(after: index)..<max(text.index(after: index), text.index(before: end))])
            // Each interpolation, however nested, becomes the filler.
            while let open = body.range(of: "\\(") {
                let close = skipInterpolation(body[...], from: open.upperBound)
                body.replaceSubrange(open.lowerBound..<close, with: filler)
            }
            out.append(body.replacingOccurrences(of: "\\n", with: " "))
            index = end
        }
        return out
    }
}
