import MaracCore
import MaracCases

/// What was shared at a meeting, entry by entry (issue 20): an entry typed
/// with the wrong words is corrected, one against the wrong case or agency
/// withdrawn (and recorded again on the right one), each saying why. A
/// withdrawn entry stays listed, marked, as the history keeps it.
public struct SharedEntriesScreen: Screen {
    enum Command: Sendable { case up, down, correct, withdraw, back }

    static let keymap = Keymap<Command>([
        KeyBinding([.char("j"), .down, .mouseWheelDown], "down", "next entry", .down, hint: false),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "up", "previous entry", .up, hint: false),
        KeyBinding([.char("e")], "correct", "correct the entry's words, saying why (the minutes show the correction)", .correct),
        KeyBinding([.char("W")], "withdraw", "withdraw the entry, saying why (gone from the minutes; kept in the history)", .withdraw),
        KeyBinding([.char("q"), .escape], "back", "back", .back),
    ])

    public let day: Day
    public var title: String { "Shared at the meeting on \(day)" }
    public var hints: String { Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }

    var entries: [SharedEntry] = []
    var cursor = ListCursor()
    var visible = 10

    public init(day: Day) { self.day = day }

    public mutating func reload(_ session: Session, rows: Int) throws {
        visible = max(1, rows - 1)
        let followed = selected?.id
        entries = try session.sharedEntries(on: day)
        cursor.follow(followed, in: entries.map(\.id), visible: visible)
    }

    var selected: SharedEntry? { entries.indices.contains(cursor.selected) ? entries[cursor.selected] : nil }

    public mutating func handle(_ key: Key) -> [Effect] {
        guard let command = Self.keymap.command(for: key) else { return [] }
        switch command {
        case .down: cursor.move(1, count: entries.count, visible: visible)
        case .up: cursor.move(-1, count: entries.count, visible: visible)
        case .correct:
            if let entry = selected, !entry.withdrawn { return [.ask(.correctedText(entry: entry.id), initial: entry.text)] }
        case .withdraw:
            if let entry = selected, !entry.withdrawn { return [CorrectionPrompt.ask(.withdrawShared(entry: entry.id))] }
        case .back: return [.pop]
        }
        return []
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        Draw.row(&buffer, y: area.y, x: area.x, width: area.width, cells: [
            ("#", 6, .bold), ("ref", 15, .bold), ("agency", 16, .bold), ("", 10, .bold), ("what was shared", 0, .bold),
        ], selected: false)
        for (line, index) in (cursor.top..<min(entries.count, cursor.top + visible)).enumerated() {
            let e = entries[index]
            Draw.row(&buffer, y: area.y + 1 + line, x: area.x, width: area.width, cells: [
                (String(e.id), 6, .plain), (e.ref, 15, .plain), (e.agencyName ?? SharedEntry.agencyNotRecorded, 16, .plain),
                (e.withdrawn ? "withdrawn" : "", 10, .dim), (e.text, 0, e.withdrawn ? .dim : .plain),
            ], selected: index == cursor.selected)
        }
        if entries.isEmpty { buffer.put("Nothing recorded as shared at this meeting yet.", x: area.x + 2, y: area.y + 2) }
    }
}
