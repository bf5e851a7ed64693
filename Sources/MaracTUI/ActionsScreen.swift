import MaracCore
import MaracCases

/// Every open action, overdue first and marked OVERDUE or ESCALATED in words; complete,
/// record why incomplete, move a due date or reassign (each saying why),
/// filter by agency.
public struct ActionsScreen: Screen {
    enum Command: Sendable { case up, down, pageUp, pageDown, first, last, read, complete, incomplete, move, reassign, filter, back,
                             chasePacks, actionLog }

    static let keymap = Keymap<Command>([
        KeyBinding([.char("j"), .down, .mouseWheelDown], "down", "next action", .down, hint: false),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "up", "previous action", .up, hint: false),
        KeyBinding([.pageDown, .ctrl("f")], "page", "next page", .pageDown, hint: false),
        KeyBinding([.pageUp, .ctrl("b")], "page", "previous page", .pageUp, hint: false),
        KeyBinding([.char("g"), .home], "first", "first action", .first, hint: false),
        KeyBinding([.char("G"), .end], "last", "last action", .last, hint: false),
        KeyBinding([.enter], "read", "read the whole action, every word", .read),
        KeyBinding([.char("c")], "complete", "mark done, with a note", .complete),
        KeyBinding([.char("i")], "incomplete", "record why it could not be done", .incomplete),
        KeyBinding([.char("d")], "due", "move the due date, saying why", .move),
        KeyBinding([.char("o")], "owner", "reassign to another owner or agency, saying why", .reassign),
        KeyBinding([.char("a")], "agency", "show one agency's actions (empty for all)", .filter),
        // Issue 22, defect 6: the packs each agency is sent, written from here.
        KeyBinding([.char("C")], "chase packs", "write the chase packs: each agency's overdue and due-soon actions (the agency shown, or all), encrypted to its key", .chasePacks, hint: false),
        KeyBinding([.char("L")], "action log", "write the action log of the highlighted action's meeting (the agency shown, or one per agency), encrypted to its key", .actionLog, hint: false),
        KeyBinding([.char("q"), .escape], "back", "back", .back),
    ])

    public var title: String { "Open actions" + (agency.map { " · \($0)" } ?? "") }
    public var hints: String { Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }

    var actions: [ActionRecord] = []
    var cursor = ListCursor()
    /// G or End: the next reload fetches to the end of the list (bounded) and goes there.
    var toLast = false
    /// More beyond what is loaded: the counter says so ("12/40+").
    var more = false
    var visible = 10
    public var agency: String?
    /// Read with the page: a new due date is checked against it.
    var today: Day
    /// Which overdue actions are escalated to the chair (the MARAC's setting).
    var rules = ChaseRules()

    public init(agency: String? = nil, today: Day) {
        self.agency = agency
        self.today = today
    }

    public mutating func reload(_ session: Session, rows: Int) throws {
        visible = max(1, rows - 1)
        today = session.today
        rules = try session.chaseRules()
        let followed = selected?.id
        let page = try session.actions(.init(openOnly: true, agency: agency), limit: toLast ? 5000 : max(visible * 2, max(cursor.top, cursor.selected) + visible * 2))
        actions = page.items
        more = page.next != nil
        cursor.follow(toLast ? nil : followed, in: actions.map(\.id), visible: visible)
        if toLast { cursor.move(actions.count, count: actions.count, visible: visible); toLast = false }
    }

    var selected: ActionRecord? { actions.indices.contains(cursor.selected) ? actions[cursor.selected] : nil }

    public mutating func handle(_ key: Key) -> [Effect] {
        if case .click(let row, _) = key {
            _ = cursor.click(row: row, firstRow: bodyTop + 1, count: actions.count, visible: visible)
            return []
        }
        guard let command = Self.keymap.command(for: key) else { return [] }
        switch command {
        case .down: cursor.move(1, count: actions.count, visible: visible)
        case .up: cursor.move(-1, count: actions.count, visible: visible)
        case .pageDown: cursor.move(visible, count: actions.count, visible: visible)
        case .pageUp: cursor.move(-visible, count: actions.count, visible: visible)
        case .first: cursor.move(-actions.count, count: actions.count, visible: visible)
        case .last: cursor.move(actions.count, count: actions.count, visible: visible); toLast = true
        case .read: if let action = selected { return [.push(.action(action))] }
        case .complete: if let id = selected?.id { return [.ask(.completionNote(action: id), initial: "")] }
        case .incomplete: if let id = selected?.id { return [.ask(.incompleteReason(action: id), initial: "")] }
        case .move:
            if let action = selected { return [.ask(.newDueDate(action: action.id, today: today, problem: nil), initial: action.due.description)] }
        case .reassign: if let id = selected?.id { return [.ask(.newOwner(action: id, problem: nil), initial: "")] }
        case .filter: return [.ask(.agencyFilter, initial: agency ?? "")]
        case .back: return [.pop]
        case .chasePacks: return [FileTask.chaseLists(agency: agency, today: today).ask]
        case .actionLog:
            guard let action = selected else { return [.message("no action highlighted: its meeting's log is written")] }
            guard let day = action.meetingDate else { return [.message("action #\(action.id) was not agreed at a meeting: it has no action log")] }
            return [FileTask.actionLogs(meeting: day, agency: agency).ask]
        }
        return []
    }

    /// Another agency's actions (or all): the list opens afresh for it.
    static func answerFilter(_ text: String) -> [Effect] {
        let code = text.trimmingCharacters(in: .whitespaces).lowercased()
        return [.pop, .push(.actions(agency: code.isEmpty ? nil : code))]
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        Draw.row(&buffer, y: area.y, x: area.x, width: area.width, cells: [
            ("#", 5, .bold), ("ref", 15, .bold), ("agency", 14, .bold), ("owner", 12, .bold), ("due", 10, .bold), ("state", 9, .bold), ("what", 0, .bold),
        ], selected: false)
        let position = " " + cursor.position(count: actions.count) + (more ? "+" : "")
        buffer.put(position, x: area.x + area.width - position.count, y: area.y, style: .dim)
        for (line, index) in (cursor.top..<min(actions.count, cursor.top + visible)).enumerated() {
            let a = actions[index]
            let state = rules.listWord(status: a.status, due: a.due, today: session.today)
            let late = a.isOverdue(today: session.today)
            Draw.row(&buffer, y: area.y + 1 + line, x: area.x, width: area.width, cells: [
                (String(a.id), 5, .plain), (a.referralRef, 15, .plain), (Draw.agency(a.agency), 14, .plain), (a.owner, 12, .plain),
                (a.due.description, 10, .plain), (state, 9, late ? CellStyle(bold: true, colour: .warning) : .plain),
                (a.description, 0, .plain),
            ], selected: index == cursor.selected)
        }
        if actions.isEmpty { buffer.put("No open actions\(agency.map { " for \($0)" } ?? "").", x: area.x + 2, y: area.y + 2) }
    }
}

/// What each key asks for: keys a role may not use are left out (issue 22).
extension ActionsScreen: RoleKeyed {
    static func useCase(_ command: Command) -> UseCase? {
        switch command {
        case .complete, .incomplete, .move: .updateAction
        case .reassign: .reassignAction
        case .up, .down, .pageUp, .pageDown, .first, .last, .read, .filter, .back: nil
        case .chasePacks: .chaseActions
        case .actionLog: .writeMeetingDocuments
        }
    }
}
