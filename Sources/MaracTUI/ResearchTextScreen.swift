import MaracCore
import MaracCases

/// Every research return of one case at a meeting, every word, wrapped to
/// the window (issue 22: meeting mode cut returns with no way to read them).
public struct ResearchTextScreen: Screen {
    enum Command: Sendable { case down, up, back }

    static let keymap = Keymap<Command>([
        KeyBinding([.char("j"), .down, .mouseWheelDown], "down", "scroll down", .down, hint: false),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "up", "scroll up", .up, hint: false),
        KeyBinding([.char("q"), .escape], "back", "back", .back),
    ])

    let ref: String
    let meeting: Day
    var returns: [ResearchReturnRecord] = []
    var scroll = 0

    public var title: String { "Research returns for \(ref) · meeting \(meeting)" }
    public var hints: String { Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }

    public init(ref: String, meeting: Day) {
        self.ref = ref
        self.meeting = meeting
    }

    public mutating func reload(_ session: Session, rows: Int) throws {
        returns = try session.researchReturns(on: meeting, ref: ref)
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        guard let command = Self.keymap.command(for: key) else { return [] }
        switch command {
        case .down: scroll += 1
        case .up: scroll = max(0, scroll - 1)
        case .back: return [.pop]
        }
        return []
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        let all = returns.isEmpty ? [("No returns recorded for \(ref).", CellStyle.dim)] : ResearchPanel.lines(returns, width: area.width - 1)
        let top = min(scroll, max(0, all.count - area.height))
        for (row, index) in (top..<min(all.count, top + area.height)).enumerated() {
            buffer.put(all[index].0, x: area.x + 1, y: area.y + row, style: all[index].1, limit: area.width - 1)
        }
    }
}
