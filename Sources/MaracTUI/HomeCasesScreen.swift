import MaracCore
import MaracCases

/// An IDVA's home (issue 22): her own cases, newest first, and the meetings
/// ahead that list them. Counts are of her cases only.
public struct HomeCasesScreen: Screen {
    enum Command: Sendable { case up, down, pageUp, pageDown, first, open, new, meetings, actions, triage, quit }

    static let keymap = Keymap<Command>([
        KeyBinding([.char("j"), .down, .mouseWheelDown], "down", "next case", .down, hint: false),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "up", "previous case", .up, hint: false),
        KeyBinding([.pageDown, .ctrl("f")], "page", "next page", .pageDown, hint: false),
        KeyBinding([.pageUp, .ctrl("b")], "page", "previous page", .pageUp, hint: false),
        KeyBinding([.char("g"), .home], "first", "first case", .first, hint: false),
        KeyBinding([.enter, .char("o")], "open", "open the case", .open),
        KeyBinding([.char("n")], "new", "log a new referral", .new),
        KeyBinding([.char("m")], "meetings", "meetings and the agendas of your cases", .meetings),
        KeyBinding([.char("A")], "actions", "the actions on your cases", .actions),
        KeyBinding([.char("t")], "waiting", "your referrals waiting to be screened", .triage, hint: false),
        KeyBinding([.char("q"), .escape], "quit", "quit marac", .quit),
    ])

    public var title: String { "My cases" }
    public var hints: String { Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }
    /// The meetings' agendas are read (and their reading recorded) when the
    /// page opens or comes back, not on every key.
    public var reloadsOnEveryKey: Bool { false }

    public internal(set) var rows: [ReferralSummary] = []
    var cursor = ListCursor()
    var visible = 10
    var more = false
    /// The planned meetings ahead (at most three), counted in her scope.
    public internal(set) var ahead: [MeetingRecord] = []
    /// Which of those meetings each of her listed cases is on.
    var listedOn: [String: Day] = [:]

    public init() {}

    public mutating func reload(_ session: Session, rows: Int) throws {
        visible = max(1, rows - 3)
        let followed = selected?.ref
        let page = try session.referrals(ReferralFilter(), limit: max(visible * 2, max(cursor.top, cursor.selected) + visible * 2))
        self.rows = page.items
        more = page.next != nil
        ahead = try Self.meetingsAhead(session)
        listedOn = [:]
        for meeting in ahead where meeting.cases > 0 {
            for c in try session.agenda(on: meeting.heldOn).cases where listedOn[c.referral.ref] == nil {
                listedOn[c.referral.ref] = meeting.heldOn
            }
        }
        cursor.follow(followed, in: self.rows.map(\.ref), visible: visible)
    }

    /// The next planned meetings, soonest first (meetings are listed newest first, a page at a time).
    static func meetingsAhead(_ session: Session, count: Int = 3) throws -> [MeetingRecord] {
        var cursor: Day?
        var found: [MeetingRecord] = []
        repeat {
            let page = try session.meetings(limit: 50, before: cursor)
            let upcoming = page.items.filter { $0.heldOn >= session.today }
            found += upcoming.filter { $0.status == .planned }
            // Older pages hold only past meetings.
            if upcoming.count < page.items.count { break }
            cursor = page.next.flatMap { Day($0) }
        } while cursor != nil
        return Array(found.sorted { $0.heldOn < $1.heldOn }.prefix(count))
    }

    var selected: ReferralSummary? { rows.indices.contains(cursor.selected) ? rows[cursor.selected] : nil }

    public mutating func focus(ref: String) {
        if let index = rows.firstIndex(where: { $0.ref == ref }) { cursor.move(index - cursor.selected, count: rows.count, visible: visible) }
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        if case .click(let row, _) = key {
            guard cursor.click(row: row, firstRow: bodyTop + 2, count: rows.count, visible: visible) else { return [] }
            return handle(.enter)
        }
        guard let command = Self.keymap.command(for: key) else { return [] }
        switch command {
        case .down: cursor.move(1, count: rows.count, visible: visible)
        case .up: cursor.move(-1, count: rows.count, visible: visible)
        case .pageDown: cursor.move(visible, count: rows.count, visible: visible)
        case .pageUp: cursor.move(-visible, count: rows.count, visible: visible)
        case .first: cursor.move(-rows.count, count: rows.count, visible: visible)
        case .open: if let ref = selected?.ref { return [.push(.referral(ref))] }
        case .new: return [.push(.newReferral)]
        case .meetings: return [.push(.meetings)]
        case .actions: return [.push(.actions())]
        case .triage: return [.push(.triage)]
        case .quit: return [.quit]
        }
        return []
    }

    /// "next meeting 2026-12-03: 2 of your cases listed": true for her, whatever others' cases.
    var meetingsLine: String {
        guard let next = ahead.first else { return "no meeting planned" }
        let later = ahead.dropFirst().map { "\($0.heldOn) (\($0.cases))" }
        return "next meeting \(next.heldOn): \(next.cases) of your cases listed" + (later.isEmpty ? "" : " · then " + later.joined(separator: ", "))
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        let position = rows.isEmpty ? "" : " · \(cursor.position(count: rows.count))\(more ? "+" : "")"
        buffer.put("your cases\(position) · \(meetingsLine)", x: area.x, y: area.y, style: .dim, limit: area.width)
        Draw.row(&buffer, y: area.y + 1, x: area.x, width: area.width, cells: [
            ("ref", 15, .bold), ("received", 10, .bold), ("victim", 16, .bold), ("band", 8, .bold), ("status", 12, .bold), ("meeting", 0, .bold),
        ], selected: false)
        for (line, index) in (cursor.top..<min(rows.count, cursor.top + visible)).enumerated() {
            let r = rows[index]
            let band = Draw.band(r.band)
            // The status column says listed or heard; this one, for which meeting.
            let meeting = (listedOn[r.ref] ?? r.heardOn)?.description ?? ""
            Draw.row(&buffer, y: area.y + 2 + line, x: area.x, width: area.width, cells: [
                (r.ref, 15, .plain), (r.referredOn.description, 10, .plain), (r.victimName, 16, .plain), (band.0, 8, band.1),
                (r.status.words, 12, .plain), (meeting, 0, .plain),
            ], selected: index == cursor.selected)
        }
        if rows.isEmpty { buffer.put("No cases of yours yet. n logs a new referral.", x: area.x + 2, y: area.y + 3) }
    }
}

/// What each key asks for: keys a role may not use are left out (issue 22).
extension HomeCasesScreen: RoleKeyed {
    static func useCase(_ command: Command) -> UseCase? {
        switch command {
        case .open: .viewReferral
        case .new: .logReferral
        case .meetings: .viewMeetings
        case .actions: .viewActions
        case .triage: .triageQueue
        case .up, .down, .pageUp, .pageDown, .first, .quit: nil
        }
    }
}
