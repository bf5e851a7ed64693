import MaracCore
import MaracCases

/// Actions in full, every word wrapped to the window: one action from the
/// actions list (Enter), or every action of a case from meeting mode (`c`).
public struct ActionTextScreen: Screen {
    enum Command: Sendable { case down, up, reopen, back }

    static let keymap = Keymap<Command>([
        KeyBinding([.char("j"), .down, .mouseWheelDown], "down", "scroll down", .down, hint: false),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "up", "scroll up", .up, hint: false),
        KeyBinding([.char("r")], "reopen", "reopen a done or incomplete action (#id), saying why", .reopen),
        KeyBinding([.char("q"), .escape], "back", "back", .back),
    ])

    /// The case whose actions are shown, or nil for the one action given.
    let ref: String?
    var actions: [ActionRecord]
    var scroll = 0
    var height = 10
    var width = 80
    /// Which overdue actions are escalated to the chair, said in words (issue 22).
    var rules = ChaseRules()

    public var title: String { ref.map { "Actions of \($0)" } ?? actions.first.map { "Action #\($0.id)" } ?? "Action" }
    public var hints: String { Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }

    public init(action: ActionRecord) { ref = nil; actions = [action] }
    public init(ref: String) { self.ref = ref; actions = [] }

    public mutating func reload(_ session: Session, rows: Int) throws {
        height = rows
        rules = try session.chaseRules()
        if let ref { actions = try session.referral(ref).actions }
    }

    /// Every line, wrapped at `width` columns.
    func lines(today: Day, width: Int) -> [(String, CellStyle)] {
        var out: [(String, CellStyle)] = []
        if actions.isEmpty { out.append(("No actions agreed for this case.", .dim)) }
        for a in actions {
            let state = rules.listWord(status: a.status, due: a.due, today: today)
            out.append(("#\(a.id) \(a.referralRef) · \(Draw.agency(a.agency)) · \(a.owner) · due \(a.due) · \(state)",
                        a.isOverdue(today: today) ? CellStyle(bold: true, colour: .warning) : .bold))
            for line in Wrap.lines(a.description, width: max(10, width - 4)) { out.append(("  " + line, .plain)) }
            if let note = a.completionNote {
                for line in Wrap.lines("Note: " + note, width: max(10, width - 4)) { out.append(("  " + line, .dim)) }
            }
            out.append(("", .plain))
        }
        return out
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        guard let command = Self.keymap.command(for: key) else { return [] }
        switch command {
        case .down: scroll += 1
        case .up: scroll = max(0, scroll - 1)
        case .reopen:
            let closed = actions.filter { $0.status != .open }
            if closed.count == 1, let only = closed.first { return [CorrectionPrompt.ask(.reopen(action: only.id))] }
            if !closed.isEmpty { return [.ask(.reopenWhich(problem: nil), initial: "")] }
            return [.message("no done or incomplete action here to reopen")]
        case .back: return [.pop]
        }
        return []
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        let all = lines(today: session.today, width: area.width - 1)
        let top = min(scroll, max(0, all.count - area.height))
        for (row, index) in (top..<min(all.count, top + area.height)).enumerated() {
            buffer.put(all[index].0, x: area.x + 1, y: area.y + row, style: all[index].1, limit: area.width - 1)
        }
    }
}

/// Word wrapping by display width (wide characters count two).
enum Wrap {
    static func lines(_ text: String, width: Int) -> [String] {
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if DisplayWidth.of(candidate) <= width || line.isEmpty {
                    line = candidate
                } else {
                    out.append(line)
                    line = String(word)
                }
                // A single word wider than the line is cut into pieces.
                while DisplayWidth.of(line) > width {
                    var head = ""
                    for character in line {
                        if DisplayWidth.of(head + String(character)) > width { break }
                        head.append(character)
                    }
                    if head.isEmpty { break }
                    out.append(head)
                    line = String(line.dropFirst(head.count))
                }
            }
            out.append(line)
        }
        return out
    }
}
