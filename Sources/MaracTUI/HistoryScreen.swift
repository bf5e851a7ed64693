import MaracCore
import MaracCases

/// `H` on a referral's page (issue 20): the case's history of corrections,
/// newest first, a page at a time: when, who, what changed from what to
/// what, and why. Every entity of the case shows here (its people, actions,
/// meetings, what was shared), because each row carries the case's id.
public struct HistoryScreen: Screen {
    enum Command: Sendable { case nextPage, previousPage, back }

    static let keymap = Keymap<Command>([
        KeyBinding([.pageDown, .char("j"), .down, .char(" ")], "older", "the next page: older changes", .nextPage),
        KeyBinding([.pageUp, .char("k"), .up], "newer", "the previous page: newer changes", .previousPage),
        KeyBinding([.char("q"), .escape], "back", "back to the referral", .back),
    ])

    public let ref: String
    /// Set when the referral was opened by break-glass: its history is read the same way.
    let breakGlass: String?
    public var title: String { "History of \(ref)" }
    public var hints: String { Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }
    public var reloadsOnEveryKey: Bool { false }

    /// The page shown, and the cursors of the pages before it (to page back).
    var entries: [HistoryEntry] = []
    var next: String?
    var cursors: [String?] = [nil]
    /// Lines per entry: the change, then its values and reason.
    static let linesPerEntry = 3

    public init(ref: String, breakGlass: String? = nil) {
        self.ref = ref
        self.breakGlass = breakGlass
    }

    public mutating func reload(_ session: Session, rows: Int) throws {
        let page = try session.referralHistory(ref, limit: max(1, (rows - 1) / Self.linesPerEntry), after: cursors.last ?? nil,
                                               breakGlass: breakGlass)
        entries = page.items
        next = page.next
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        guard let command = Self.keymap.command(for: key) else { return [] }
        switch command {
        case .nextPage:
            guard let next else { return [.message("no older changes")] }
            cursors.append(next)
            return [.reload]
        case .previousPage:
            guard cursors.count > 1 else { return [.message("this is the newest page")] }
            cursors.removeLast()
            return [.reload]
        case .back: return [.pop]
        }
    }

    /// An entry in words: what changed and where, then from what to what and why.
    static func lines(_ e: HistoryEntry) -> [(String, CellStyle)] {
        let what = e.entity == "referral" ? e.change.field : "\(e.entity) #\(e.entityID) \(e.change.field)"
        let value: (String?) -> String = { $0.map { "\"\($0)\"" } ?? (e.change.identifying ? "(empty or purged)" : "(empty)") }
        return [
            ("\(e.at)  \(e.actor)  \(what)", .bold),
            ("  \(value(e.change.from)) → \(value(e.change.to))", .plain),
            ("  why: \(e.reason)", .dim),
        ]
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        let page = cursors.count
        buffer.put("Page \(page)\(next == nil ? "" : " · PgDn older")\(page > 1 ? " · PgUp newer" : "")", x: area.x + 1, y: area.y, style: .dim,
                   limit: area.width - 1)
        var y = area.y + 1
        if entries.isEmpty {
            buffer.put("Nothing corrected on this case yet.", x: area.x + 1, y: y, style: .dim, limit: area.width - 1)
        }
        for entry in entries {
            for (text, style) in Self.lines(entry) where y < area.y + area.height {
                buffer.put(text, x: area.x + 1, y: y, style: style, limit: area.width - 1)
                y += 1
            }
        }
    }
}
