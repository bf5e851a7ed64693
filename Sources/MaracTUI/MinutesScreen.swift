import MaracCore
import MaracCases
import MaracDocuments

/// A meeting's minutes on screen (issue 22: minutes written with `w` are
/// encrypted to the MARAC's key and could not be read in the UI): the same
/// text `marac meeting minutes` prints, agencies by name, wrapped to the
/// window. Reading them is recorded, as the command's is.
public struct MinutesScreen: Screen {
    enum Command: Sendable { case down, up, pageDown, pageUp, back }

    static let keymap = Keymap<Command>([
        KeyBinding([.char("j"), .down, .mouseWheelDown], "down", "scroll down", .down, hint: false),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "up", "scroll up", .up, hint: false),
        KeyBinding([.pageDown, .ctrl("f"), .char(" ")], "page", "next page", .pageDown),
        KeyBinding([.pageUp, .ctrl("b")], "page", "previous page", .pageUp, hint: false),
        KeyBinding([.char("q"), .escape], "back", "back", .back),
    ])

    public let day: Day
    var text = ""
    var scroll = 0
    var height = 10

    public var title: String { "Minutes \(day)" }
    public var hints: String { Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }
    /// Read once when opened (reading them is recorded), not on every key.
    public var reloadsOnEveryKey: Bool { false }

    public init(day: Day) { self.day = day }

    public mutating func reload(_ session: Session, rows: Int) throws {
        height = rows
        let minutes = try session.minutes(on: day)
        let names = FiguresNames(agencies: Dictionary(((try? session.agencies()) ?? []).map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }))
        text = MeetingDocuments.minutesMarkdown(minutes, names: names)
    }

    func lines(width: Int) -> [(String, CellStyle)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { raw -> [(String, CellStyle)] in
            let line = String(raw)
            let style: CellStyle = line.hasPrefix("#") ? .bold : .plain
            return Wrap.lines(line, width: max(10, width)).map { ($0, style) }
        }
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        guard let command = Self.keymap.command(for: key) else { return [] }
        switch command {
        case .down: scroll += 1
        case .up: scroll = max(0, scroll - 1)
        case .pageDown: scroll += max(1, height - 1)
        case .pageUp: scroll = max(0, scroll - max(1, height - 1))
        case .back: return [.pop]
        }
        return []
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        let all = lines(width: area.width - 2)
        let top = min(scroll, max(0, all.count - area.height))
        for (row, index) in (top..<min(all.count, top + area.height)).enumerated() {
            buffer.put(all[index].0, x: area.x + 1, y: area.y + row, style: all[index].1, limit: area.width - 1)
        }
        let below = all.count - (top + area.height)
        if below > 0, area.height > 1 {
            buffer.put(String(repeating: " ", count: max(0, area.width)), x: area.x, y: area.y + area.height - 1)
            buffer.put("▼ \(below + 1) more lines: j or space scrolls", x: area.x + 1, y: area.y + area.height - 1, style: .bold, limit: area.width - 1)
        }
    }
}
