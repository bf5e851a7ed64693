import MaracCore
import MaracCases

/// Referrals waiting to be screened, highest risk first, then longest waiting.
/// The coordinator's home screen.
public struct TriageScreen: Screen {
    enum Command: Sendable { case up, down, pageUp, pageDown, first, last, open, accept, decline, new, meetings, actions, figures, breakGlass, quit , acceptOn, referIncident, disclosures, ranking, decideTransfer}

    static let keymap = Keymap<Command>([
        KeyBinding([.char("j"), .down, .mouseWheelDown], "down", "next referral", .down, hint: false),
        KeyBinding([.char("k"), .up, .mouseWheelUp], "up", "previous referral", .up, hint: false),
        KeyBinding([.pageDown, .ctrl("f")], "page", "next page", .pageDown, hint: false),
        KeyBinding([.pageUp, .ctrl("b")], "page", "previous page", .pageUp, hint: false),
        KeyBinding([.char("g"), .home], "first", "first referral", .first, hint: false),
        KeyBinding([.char("G"), .end], "last", "last referral", .last, hint: false),
        KeyBinding([.enter, .char("o")], "open", "open the referral", .open),
        KeyBinding([.char("a")], "accept", "screen in for MARAC and list it on the next meeting", .accept),
        KeyBinding([.char("l")], "list on…", "screen in and list it on a meeting you choose", .acceptOn, hint: false),
        KeyBinding([.char("x")], "decline", "decline, with a reason", .decline),
        KeyBinding([.char("n")], "new", "log a new referral", .new),
        KeyBinding([.char("m")], "meetings", "meetings and agendas", .meetings),
        KeyBinding([.char("A")], "actions", "open actions, overdue first", .actions),
        KeyBinding([.char("f")], "figures", "this quarter's figures", .figures, hint: false),
        KeyBinding([.char("B")], "break glass", "break glass: open a case outside your scope", .breakGlass, hint: false),
        KeyBinding([.char("R")], "refer back", "refer the oldest repeat incident back to MARAC (issue 23)", .referIncident, hint: false),
        KeyBinding([.char("D")], "Clare's Law", "Clare's Law requests against their 28-day clock, overdue first", .disclosures, hint: false),
        KeyBinding([.char("K")], "ranking", "perpetrators ranked by harm: recency, frequency, gravity", .ranking, hint: false),
        KeyBinding([.char("t")], "transfer in", "a case transferred in: list or note it, with a reason", .decideTransfer, hint: false),
        KeyBinding([.char("q"), .escape], "quit", "quit marac", .quit),
    ])

    public var title: String { "Triage queue" }
    public var hints: String { Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }

    public internal(set) var rows: [ReferralSummary] = []
    /// Repeats found from incidents, waiting to be referred back: above the queue, whatever the score.
    public internal(set) var repeats: [IncidentSummary] = []
    public internal(set) var cursor = ListCursor()
    var visible = 10
    var nextMeeting: MeetingRecord?
    /// Every referral waiting, whatever the window shows.
    var waiting = 0
    /// The referral the highlight is on, by reference: a reload (others accept,
    /// decline or add referrals) keeps the highlight on this person, never on a row number.
    var followed: String?
    /// Set when the highlighted referral left the queue (screened here or
    /// elsewhere): nothing is highlighted, so no key acts on someone else,
    /// until j/k/g/G choose again.
    public internal(set) var lost: String?
    /// G or End: the next reload fetches to the end of the queue (bounded) and goes there.
    var toLast = false

    public init() {}

    public mutating func reload(_ session: Session, rows: Int) throws {
        // The last line holds the highlighted referral's safety flags in full.
        repeats = try session.incidentsToReferBack(limit: 3)
        visible = max(1, rows - 3 - (repeats.isEmpty ? 0 : repeats.count + 1))
        // One page beyond what is on screen, so moving down never waits on the store.
        // The meeting first: a queue the person may not see must not leave the line saying none is planned (issue 22).
        nextMeeting = try session.nextMeeting()
        (self.rows, waiting) = try session.triageQueue(limit: toLast ? 5000 : max(cursor.top, cursor.selected) + visible * 2)
        if toLast { cursor.move(self.rows.count, count: self.rows.count, visible: visible); followed = nil; toLast = false }
        if let ref = followed {
            if let index = self.rows.firstIndex(where: { $0.ref == ref }) {
                cursor.move(index - cursor.selected, count: self.rows.count, visible: visible)
            } else {
                lost = ref
                followed = nil
            }
        }
        cursor.clamp(count: self.rows.count, visible: visible)
        if lost == nil { followed = selected?.ref }
    }

    public mutating func focus(ref: String) {
        if let index = rows.firstIndex(where: { $0.ref == ref }) {
            cursor.move(index - cursor.selected, count: rows.count, visible: visible)
            lost = nil
            followed = ref
        }
    }

    /// The highlighted referral; none while the one highlighted has left the queue.
    var selected: ReferralSummary? { lost == nil && rows.indices.contains(cursor.selected) ? rows[cursor.selected] : nil }

    /// Moves the highlight and follows the referral it lands on.
    mutating func move(_ delta: Int) {
        if lost != nil {
            // The first move after the highlighted referral left only shows the highlight again,
            // where it was (g and G still go to the first and last).
            lost = nil
            if abs(delta) >= rows.count { cursor.move(delta, count: rows.count, visible: visible) }
        } else {
            cursor.move(delta, count: rows.count, visible: visible)
        }
        followed = selected?.ref
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        if case .click(let row, _) = key {
            let opens = cursor.click(row: row, firstRow: bodyTop + 2 + (repeats.isEmpty ? 0 : repeats.count + 1), count: rows.count, visible: visible)
            if lost != nil { lost = nil; followed = selected?.ref; return [] }
            followed = selected?.ref
            guard opens else { return [] }
            return handle(.enter)
        }
        guard let command = Self.keymap.command(for: key) else { return [] }
        switch command {
        case .down: move(1)
        case .up: move(-1)
        case .pageDown: move(visible)
        case .pageUp: move(-visible)
        case .first: move(-rows.count)
        case .last: move(rows.count); toLast = true
        case .open:
            if let ref = selected?.ref { return [.push(.referral(ref))] }
            if let lost { return [.message("\(lost) has left the queue: j or k to choose a referral")] }
        case .accept:
            guard let ref = selected?.ref else { return [nothingChosen] }
            guard let meeting = nextMeeting?.heldOn else {
                return [.message("No meeting is planned to list \(ref) on: m, then c, adds one")]
            }
            return [.request(.screenIn(ref: ref, meeting: meeting))]
        case .acceptOn:
            guard let ref = selected?.ref else { return [nothingChosen] }
            return [.ask(.listingMeeting(ref: ref, problem: nil), initial: nextMeeting?.heldOn.description ?? "")]
        case .decline:
            guard let ref = selected?.ref else { return [nothingChosen] }
            return [DeclinePrompt.ask(ref, band: selected?.band)]
        case .new: return [.push(.newReferral)]
        case .meetings: return [.push(.meetings)]
        case .actions: return [.push(.actions())]
        case .figures: return [.push(.figures)]
        case .breakGlass: return [.ask(.breakGlassRef, initial: "")]
        case .referIncident:
            guard let incident = repeats.first else { return [.message("No repeat incident waits to be referred back")] }
            return [.request(.referIncident(id: incident.id, ref: "INC-\(incident.id)"))]
        case .disclosures: return [.push(.disclosureRequests)]
        case .ranking: return [.push(.perpetratorRanking)]
        case .decideTransfer:
            guard let row = selected else { return [nothingChosen] }
            guard let from = row.transferFrom else { return [.message("\(row.ref) was not transferred in: t decides a case taken in from another MARAC")] }
            return [TransferDecisionPrompts(ref: row.ref, from: from).ask]
        case .quit: return [.quit]
        }
        return []
    }

    /// What a screening key says when no referral is highlighted.
    var nothingChosen: Effect {
        .message(lost.map { "\($0) has left the queue: j or k to choose a referral" } ?? "Nothing waiting to be screened")
    }

    /// Break-glass: the reference, then the reason (recorded and reviewed); either empty cancels.
    static func answerBreakGlass(_ question: Question, _ text: String) -> [Effect] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch question {
        case .breakGlassReason(let ref):
            return trimmed.isEmpty ? [.message("cancelled: break-glass needs a reason")] : [.push(.referral(ref, breakGlass: text))]
        default:
            return trimmed.isEmpty ? [.message("cancelled: no reference")] : [.ask(.breakGlassReason(ref: trimmed), initial: "")]
        }
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        let next = nextMeeting.map { "next meeting \($0.heldOn) (\(Count.of($0.cases, "case")) listed)" } ?? "no meeting planned: m to add one"
        if let lost {
            // Said first, where the eye is: the highlight is gone, not moved to someone else.
            let x = buffer.put("\(waiting) waiting · ", x: area.x, y: area.y, style: .dim)
            buffer.put("\(lost) has left the queue: j/k to choose", x: x, y: area.y, style: CellStyle(bold: true, colour: .warning))
        } else {
            let position = rows.isEmpty ? "" : " · \(cursor.selected + 1)/\(waiting)"
            buffer.put("\(waiting) waiting\(position) · \(next)", x: area.x, y: area.y, style: .dim)
        }
        // Repeat incidents first (issue 23): each goes back to MARAC whatever the score (R).
        var top = area.y + 1
        if !repeats.isEmpty {
            for incident in repeats {
                let text = "repeat incident: refer back · \(incident.ref ?? "") · \(incident.occurredOn) · \(Draw.agency(incident.agency)) · "
                    + AbuseType.text(incident.abuseTypes) + " · " + incident.summary
                _ = buffer.put(text, x: area.x, y: top, style: CellStyle(bold: true, colour: .warning), limit: area.width)
                top += 1
            }
            _ = buffer.put("R refers the first back", x: area.x, y: top, style: .dim)
            top += 1
        }
        let wide = area.width >= 110
        var columns: [(String, Int)] = [("ref", 15), ("received", 10), ("days", 4), ("victim", wide ? 26 : 15), ("sc", 2), ("band", 8),
                                        ("crit", 4), ("rep", 3), ("ch", 2)]
        columns.append(("safety · agency", 0))
        Draw.row(&buffer, y: top, x: area.x, width: area.width, cells: columns.map { ($0.0, $0.1, .bold) }, selected: false)
        let today = session.today
        for (line, index) in (cursor.top..<min(rows.count, cursor.top + visible)).enumerated() {
            let r = rows[index]
            let band = r.daraGrade.map(Draw.dara) ?? Draw.band(r.band)
            var cells: [(String, Int, CellStyle)] = [
                (r.ref, 15, .plain), (r.referredOn.description, 10, .plain), (String(r.referredOn.days(until: today)), 4, .plain),
                (r.victimName, columns[3].1, .plain), (r.score.map(String.init) ?? "-", 2, .plain), (band.0, 8, band.1),
                (r.criteria.map(\.shortFlag).joined(), 4, .plain), (r.isRepeat ? "R" : "", 3, .plain),
                (String(r.childrenInHousehold), 2, .plain),
            ]
            // The safety flags in words, before the agency so a narrow window keeps them.
            // A case from another MARAC says so first (issue 25): it waits for the coordinator's decision.
            cells.append(CaseNotes.row(r, then: (r.transferFrom.map { "transfer in: from \($0) · " } ?? "")
                                       + Draw.agency(r.referringAgency) + (r.secondAgency.map { " + " + Draw.agency($0) } ?? "")))
            // While the highlighted referral has left the queue, no row is highlighted: no one is chosen.
            Draw.row(&buffer, y: top + 1 + line, x: area.x, width: area.width, cells: cells, selected: lost == nil && index == cursor.selected)
        }
        if lost == nil, rows.indices.contains(cursor.selected) {
            CaseNotes.drawFooter(rows[cursor.selected], into: &buffer, area: area)
        }
        if rows.isEmpty {
            buffer.put("Nothing waiting to be screened. n logs a new referral.", x: area.x + 2, y: top + 2)
        }
    }
}

/// What each key asks for: keys a role may not use are left out (issue 22).
extension TriageScreen: RoleKeyed {
    static func useCase(_ command: Command) -> UseCase? {
        switch command {
        case .open: .viewReferral
        case .accept, .acceptOn, .decline: .screenReferral
        case .new: .logReferral
        case .meetings: .viewMeetings
        case .actions: .viewActions
        case .figures: .viewSuppressedFigures
        case .breakGlass: .breakGlass
        case .referIncident: .referIncident
        case .disclosures: .viewDisclosureRequests
        case .ranking: .rankPerpetrators
        case .decideTransfer: .decideTransfer
        case .up, .down, .pageUp, .pageDown, .first, .last, .quit: nil
        }
    }
}
