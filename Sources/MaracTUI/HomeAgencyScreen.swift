import MaracCore
import MaracCases

/// An agency representative's home (issue 22): the meetings whose agendas
/// it sees, the research its agency still has to return for the next one,
/// and its own open actions, escalated ones said so.
public struct HomeAgencyScreen: Screen {
    enum Command: Sendable { case up, down, pageUp, pageDown, open, actions, research, incident, disclosures, quit, confirm, loadReturn }

    static let keymap = Keymap<Command>([
        KeyBinding([.char("j"), .down, .mouseWheelDown], "down", "next meeting", .down, hint: false),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "up", "previous meeting", .up, hint: false),
        KeyBinding([.pageDown, .ctrl("f")], "page", "next page", .pageDown, hint: false),
        KeyBinding([.pageUp, .ctrl("b")], "page", "previous page", .pageUp, hint: false),
        KeyBinding([.enter, .char("o")], "agenda", "open the meeting's agenda (your cases on it)", .open),
        KeyBinding([.char("R")], "research", "the next meeting's agenda, to record your research returns (R there)", .research),
        KeyBinding([.char("A")], "actions", "your agency's open actions, overdue first", .actions),
        KeyBinding([.char("D")], "Clare's Law", "your Clare's Law requests against their 28-day clock (police)", .disclosures),
        KeyBinding([.char("I")], "incident", "log an incident your agency heard of, on one of your cases", .incident),
        // Issue 22, defect 6: what was command-line only.
        KeyBinding([.char("c")], "confirm", "confirm your agency will attend the highlighted meeting (you then return research for it)", .confirm),
        KeyBinding([.char("L")], "load return", "load your agency's returned research list (CSV) for the highlighted meeting: all or nothing, each bad line named", .loadReturn, hint: false),
        KeyBinding([.char("q"), .escape], "quit", "quit marac", .quit),
    ])

    public var title: String { "Your agency" + (agency.isEmpty ? "" : " · " + Draw.agency(agency)) }
    public var hints: String { Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }
    /// The next agenda is read (and its reading recorded) when the page opens or comes back.
    public var reloadsOnEveryKey: Bool { false }

    var agency = ""
    public internal(set) var meetings: [MeetingRecord] = []
    var cursor = ListCursor()
    var visible = 10
    var more = false
    var today: Day
    /// The next planned meeting, counted in the agency's scope.
    public internal(set) var next: MeetingRecord?
    /// Cases on the next agenda with no return from this agency yet; nil when its returns cannot be read.
    public internal(set) var toReturn: [String]?
    /// Open actions of the agency: how many, overdue, escalated; "+" when more than one page.
    public internal(set) var actionCounts = (open: 0, overdue: 0, escalated: 0, more: false)
    /// A police user's own Clare's Law requests overdue and due soon (issue 23); nil for other agencies.
    public internal(set) var disclosures: (overdue: Int, dueSoon: Int)?

    public init(today: Day) { self.today = today }

    public mutating func reload(_ session: Session, rows: Int) throws {
        visible = max(1, rows - 5)
        today = session.today
        agency = (try? session.whoAmI())?.agency ?? ""
        let followed = meetings.indices.contains(cursor.selected) ? meetings[cursor.selected].heldOn : nil
        let page = try session.meetings(limit: max(visible * 2, max(cursor.top, cursor.selected) + visible * 2))
        meetings = page.items
        more = page.next != nil
        cursor.follow(followed ?? meetings.last(where: { $0.heldOn >= today })?.heldOn, in: meetings.map(\.heldOn), visible: visible)
        next = try session.nextMeeting()
        toReturn = nil
        if let next {
            let listed = try next.cases > 0 ? session.agenda(on: next.heldOn).cases.map(\.referral.ref) : []
            // An agency that has not confirmed it takes part is not shown returns: then the line says so.
            if let returns = try? session.researchReturns(on: next.heldOn) {
                let returned = Set(returns.filter { $0.agency == agency }.map(\.ref))
                toReturn = listed.filter { !returned.contains($0) }
            }
        }
        disclosures = nil
        if let user = try? session.whoAmI(), Policy.mayReachDisclosureRequests(user) {
            let mine = { (which: Session.DisclosureList) throws -> Int in
                try session.disclosureRequests(which, limit: DisclosureScreen.pageSize).items.filter { $0.owner == user.login }.count
            }
            disclosures = (try mine(.overdue), try mine(.dueSoon))
            visible = max(1, rows - 6)
        }
        let rules = try session.chaseRules()
        let actions = try session.actions(ActionFilter(openOnly: true, agency: agency.isEmpty ? nil : agency), limit: 500)
        actionCounts = (actions.items.count,
                        actions.items.filter { $0.isOverdue(today: today) }.count,
                        actions.items.filter { rules.isEscalated(status: $0.status, due: $0.due, today: today) }.count,
                        actions.next != nil)
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        if case .click(let row, _) = key {
            guard cursor.click(row: row, firstRow: bodyTop + summary.count + 1, count: meetings.count, visible: visible) else { return [] }
            return handle(.enter)
        }
        guard let command = Self.keymap.command(for: key) else { return [] }
        switch command {
        case .down: cursor.move(1, count: meetings.count, visible: visible)
        case .up: cursor.move(-1, count: meetings.count, visible: visible)
        case .pageDown: cursor.move(visible, count: meetings.count, visible: visible)
        case .pageUp: cursor.move(-visible, count: meetings.count, visible: visible)
        case .open: if meetings.indices.contains(cursor.selected) { return [.push(.agenda(meetings[cursor.selected].heldOn))] }
        case .research:
            guard let next else { return [.message("No meeting is planned: there is no research to return")] }
            return [.push(.agenda(next.heldOn))]
        case .actions: return [.push(.actions(agency: agency.isEmpty ? nil : agency))]
        case .disclosures:
            guard disclosures != nil else { return [.message("Clare's Law requests are the police's")] }
            return [.push(.disclosureRequests)]
        case .incident: return [IncidentPrompts(ref: nil, today: today, fixedAgency: agency.isEmpty ? nil : agency).ask]
        case .quit: return [.quit]
        case .confirm:
            if meetings.indices.contains(cursor.selected) { return [.request(.confirmOwnAttendance(meeting: meetings[cursor.selected].heldOn))] }
        case .loadReturn:
            if meetings.indices.contains(cursor.selected) {
                return [FileTask.researchReturn(meeting: meetings[cursor.selected].heldOn, agency: agency.isEmpty ? nil : agency).ask]
            }
        }
        return []
    }

    /// The three lines above the meetings: each true for this agency.
    var summary: [(String, CellStyle)] {
        let nextLine = next.map { "next meeting \($0.heldOn): \($0.cases) case\($0.cases == 1 ? "" : "s") on its agenda for you" }
            ?? "no meeting planned"
        let research: (String, CellStyle)
        switch (next, toReturn) {
        case (nil, _): research = ("research: nothing to return", .dim)
        case (_, nil): research = ("research: your returns show once your agency confirms it attends", .dim)
        case (let next?, let refs?):
            research = refs.isEmpty ? ("research: every return in for \(next.heldOn)", .plain)
                : ("research to return for \(next.heldOn): \(refs.count) (\(refs.prefix(6).joined(separator: ", "))\(refs.count > 6 ? ", …" : ""))",
                   CellStyle(bold: true, colour: .warning))
        }
        let c = actionCounts
        let open = "\(c.open)\(c.more ? "+" : "")"
        var actions = "your open actions: \(open)"
        if c.overdue > 0 { actions += " · \(c.overdue) OVERDUE" }
        if c.escalated > 0 { actions += " · \(c.escalated) ESCALATED to the chair" }
        var lines: [(String, CellStyle)] = [(nextLine, .bold), research, (actions, c.escalated > 0 ? CellStyle(bold: true, colour: .warning) : .plain)]
        if let d = disclosures {
            let late = d.overdue + d.dueSoon > 0
            lines.append(("your Clare's Law requests: \(d.overdue) OVERDUE · \(d.dueSoon) due soon (D lists them)",
                          late ? CellStyle(bold: true, colour: .warning) : .plain))
        }
        return lines
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        for (offset, line) in summary.enumerated() {
            buffer.put(line.0, x: area.x + 1, y: area.y + offset, style: line.1, limit: area.width - 1)
        }
        let top = area.y + summary.count + 1
        Draw.row(&buffer, y: top - 1, x: area.x, width: area.width,
                 cells: [("meeting", 12, .bold), ("status", 9, .bold), ("yours", 6, .bold), ("heard", 6, .bold), ("", 0, .bold)], selected: false)
        for (line, index) in (cursor.top..<min(meetings.count, cursor.top + visible)).enumerated() {
            let m = meetings[index]
            let when = m.heldOn == today ? "today" : (m.heldOn > today ? "in \(today.days(until: m.heldOn)) days" : "")
            Draw.row(&buffer, y: top + line, x: area.x, width: area.width,
                     cells: [(m.heldOn.description, 12, .plain), (m.status.words, 9, .plain), (String(m.cases), 6, .plain), (String(m.heard), 6, .plain), (when, 0, .dim)],
                     selected: index == cursor.selected)
        }
        if meetings.isEmpty { buffer.put("No meetings yet.", x: area.x + 2, y: top + 1) }
    }
}

/// What each key asks for: keys a role may not use are left out (issue 22).
extension HomeAgencyScreen: RoleKeyed {
    static func useCase(_ command: Command) -> UseCase? {
        switch command {
        case .open, .research: .viewAgenda
        case .actions: .viewActions
        case .incident: .logIncident
        case .disclosures: .viewDisclosureRequests
        case .up, .down, .pageUp, .pageDown, .quit: nil
        case .confirm: .confirmOwnAttendance
        case .loadReturn: .importResearch
        }
    }
}
