import Foundation
import MaracCore
import MaracCases

/// The meetings, newest first: open one to see its agenda and run it.
public struct MeetingsScreen: Screen {
    enum Command: Sendable { case up, down, pageUp, pageDown, first, last, open, create, cancel, moveTo, back,
                             confirm, researchLists, loadReturn, readAgenda }

    static let keymap = Keymap<Command>([
        KeyBinding([.char("j"), .down, .mouseWheelDown], "down", "next meeting", .down, hint: false),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "up", "previous meeting", .up, hint: false),
        KeyBinding([.pageDown, .ctrl("f")], "page", "next page", .pageDown, hint: false),
        KeyBinding([.pageUp, .ctrl("b")], "page", "previous page", .pageUp, hint: false),
        KeyBinding([.char("g"), .home], "first", "first meeting", .first, hint: false),
        KeyBinding([.char("G"), .end], "last", "last meeting", .last, hint: false),
        KeyBinding([.enter, .char("o")], "agenda", "open the meeting's agenda", .open),
        KeyBinding([.char("c")], "create", "create a meeting (date)", .create),
        // Issue 20: a meeting called off or put back, each saying why.
        KeyBinding([.char("X")], "cancel", "cancel the meeting (its cases go back to screened in), saying why", .cancel),
        KeyBinding([.char("M")], "move", "move the meeting to another date, saying why", .moveTo),
        // Issue 22, defect 6: the week's steps that were command-line only.
        KeyBinding([.char("a")], "read agenda", "read the agenda on screen, in SafeLives order (reading it is recorded)", .readAgenda, hint: false),
        KeyBinding([.char("A")], "confirm", "agencies that will attend, chosen by name: they are expected to return research", .confirm),
        KeyBinding([.char("R")], "lists", "write the research lists: every agency that confirmed, or one; each encrypted to its key", .researchLists, hint: false),
        KeyBinding([.char("L")], "load return", "load a returned research list (CSV, or an age file to the MARAC's key): all or nothing, each bad line named", .loadReturn, hint: false),
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

    public mutating func handle(_ key: Key) -> [Effect] {
        if case .click(let row, _) = key {
            guard cursor.click(row: row, firstRow: bodyTop + 1, count: meetings.count, visible: visible) else { return [] }
            return handle(.enter)
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
            if meetings.indices.contains(cursor.selected) { return [.push(.agenda(meetings[cursor.selected].heldOn))] }
        case .create: return [.ask(.newMeetingDate, initial: "")]
        case .cancel:
            if meetings.indices.contains(cursor.selected) { return [CorrectionPrompt.ask(.cancelMeeting(meetings[cursor.selected].heldOn))] }
        case .moveTo:
            if meetings.indices.contains(cursor.selected) {
                let day = meetings[cursor.selected].heldOn
                return [.ask(.moveMeetingTo(day, problem: nil), initial: day.description)]
            }
        case .back: return [.pop]
        case .readAgenda: if let day = selectedDay { return [.push(.agendaText(day))] }
        case .confirm: if let day = selectedDay { return [.ask(.confirmAgencies(meeting: day), initial: "")] }
        case .researchLists: if let day = selectedDay { return [.ask(.researchListsFor(meeting: day, problem: nil), initial: "")] }
        case .loadReturn: if let day = selectedDay { return [FileTask.researchReturn(meeting: day, agency: nil).ask] }
        }
        return []
    }

    var selectedDay: Day? { meetings.indices.contains(cursor.selected) ? meetings[cursor.selected].heldOn : nil }

    /// The new date of a meeting moved; a date that is not one is asked again, as typed.
    static func answerMoveTo(_ text: String, from day: Day) -> [Effect] {
        guard let to = Day(text.trimmingCharacters(in: .whitespaces)) else {
            return [.ask(.moveMeetingTo(day, problem: "not a real date in the form YYYY-MM-DD"), initial: text)]
        }
        return [CorrectionPrompt.ask(.moveMeeting(day, to: to))]
    }

    static func answerMeetingDate(_ text: String) -> [Effect] {
        // Issue 22, defect 3: a wrong date is asked again with the text kept, never dropped.
        guard let day = Day(text.trimmingCharacters(in: .whitespaces)) else {
            return [.ask(.newMeetingDateAgain(problem: "not a real date in the form YYYY-MM-DD, e.g. 2026-12-17"), initial: text)]
        }
        return [.request(.createMeeting(day))]
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
                                  placeUp, placeDown, unhear, entries, fullResearch, minutes, referToPanel }

    static let keymap = Keymap<Command>([
        KeyBinding([.char("j"), .down, .mouseWheelDown], "next", "next case (restarts the case timer)", .down),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "prev", "previous case", .up, hint: false),
        KeyBinding([.enter, .char("o")], "open", "open the referral", .open, hint: false),
        KeyBinding([.char("h")], "heard", "mark the case heard and move to the next", .heard),
        KeyBinding([.char("a")], "action", "agree an action: agency, owner, due date, what", .action),
        KeyBinding([.char("i")], "shared", "add what an agency present shared about this case: the agency, then the text (earlier entries kept)", .shared),
        // Issue 20: slips corrected in the open, each saying why.
        KeyBinding([.char("E")], "entries", "what was shared, entry by entry: correct or withdraw one", .entries, hint: false),
        KeyBinding([.char("U")], "un-hear", "a hearing recorded in error: the case goes back to listed", .unhear, hint: false),
        KeyBinding([.char("r")], "register", "the confidentiality statement, and the agencies present who sign it", .attend),
        KeyBinding([.char("R")], "research", "record an agency's research return for this case", .research, hint: false),
        KeyBinding([.char("f")], "returns", "every research return for this case, in full", .fullResearch, hint: false),
        // Issue 10: agenda editing and the meeting's other papers (AgendaEditing.swift).
        KeyBinding([.char("x")], "remove", "take the case off this agenda (it waits for another meeting)", .remove, hint: false),
        KeyBinding([.char("v")], "move", "move the case to another meeting", .move, hint: false),
        // The order within a section, by hand; the SafeLives section order never changes.
        KeyBinding([.char("K")], "case up", "move the case up within its section (the order is kept)", .placeUp, hint: false),
        KeyBinding([.char("J")], "case down", "move the case down within its section (the order is kept)", .placeDown, hint: false),
        KeyBinding([.char("L")], "late case", "add an urgent late case (after hearing has started too)", .late, hint: false),
        KeyBinding([.char("O")], "open actions", "review the actions still open from earlier meetings", .review, hint: false),
        KeyBinding([.char("c")], "case actions", "the case's actions in full", .caseActions, hint: false),
        // Issue 24: the case's perpetrator to the perpetrator panel, in one step.
        KeyBinding([.char("P")], "refer to panel", "refer perpetrator to panel: the case's perpetrator, with the reason", .referToPanel, hint: false),
        KeyBinding([.char("M")], "minutes", "read the minutes on screen: present, each case, what each agency shared, actions", .minutes, hint: false),
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
    /// Rows the research panel takes: what the case list leaves of the window (issue 22: rows stayed empty while returns were cut).
    var panelHeight = ResearchPanel.height
    /// The case in hand's agreed actions, below the returns (issue 22).
    var actionsPanel = MeetingActionsPanel()
    var cursor = ListCursor()
    var visible = 10
    /// When the selected case came up: the per-case timer. It runs only
    /// while the meeting is in progress (held today), from when the case in
    /// hand came up, never from when the agenda was opened days ahead (issue 22).
    var caseStarted = ContinuousClock.now
    var inProgress = false
    var now = ContinuousClock.now
    /// What the questions asked here need, read with the agenda so the keys read nothing:
    /// today (an action's due date), the first planned meeting after this one
    /// (offered when moving a case)...
    var today: Day
    var nextPlanned: Day?
    /// ...and, read once when the meeting opens (they do not change during
    /// one), the agency codes known here and the person's own agency.
    var agencies: [String]?
    var ownAgency = ""
    /// Agencies by code: those present are offered by name (issue 20).
    var agencyNames: [String: String] = [:]

    public init(day: Day, today: Day) {
        self.day = day
        self.today = today
    }

    public mutating func reload(_ session: Session, rows: Int) throws {
        let followed = selected?.referral.ref
        agenda = try session.agenda(on: day)
        // The list takes what its cases and section headings need, up to what leaves the panel its least;
        // the panel takes the rest (header above, the case in hand and its timer below: 4 rows).
        let cases = agenda?.cases ?? []
        let sections = Set(cases.map(\.item.section)).count
        let listRows = max(1, min(cases.count + sections, rows - 4 - ResearchPanel.height - MeetingActionsPanel.height))
        panelHeight = max(ResearchPanel.height, rows - 4 - listRows)
        visible = max(1, listRows - sections)
        let wasInProgress = inProgress
        inProgress = agenda.map { $0.meeting.heldOn == session.today && $0.meeting.status != .cancelled } ?? false
        if inProgress && !wasInProgress { caseStarted = ContinuousClock.now }
        do {
            research = ResearchPanel(try session.researchReturns(on: day))
        } catch {
            // Someone who may not see research (an IDVA) sees the agenda without it;
            // any other failure is reported, never shown as "no returns".
            guard error.kind == .notPermitted else { throw error }
            research = ResearchPanel(shown: false)
        }
        do {
            actionsPanel = MeetingActionsPanel(try session.actionsOnAgenda(on: day), rules: agenda?.chase ?? ChaseRules())
        } catch {
            guard error.kind == .notPermitted else { throw error }
            actionsPanel = MeetingActionsPanel(nil)
        }
        cursor.follow(followed, in: agenda?.cases.map(\.referral.ref) ?? [], visible: visible)
        now = ContinuousClock.now
        today = session.today
        nextPlanned = try? session.nextPlannedMeeting(after: day)
        if agencies == nil {
            // Someone who may not list agencies checks codes by form only, as the use case does.
            let known = (try? session.agencies()) ?? []
            agencies = known.map(\.code)
            agencyNames = Dictionary(known.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
            ownAgency = (try? session.whoAmI())?.agency ?? ""
        }
    }

    var selected: Agenda.Case? {
        guard let cases = agenda?.cases, cases.indices.contains(cursor.selected) else { return nil }
        return cases[cursor.selected]
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        if key == .tick { now = ContinuousClock.now; return [] }
        guard let command = Self.keymap.command(for: key) else { return [] }
        let count = agenda?.cases.count ?? 0
        switch command {
        case .down: cursor.move(1, count: count, visible: visible); caseStarted = ContinuousClock.now
        case .up: cursor.move(-1, count: count, visible: visible); caseStarted = ContinuousClock.now
        case .attend: return [.push(.confidentiality(day))]
        case .export: return [.ask(.minutesFolder(meeting: day), initial: FileManager.default.currentDirectoryPath)]
        case .late: return [.ask(.lateCase(meeting: day, problem: nil), initial: "")]
        case .review: return [.push(.actions())]
        case .entries: return [.push(.sharedEntries(day))]
        case .minutes: return [.push(.minutes(day))]
        case .back: return [.pop]
        default:
            // The rest act on the case in hand.
            guard let ref = selected?.referral.ref else { return [] }
            return handle(command, on: ref, count: count)
        }
        return []
    }

    mutating func handle(_ command: Command, on ref: String, count: Int) -> [Effect] {
        switch command {
        case .open: return [.push(.referral(ref))]
        case .heard:
            cursor.move(1, count: count, visible: visible)
            caseStarted = ContinuousClock.now
            return [.request(.hear(ref: ref, meeting: day))]
        case .action: return [ActionPrompts(ref: ref, meeting: day, today: today, agencies: agencies ?? []).ask]
        // Added to what is recorded already (dated); nothing earlier is replaced.
        case .shared:
            let present = agenda?.attendance.map { AgencyChoice(code: $0, name: agencyNames[$0] ?? $0) } ?? []
            return [SharedPrompt.ask(ref: ref, meeting: day, present: present)]
        case .unhear: return [CorrectionPrompt.ask(.unhear(ref: ref, meeting: day))]
        case .referToPanel: return [PanelReferralPrompt.ask(ref)]
        case .research: return [ResearchPrompts(ref: ref, meeting: day).ask(offering: ownAgency)]
        case .remove: return [.confirm(.removeCase(ref: ref, meeting: day))]
        case .move: return [.ask(.moveCase(ref: ref, from: day, problem: nil), initial: nextPlanned?.description ?? "")]
        // One place up or down within the case's section; the highlight follows the case.
        case .placeUp: return [.request(.reorderCase(ref: ref, meeting: day, place: .up))]
        case .placeDown: return [.request(.reorderCase(ref: ref, meeting: day, place: .down))]
        case .caseActions: return [.push(.caseActions(ref))]
        case .fullResearch: return [.push(.researchInFull(ref, meeting: day))]
        default: return []
        }
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        guard let agenda else { return }
        let heard = agenda.cases.filter(\.heard).count
        let escalated = agenda.escalatedCount > 0 ? " (\(agenda.escalatedCount) ESCALATED for the chair)" : ""
        buffer.put("\(Count.of(agenda.cases.count, "case")) · \(heard) heard · \(Count.of(agenda.openActionCount, "open action")) to review\(escalated) · present: \(agenda.attendance.isEmpty ? "none recorded" : agenda.attendance.map { agencyNames[$0] ?? Draw.agency($0) }.joined(separator: ", "))",
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
            let band = c.referral.daraGrade.map(Draw.dara) ?? Draw.band(c.referral.band)
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
            // The returns above, the case's actions below: the actions take what they
            // need up to half the panel, never less than their heading and a line.
            let actionCount = actionsPanel.byRef?[selected.referral.ref]?.count ?? 0
            let actionRows = min(max(MeetingActionsPanel.height - 1, 1 + actionCount), max(MeetingActionsPanel.height - 1, panelHeight / 2))
            let researchRows = max(1, min(panelHeight - actionRows, research.rowsNeeded(for: selected, width: area.width - 1)))
            research.render(into: &buffer, x: area.x + 1, y: bottom - 2 - panelHeight, width: area.width - 1,
                            height: researchRows, case: selected)
            // Below the returns, the actions take the rest of the panel (the returns that fit are all shown).
            actionsPanel.render(into: &buffer, x: area.x + 1, y: bottom - 2 - panelHeight + researchRows, width: area.width - 1,
                                height: panelHeight - researchRows, ref: selected.referral.ref, today: today)
            for (offset, line) in CaseNotes.inHand(selected).enumerated() {
                buffer.put(line, x: area.x + 1, y: bottom - 2 + offset, style: .bold, limit: area.width - 1)
            }
            guard inProgress else {
                buffer.put("Case \(cursor.selected + 1): \(selected.referral.ref)  the case timer runs on the day of the meeting",
                           x: area.x + 1, y: bottom, style: .bold, limit: area.width - 1)
                return
            }
            let seconds = Int((now - caseStarted).components.seconds)
            let over = seconds >= MeetingTiming.targetMinutesPerCase * 60
            let timer = String(format: "%02d:%02d", seconds / 60, seconds % 60)
            buffer.put("Case \(cursor.selected + 1): \(selected.referral.ref)  time \(timer) of \(MeetingTiming.targetMinutesPerCase):00\(over ? "  OVER TARGET" : "")",
                       x: area.x + 1, y: bottom, style: over ? CellStyle(bold: true, colour: .warning) : .bold, limit: area.width - 1)
        }
    }
}

/// What each key asks for: keys a role may not use are left out (issue 22).
extension MeetingsScreen: RoleKeyed {
    static func useCase(_ command: Command) -> UseCase? {
        switch command {
        case .open: .viewAgenda
        case .create: .manageMeetings
        case .cancel: .cancelMeeting
        case .moveTo: .moveMeeting
        case .up, .down, .pageUp, .pageDown, .first, .last, .back: nil
        case .readAgenda: .viewAgenda
        case .confirm: .recordAttendance
        case .researchLists: .writeMeetingDocuments
        case .loadReturn: .importResearch
        }
    }
}

extension AgendaScreen: RoleKeyed {
    static func useCase(_ command: Command) -> UseCase? {
        switch command {
        case .open: .viewReferral
        case .heard: .hearCase
        case .action: .agreeAction
        case .shared: .recordShared
        case .entries: .correctShared
        case .unhear: .unhearCase
        case .attend: .recordAttendance
        case .research: .recordResearch
        case .remove, .move, .placeUp, .placeDown, .late: .manageAgenda
        case .review, .caseActions: .viewActions
        case .fullResearch: .viewResearch
        case .export, .minutes: .writeMeetingDocuments
        case .referToPanel: .referToPanel
        case .up, .down, .back: nil
        }
    }
}
