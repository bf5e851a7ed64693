import MaracCore
import MaracCases

/// `K` on the triage queue (issue 24, the coordinator's): perpetrators ranked
/// by recency, frequency and gravity, highest harm first. The highlighted
/// line's formula is shown whole at the foot, so the reader sees how the
/// score was reached; Enter opens the perpetrator's page. The ranking walks
/// every perpetrator, so it is read when the screen opens and on `r`, not on
/// every key.
public struct PerpetratorRankingScreen: Screen {
    enum Command: Sendable { case down, up, open, refresh, notReferred, back }

    static let keymap = Keymap<Command>([
        KeyBinding([.char("j"), .down, .mouseWheelDown], "down", "next perpetrator", .down, hint: false),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "up", "previous perpetrator", .up, hint: false),
        KeyBinding([.enter, .char("o")], "open", "the highlighted perpetrator's page", .open),
        KeyBinding([.char("r")], "refresh", "rank again", .refresh, hint: false),
        KeyBinding([.char("n")], "not referred", "only those not yet referred to the perpetrator panel, or everyone again", .notReferred),
        KeyBinding([.char("q"), .escape], "back", "back", .back),
    ])

    public var title: String { "Perpetrators by harm (recency, frequency, gravity)" }
    public var hints: String { Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }
    public var reloadsOnEveryKey: Bool { false }

    var page: PerpetratorRankingPage?
    /// The list "highest harm perpetrators not yet referred to the panel".
    var notReferredOnly = false
    var cursor = ListCursor()
    var visible = 10
    /// How many the screen asks for: enough to scroll a while, never everyone.
    static let limit = 100

    public init() {}

    public mutating func reload(_ session: Session, rows: Int) throws {
        page = try session.rankPerpetrators(limit: Self.limit, notReferredOnly: notReferredOnly)
        visible = max(1, rows - 4)
        cursor.clamp(count: page?.ranked.count ?? 0, visible: visible)
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        guard let command = Self.keymap.command(for: key) else { return [] }
        let ranked = page?.ranked ?? []
        switch command {
        case .down: cursor.move(1, count: ranked.count, visible: visible)
        case .up: cursor.move(-1, count: ranked.count, visible: visible)
        case .open:
            if ranked.indices.contains(cursor.selected) { return [.push(.perpetrator(ranked[cursor.selected].perpetratorID))] }
        case .refresh: return [.reload]
        case .notReferred:
            notReferredOnly.toggle()
            cursor = ListCursor()
            return [.reload]
        case .back: return [.pop]
        }
        return []
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        guard let page else { return }
        buffer.put("\(Count.of(page.perpetratorsRanked, "perpetrator")) ranked since \(page.windowStart) · top \(page.ranked.count)"
                   + (page.notReferredOnly ? " not yet referred to the panel" : ""),
                   x: area.x + 1, y: area.y, style: .dim, limit: area.width - 1)
        Draw.row(&buffer, y: area.y + 1, x: area.x + 1, width: area.width - 1, cells: [
            ("#", 4, .bold), ("score", 5, .bold), ("R / F / G", 14, .bold), ("last seen", 10, .bold), ("serial", 7, .bold), ("", 5, .bold), ("perpetrator", 0, .bold),
        ], selected: false)
        if page.ranked.isEmpty {
            buffer.put("No perpetrator has a referral or incident in the window.", x: area.x + 2, y: area.y + 2, style: .dim, limit: area.width - 2)
        }
        for (line, index) in (cursor.top..<min(page.ranked.count, cursor.top + visible)).enumerated() {
            let p = page.ranked[index]
            Draw.row(&buffer, y: area.y + 2 + line, x: area.x + 1, width: area.width - 1, cells: [
                (String(p.rank), 4, .plain), (String(p.harm.score), 5, .bold),
                ("\(HarmScore.two(p.harm.recency)) \(HarmScore.two(p.harm.frequency)) \(HarmScore.two(p.harm.gravity))", 14, .plain),
                (p.activity.lastSeen.description, 10, .plain),
                (p.serial.isSerial ? "\(p.serial.differentVictims) vict." : "no", 7, .plain),
                (p.referredToPanel ? "panel" : "", 5, .plain), (p.name, 0, .plain),
            ], selected: index == cursor.selected)
        }
        if page.ranked.indices.contains(cursor.selected) {
            buffer.put(page.ranked[cursor.selected].harm.formula, x: area.x + 1, y: area.y + area.height - 1, style: .dim, limit: area.width - 1)
        }
    }
}

extension PerpetratorRankingScreen: RoleKeyed {
    static func useCase(_ command: Command) -> UseCase? {
        switch command {
        case .open: .viewPerpetrator
        case .down, .up, .refresh, .notReferred, .back: nil
        }
    }
}
