import MaracCore
import MaracCases

/// A panel member's home (issue 24): the perpetrator panel's agenda, the
/// next panel meeting's (else the latest's), in the panel's order: new
/// referrals, reviews, closures. Each perpetrator by id with the criteria
/// met and each victim's safety facts; never a victim's name or research.
public struct PanelAgendaScreen: Screen {
    enum Command: Sendable { case up, down, earlier, later, quit }

    static let keymap = Keymap<Command>([
        KeyBinding([.char("j"), .down, .mouseWheelDown], "down", "next referral", .down, hint: false),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "up", "previous referral", .up, hint: false),
        KeyBinding([.char("[")], "earlier", "the panel meeting before this one", .earlier),
        KeyBinding([.char("]")], "later", "the panel meeting after this one", .later),
        KeyBinding([.char("q"), .escape], "quit", "quit marac", .quit),
    ])

    public var title: String { "Perpetrator panel" + (agenda.map { " · \($0.meeting.heldOn)" } ?? "") }
    public var hints: String { Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }
    /// The agenda is read (and its reading recorded) when the page opens or the meeting changes.
    public var reloadsOnEveryKey: Bool { false }

    var today: Day
    var meetings: [PanelMeetingRecord] = []
    /// Which of `meetings` (newest first) is shown; nil until read.
    var shown: Int?
    public internal(set) var agenda: PanelAgenda?
    var cursor = ListCursor()
    var visible = 10

    public init(today: Day) { self.today = today }

    public mutating func reload(_ session: Session, rows: Int) throws {
        visible = max(1, (rows - 4) / 3)
        today = session.today
        meetings = try session.panelMeetings(limit: 50).items
        if shown == nil {
            // The next meeting to come (the oldest one on or after today), else the latest held.
            shown = meetings.lastIndex(where: { $0.heldOn >= today }) ?? (meetings.isEmpty ? nil : 0)
        }
        guard let shown, meetings.indices.contains(shown) else { agenda = nil; return }
        agenda = try session.panelAgenda(on: meetings[shown].heldOn)
        cursor.clamp(count: agenda?.items.count ?? 0, visible: visible)
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        guard let command = Self.keymap.command(for: key) else { return [] }
        let count = agenda?.items.count ?? 0
        switch command {
        case .down: cursor.move(1, count: count, visible: visible)
        case .up: cursor.move(-1, count: count, visible: visible)
        case .earlier: if let s = shown, s + 1 < meetings.count { shown = s + 1; cursor = ListCursor() }
        case .later: if let s = shown, s > 0 { shown = s - 1; cursor = ListCursor() }
        case .quit: return [.quit]
        }
        return []
    }

    /// Three lines an item: the perpetrator and criteria, the serial standing and state, the victims.
    static func lines(_ item: PanelAgendaItem) -> [String] {
        let r = item.referral
        let criteria = r.criteria.isEmpty ? "no criteria met" : r.criteria.map(\.words).joined(separator: ", ")
        let victims = item.victims.enumerated().map { index, v in
            "victim \(index + 1): \(v.band.words), \(Count.of(v.childrenInHousehold, "child", plural: "children"))"
                + (v.safety.brief.isEmpty ? "" : ", \(v.safety.brief)")
        }.joined(separator: " · ")
        return ["\(item.kind.heading.prefix(1))  panel referral \(r.id) · perpetrator \(r.perpetratorID) · \(criteria)",
                "   \(item.serial.words ?? "not serial") · \(r.state.rawValue)" + (r.decision.map { " · \($0.words)" } ?? ""),
                "   " + (victims.isEmpty ? "no victims recorded" : victims)]
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        guard let agenda else {
            buffer.put("No panel meetings yet.", x: area.x + 2, y: area.y + 1)
            return
        }
        let counts = PanelListingKind.allCases.map { kind in "\(kind.heading.lowercased()) \(agenda.items.filter { $0.kind == kind }.count)" }
        buffer.put("\(agenda.meeting.heldOn) (\(agenda.meeting.status)): " + counts.joined(separator: " · "), x: area.x + 1, y: area.y,
                   style: .bold, limit: area.width - 1)
        if agenda.items.isEmpty { buffer.put("Nothing on this agenda.", x: area.x + 2, y: area.y + 2) }
        for (slot, index) in (cursor.top..<min(agenda.items.count, cursor.top + visible)).enumerated() {
            for (offset, line) in Self.lines(agenda.items[index]).enumerated() {
                buffer.put(TerminalText.escape(line), x: area.x + 1, y: area.y + 2 + slot * 3 + offset,
                           style: index == cursor.selected && offset == 0 ? .reverse : .plain, limit: area.width - 1)
            }
        }
    }
}

extension PanelAgendaScreen: RoleKeyed {
    static func useCase(_ command: Command) -> UseCase? { nil }
}
