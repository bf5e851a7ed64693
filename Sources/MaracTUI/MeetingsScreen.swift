import Foundation
import MaracCore
import MaracCases

/// The meetings, newest first: open one to see its agenda and run it.
public struct MeetingsScreen: Screen {
    enum Command: Sendable { case up, down, pageUp, pageDown, first, last, open, create, back }

    static let keymap = Keymap<Command>([
        KeyBinding([.char("j"), .down, .mouseWheelDown], "down", "next meeting", .down, hint: false),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "up", "previous meeting", .up, hint: false),
        KeyBinding([.pageDown, .ctrl("f")], "page", "next page", .pageDown, hint: false),
        KeyBinding([.pageUp, .ctrl("b")], "page", "previous page", .pageUp, hint: false),
        KeyBinding([.char("g"), .home], "first", "first meeting", .first, hint: false),
        KeyBinding([.char("G"), .end], "last", "last meeting", .last, hint: false),
        KeyBinding([.enter, .char("o")], "agenda", "open the meeting's agenda", .open),
        KeyBinding([.char("c")], "create", "create a meeting (date)", .create),
        KeyBinding([.char("q"), .escape], "back", "back", .back),
    ])

    public var title: String { "Meetings" }
    public var hints: String { Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }

    var meetings: [MeetingRecord] = []
    var cursor = ListCursor()
    /// G or End: the next reload fetches to the end of the list (bounded) and goes there.
    var toLast = false
    /// More beyond what is loaded: the counter says so ("12/40+").
    var more = false
    var visible = 10

    public init() {}

    public mutating func reload(_ session: Session, rows: Int) throws {
        visible = max(1, rows - 1)
        let followed = meetings.indices.contains(cursor.selected) ? meetings[cursor.selected].heldOn : nil
        let page = try session.meetings(limit: toLast ? 5000 : max(visible * 2, max(cursor.top, cursor.selected) + visible * 2))
        meetings = page.items
        more = page.next != nil
        cursor.follow(toLast ? nil : followed, in: meetings.map(\.heldOn), visible: visible)
        if toLast { cursor.move(meetings.count, count: meetings.count, visible: visible); toLast = false }
    }

    public mutating func handle(_ key: Key, session: Session) -> [Effect] {
        if case .click(let row, _) = key {
            guard cursor.click(row: row, firstRow: bodyTop + 1, count: meetings.count, visible: visible) else { return [] }
            return handle(.enter, session: session)
        }
        guard let command = Self.keymap.command(for: key) else { return [] }
        switch command {
        case .down: cursor.move(1, count: meetings.count, visible: visible)
        case .up: cursor.move(-1, count: meetings.count, visible: visible)
        case .pageDown: cursor.move(visible, count: meetings.count, visible: visible)
        case .pageUp: cursor.move(-visible, count: meetings.count, visible: visible)
        case .first: cursor.move(-meetings.count, count: meetings.count, visible: visible)
        case .last: cursor.move(meetings.count, count: meetings.count, visible: visible); toLast = true
        case .open:
            if meetings.indices.contains(cursor.selected) { return [.push(AgendaScreen(day: meetings[cursor.selected].heldOn))] }
        case .create:
            return [.prompt("Date of the new meeting (YYYY-MM-DD)", initial: "") { text in
                guard let day = Day(text.trimmingCharacters(in: .whitespaces)) else { return [.message("date: is not a real date in the form YYYY-MM-DD")] }
                return [.run("meeting created: \(day)") { session in try session.createMeeting(on: day) }]
            }]
        case .back: return [.pop]
        }
        return []
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        Draw.row(&buffer, y: area.y, x: area.x, width: area.width,
                 cells: [("date", 12, .bold), ("status", 9, .bold), ("cases", 6, .bold), ("heard", 6, .bold), ("", 0, .bold)], selected: false)
        let position = " " + cursor.position(count: meetings.count) + (more ? "+" : "")
        buffer.put(position, x: area.x + area.width - position.count, y: area.y, style: .dim)
        for (line, index) in (cursor.top..<min(meetings.count, cursor.top + visible)).enumerated() {
            let m = meetings[index]
            let when = m.heldOn == session.today ? "today" : (m.heldOn > session.today ? "in \(session.today.days(until: m.heldOn)) days" : "")
            Draw.row(&buffer, y: area.y + 1 + line, x: area.x, width: area.width,
                     cells: [(m.heldOn.description, 12, .plain), (m.status.words, 9, .plain), (String(m.cases), 6, .plain), (String(m.heard), 6, .plain), (when, 0, .dim)],
                     selected: index == cursor.selected)
        }
        if meetings.isEmpty { buffer.put("No meetings yet. c creates one.", x: area.x + 2, y: area.y + 2) }
    }
}

/// A meeting's agenda in SafeLives order, and meeting mode: one case at a
/// time, with a timer against the 10-minute target, actions agreed live, the
/// register of agencies present, and hearing the case.
public struct AgendaScreen: Screen {
    enum Command: Sendable { case up, down, open, heard, action, shared, attend, export, research, back, remove, move, late, review, caseActions,
                                  placeUp, placeDown }

    static let keymap = Keymap<Command>([
        KeyBinding([.char("j"), .down, .mouseWheelDown], "next", "next case (restarts the case timer)", .down),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "prev", "previous case", .up, hint: false),
        KeyBinding([.enter, .char("o")], "open", "open the referral", .open, hint: false),
        KeyBinding([.char("h")], "heard", "mark the case heard and move to the next", .heard),
        KeyBinding([.char("a")], "action", "agree an action: agency, owner, due date, what", .action),
        KeyBinding([.char("i")], "shared", "add what an agency shared about this case (dated; earlier entries kept)", .shared),
        KeyBinding([.char("r")], "register", "the confidentiality statement, and the agencies present who sign it", .attend),
        KeyBinding([.char("R")], "research", "record an agency's research return for this case", .research, hint: false),
        // Issue 10: agenda editing and the meeting's other papers (AgendaEditing.swift).
        KeyBinding([.char("x")], "remove", "take the case off this agenda (it waits for another meeting)", .remove, hint: false),
        KeyBinding([.char("v")], "move", "move the case to another meeting", .move, hint: false),
        // The order within a section, by hand; the SafeLives section order never changes.
        KeyBinding([.char("K")], "case up", "move the case up within its section (the order is kept)", .placeUp, hint: false),
        KeyBinding([.char("J")], "case down", "move the case down within its section (the order is kept)", .placeDown, hint: false),
        KeyBinding([.char("L")], "late case", "add an urgent late case (after hearing has started too)", .late, hint: false),
        KeyBinding([.char("O")], "open actions", "review the actions still open from earlier meetings", .review, hint: false),
        KeyBinding([.char("c")], "case actions", "the case's actions in full", .caseActions, hint: false),
        KeyBinding([.char("w")], "write", "write the agenda, minutes and action log to files encrypted to the MARAC's key (open them with marac open)", .export, hint: false),
        KeyBinding([.char("q"), .escape], "back", "back", .back),
    ])

    public let day: Day
    public var title: String { "Meeting \(day)" }
    public var hints: String { Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }

    var agenda: Agenda?
    /// Each agency's return beside the case in hand.
    var research = ResearchPanel()
    var cursor = ListCursor()
    var visible = 10
    /// When the selected case came up: the per-case timer.
    var caseStarted = ContinuousClock.now
    var now = ContinuousClock.now

    public init(day: Day) { self.day = day }

    public mutating func reload(_ session: Session, rows: Int) throws {
        visible = max(1, rows - 8 - ResearchPanel.height)
        let followed = selected?.referral.ref
        agenda = try session.agenda(on: day)
        do {
            research = ResearchPanel(try session.researchReturns(on: day))
        } catch {
            // Someone who may not see research (an IDVA) sees the agenda without it;
            // any other failure is reported, never shown as "no returns".
            guard error.kind == .notPermitted else { throw error }
            research = ResearchPanel(shown: false)
        }
        cursor.follow(followed, in: agenda?.cases.map(\.referral.ref) ?? [], visible: visible)
        now = ContinuousClock.now
    }

    var selected: Agenda.Case? {
        guard let cases = agenda?.cases, cases.indices.contains(cursor.selected) else { return nil }
        return cases[cursor.selected]
    }

    public mutating func handle(_ key: Key, session: Session) -> [Effect] {
        if key == .tick { now = ContinuousClock.now; return [] }
        guard let command = Self.keymap.command(for: key) else { return [] }
        let count = agenda?.cases.count ?? 0
        switch command {
        case .down: cursor.move(1, count: count, visible: visible); caseStarted = ContinuousClock.now
        case .up: cursor.move(-1, count: count, visible: visible); caseStarted = ContinuousClock.now
        case .open: if let ref = selected?.referral.ref { return [.push(ReferralScreen(ref: ref))] }
        case .heard:
            guard let ref = selected?.referral.ref else { return [] }
            let day = self.day
            cursor.move(1, count: count, visible: visible)
            caseStarted = ContinuousClock.now
            return [.run("\(ref) heard") { session in try session.hearCase(ref, on: day) }]
        case .action:
            guard let ref = selected?.referral.ref else { return [] }
            let agencies = (try? session.agencies().map(\.code)) ?? []
            return [ActionPrompts(ref: ref, meeting: day, today: session.today, agencies: agencies).agency("")]
        case .shared:
            guard let ref = selected?.referral.ref else { return [] }
            let day = self.day
            // Added to what is recorded already (dated); nothing earlier is replaced.
            return [.prompt("Add what an agency shared about \(ref)", initial: "") { text in
                [.run("recorded for \(ref)") { session in try session.recordShared(ref, on: day, text: text) }]
            }]
        case .export:
            let day = self.day
            return [.prompt("Folder to write the minutes to", initial: FileManager.default.currentDirectoryPath) { folder in
                [.run("encrypted to the MARAC key in \(folder): marac-agenda-\(day).md.age, marac-minutes-\(day).md.age, marac-actions-\(day).csv.age; read with marac open") { session in
                    try session.writeMeetingDocuments(on: day, folder: folder)
                }]
            }]
        case .research:
            guard let ref = selected?.referral.ref else { return [] }
            let own = (try? session.whoAmI())?.agency ?? ""
            return [ResearchPrompts(ref: ref, meeting: day, today: session.today).agency(own)]
        case .attend: return [.push(ConfidentialityScreen(day: day))]
        case .remove: if let ref = selected?.referral.ref { return [AgendaEditing.remove(ref, from: day)] }
        case .move:
            if let ref = selected?.referral.ref { return [AgendaEditing.move(ref, from: day, AgendaEditing.nextMeeting(after: day, session: session))] }
        case .late: return [AgendaEditing.late(on: day)]
        case .placeUp: if let ref = selected?.referral.ref { return [AgendaEditing.place(ref, on: day, .up)] }
        case .placeDown: if let ref = selected?.referral.ref { return [AgendaEditing.place(ref, on: day, .down)] }
        case .review: return [.push(ActionsScreen())]
        case .caseActions: if let ref = selected?.referral.ref { return [.push(ActionTextScreen(ref: ref))] }
        case .back: return [.pop]
        }
        return []
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        guard let agenda else { return }
        let heard = agenda.cases.filter(\.heard).count
        let escalated = agenda.escalatedCount > 0 ? " (\(agenda.escalatedCount) ESCALATED for the chair)" : ""
        buffer.put("\(agenda.cases.count) cases · \(heard) heard · \(agenda.openActionCount) open actions to review\(escalated) · present: \(agenda.attendance.isEmpty ? "none recorded" : agenda.attendance.joined(separator: " "))",
                   x: area.x + 1, y: area.y, style: .dim, limit: area.width - 1)
        var y = area.y + 1
        var section: AgendaSection?
        var shown = 0
        for (index, c) in agenda.cases.enumerated() where index >= cursor.top && shown < visible {
            if c.item.section != section {
                section = c.item.section
                buffer.put(c.item.section.title, x: area.x + 1, y: y, style: .bold)
                y += 1
            }
            let band = Draw.band(c.referral.band)
            Draw.row(&buffer, y: y, x: area.x + 2, width: area.width - 2, cells: [
                (String(index + 1), 3, .plain), (c.referral.ref, 15, .plain), (c.referral.victimName, 20, .plain),
                (band.0, 8, band.1), ("\(c.referral.childrenInHousehold) ch", 5, .plain), (c.research.short, 5, .plain),
                CaseNotes.agendaRow(c, in: agenda),
            ], selected: index == cursor.selected)
            y += 1
            shown += 1
        }
        if agenda.cases.isEmpty { buffer.put("No cases listed. Accept referrals from the triage queue.", x: area.x + 2, y: y) }
        // The case in hand: its timer against the 10-minute target.
        let bottom = area.y + area.height - 1
        if let selected {
            research.render(into: &buffer, x: area.x + 1, y: bottom - 2 - ResearchPanel.height, width: area.width - 1,
                            height: ResearchPanel.height, case: selected)
            for (offset, line) in CaseNotes.inHand(selected).enumerated() {
                buffer.put(line, x: area.x + 1, y: bottom - 2 + offset, style: .bold, limit: area.width - 1)
            }
            let seconds = Int((now - caseStarted).components.seconds)
            let over = seconds >= MeetingTiming.targetMinutesPerCase * 60
            let timer = String(format: "%02d:%02d", seconds / 60, seconds % 60)
            buffer.put("Case \(cursor.selected + 1): \(selected.referral.ref)  time \(timer) of \(MeetingTiming.targetMinutesPerCase):00\(over ? "  OVER TARGET" : "")",
                       x: area.x + 1, y: bottom, style: over ? CellStyle(bold: true, colour: .warning) : .bold, limit: area.width - 1)
        }
    }
}

/// Agreeing an action at the table: four questions, each checked as it is
/// answered. A wrong answer asks the same question again with the text as
/// typed and the problem beside it, so nothing typed before is lost.
struct ActionPrompts: Sendable {
    let ref: String
    let meeting: Day
    let today: Day
    /// The agency codes known to this database (empty: any well-formed code).
    let agencies: [String]

    static func words(_ error: Error) -> String { (error as? FieldError)?.message ?? "not valid" }

    static func question(_ base: String, _ problem: String?) -> String {
        problem.map { "\(base) — \($0):" } ?? base
    }

    func agency(_ typed: String, problem: String? = nil) -> Effect {
        .prompt(Self.question("Action on \(ref): agency code", problem), initial: typed) { text in
            let code: AgencyCode
            do { code = try AgencyCode(validating: text) } catch {
                return [agency(text, problem: Self.words(error))]
            }
            if !agencies.isEmpty, !agencies.contains(code.rawValue) {
                return [agency(text, problem: "\(code) is not an agency here; e.g. police, idva, housing")]
            }
            return [owner(agency: code.rawValue, "")]
        }
    }

    func owner(agency: String, _ typed: String, problem: String? = nil) -> Effect {
        .prompt(Self.question("Owner (the person responsible)", problem), initial: typed) { text in
            do { _ = try ActionRules.requireText(text, field: "owner") } catch { return [owner(agency: agency, text, problem: Self.words(error))] }
            return [due(agency: agency, owner: text, today.adding(days: 14).description)]
        }
    }

    func due(agency: String, owner: String, _ typed: String, problem: String? = nil) -> Effect {
        .prompt(Self.question("Due (YYYY-MM-DD)", problem), initial: typed) { text in
            guard let day = Day(text.trimmingCharacters(in: .whitespaces)) else {
                return [due(agency: agency, owner: owner, text, problem: "not a real date in the form YYYY-MM-DD")]
            }
            guard day >= today else { return [due(agency: agency, owner: owner, text, problem: "before today")] }
            return [what(agency: agency, owner: owner, due: day, "")]
        }
    }

    func what(agency: String, owner: String, due: Day, _ typed: String, problem: String? = nil) -> Effect {
        .prompt(Self.question("What is to be done", problem), initial: typed) { text in
            do { _ = try ActionRules.requireText(text, field: "description") } catch {
                return [what(agency: agency, owner: owner, due: due, text, problem: Self.words(error))]
            }
            let ref = self.ref, meeting = self.meeting
            return [.run("action agreed for \(ref)") { session in
                try session.agreeAction(on: ref, agency: agency, owner: owner, due: due, description: text, meeting: meeting)
            }]
        }
    }
}
