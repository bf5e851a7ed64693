import Foundation
import MaracCore

/// One choice a picker offers: the stored code, the words shown for it, and
/// a note beside it (e.g. "present").
public struct PickerOption: Equatable, Sendable {
    public let code: String
    public let name: String
    public let note: String

    public init(code: String, name: String, note: String = "") {
        self.code = code
        self.name = name
        self.note = note
    }
}

/// A coded value chosen by name (issue 22, defect 5): typing filters the list
/// by name or code, ↑/↓ move, Enter chooses (space marks several where more
/// than one may be chosen). The stored code never has to be known; a code
/// typed by heart still works, as before: when nothing matches what was
/// typed, Enter answers with the text itself, which the question checks.
public struct Picker: Equatable, Sendable {
    public let title: String
    public let options: [PickerOption]
    /// Several may be chosen (agencies present); else Enter takes the highlighted one.
    public let multiple: Bool
    public var chosen: [String]
    public var filter = LineEditor()
    public var cursor = ListCursor()

    public init(title: String, options: [PickerOption], multiple: Bool = false, chosen: [String] = []) {
        self.title = title
        self.options = options
        self.multiple = multiple
        self.chosen = chosen
    }

    /// What a key did: nothing more to do, or the answer to the question.
    public enum Outcome: Equatable, Sendable { case stay, answer(String), cancel }

    /// The options matching what is typed: the code typed exactly first, then
    /// names starting with it, then names or codes containing it.
    public var matches: [PickerOption] {
        let typed = Self.folded(filter.text.trimmingCharacters(in: .whitespaces))
        guard !typed.isEmpty else { return options }
        let exact = options.filter { Self.folded($0.code) == typed || Self.folded($0.name) == typed }
        let starting = options.filter { !exact.contains($0) && Self.folded($0.name).hasPrefix(typed) }
        let containing = options.filter { !exact.contains($0) && !starting.contains($0)
            && (Self.folded($0.name).contains(typed) || Self.folded($0.code).contains(typed)) }
        return exact + starting + containing
    }

    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).replacingOccurrences(of: "_", with: " ")
    }

    public mutating func handle(_ key: Key, visible: Int) -> Outcome {
        let list = matches
        switch key {
        case .up, .ctrl("p"): cursor.move(-1, count: list.count, visible: visible)
        case .down, .ctrl("n"), .tab: cursor.move(1, count: list.count, visible: visible)
        case .pageUp: cursor.move(-visible, count: list.count, visible: visible)
        case .pageDown: cursor.move(visible, count: list.count, visible: visible)
        case .escape: return .cancel
        case .char(" ") where multiple && list.indices.contains(cursor.selected):
            let code = list[cursor.selected].code
            if let index = chosen.firstIndex(of: code) { chosen.remove(at: index) } else { chosen.append(code) }
            filter = LineEditor()
            cursor.clamp(count: options.count, visible: visible)
        case .enter:
            if multiple {
                // Nothing marked and something typed that names none: the typed codes, as before.
                // Something typed and not yet marked counts too: "police idva" typed by heart is both.
                var all = chosen
                if !filter.text.trimmingCharacters(in: .whitespaces).isEmpty {
                    if list.indices.contains(cursor.selected) {
                        if !all.contains(list[cursor.selected].code) { all.append(list[cursor.selected].code) }
                    } else {
                        all.append(filter.text.trimmingCharacters(in: .whitespaces))
                    }
                }
                return .answer(all.joined(separator: " "))
            }
            guard list.indices.contains(cursor.selected) else { return .answer(filter.text) }
            return .answer(list[cursor.selected].code)
        default:
            if filter.apply(key) { cursor = ListCursor() }
        }
        return .stay
    }

    /// The box over the screen: the title, what is typed, the matching options.
    func draw(into buffer: inout CellBuffer, footerRows: Int) {
        let widest = max(DisplayWidth.of(title) + 6, (options.map { DisplayWidth.of($0.name) + DisplayWidth.of($0.note) }.max() ?? 0) + 12)
        let width = min(buffer.width - 2, max(40, min(100, widest)))
        guard width >= 10, buffer.height >= 8 else { return }
        let left = (buffer.width - width) / 2, top = 2
        let bottom = buffer.height - 1 - footerRows
        guard bottom - top >= 4 else { return }
        let rows = bottom - top - 3
        for y in top..<bottom { buffer.put(String(repeating: " ", count: width), x: left, y: y) }
        buffer.put("┌" + String(repeating: "─", count: width - 2) + "┐", x: left, y: top)
        buffer.put("└" + String(repeating: "─", count: width - 2) + "┘", x: left, y: bottom - 1)
        for y in (top + 1)..<(bottom - 1) {
            buffer.put("│", x: left, y: y)
            buffer.put("│", x: left + width - 1, y: y)
        }
        buffer.put(" " + title + " ", x: left + 2, y: top, style: .bold, limit: width - 4)
        let typed = "type to filter: " + filter.text
        let end = buffer.put(typed, x: left + 2, y: top + 1, limit: width - 4)
        if end < left + width - 2 { buffer.put("▏", x: end, y: top + 1) }
        let list = matches
        let count = "\(list.count) of \(Count.of(options.count, "choice"))"
        if DisplayWidth.of(typed) + DisplayWidth.of(count) + 6 < width { buffer.put(count, x: left + width - 2 - DisplayWidth.of(count), y: top + 1, style: .dim) }
        var shown = cursor
        shown.clamp(count: list.count, visible: rows)
        if list.isEmpty {
            buffer.put("none match: Enter uses what is typed", x: left + 2, y: top + 2, style: .dim, limit: width - 4)
        }
        for (line, index) in (shown.top..<min(list.count, shown.top + rows)).enumerated() {
            let option = list[index]
            let mark = multiple ? (chosen.contains(option.code) ? "[x] " : "[ ] ") : ""
            let text = mark + option.name + (option.note.isEmpty ? "" : "  · " + option.note)
            buffer.put(CellBuffer.fit(text, width - 4), x: left + 2, y: top + 2 + line, style: index == shown.selected ? .reverse : .plain)
        }
    }
}
