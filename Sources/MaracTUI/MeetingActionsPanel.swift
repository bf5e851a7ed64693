import MaracCore
import MaracCases

/// Meeting mode's actions panel, below the research returns (issue 22):
/// the case in hand's agreed actions, a line each: owner agency, owner,
/// due, and the state in words (OVERDUE, ESCALATED for the chair).
struct MeetingActionsPanel: Sendable {
    /// The actions of the agenda's cases, by referral reference; nil when the role may not see actions.
    var byRef: [String: [ActionRecord]]?
    var rules = ChaseRules()

    /// The panel's least height: its heading and one line.
    static let height = 3

    init(_ actions: [ActionRecord]? = [], rules: ChaseRules = ChaseRules()) {
        byRef = actions.map { Dictionary(grouping: $0, by: \.referralRef) }
        self.rules = rules
    }

    func render(into buffer: inout CellBuffer, x: Int, y: Int, width: Int, height: Int, ref: String, today: Day) {
        guard height > 0 else { return }
        guard let byRef else {
            buffer.put("Actions: not shown to your role", x: x, y: y, style: .dim, limit: width)
            return
        }
        let actions = byRef[ref] ?? []
        let escalated = actions.filter { rules.isEscalated(status: $0.status, due: $0.due, today: today) }.count
        buffer.put("Actions: \(Count.of(actions.count, "action"))\(escalated > 0 ? " · \(escalated) ESCALATED for the chair" : "") · a agrees one, c shows them in full",
                   x: x, y: y, style: escalated > 0 ? CellStyle(bold: true, colour: .warning) : .bold, limit: width)
        if actions.isEmpty, height > 1 {
            buffer.put("No actions agreed for \(ref) yet.", x: x + 1, y: y + 1, style: .dim, limit: width - 1)
            return
        }
        let room = height - 1
        for (index, a) in actions.enumerated() where index < room {
            if index == room - 1, actions.count > room {
                buffer.put("… \(actions.count - index) more: c shows every action in full", x: x + 1, y: y + 1 + index, style: .dim, limit: width - 1)
                break
            }
            let state = rules.listWord(status: a.status, due: a.due, today: today)
            let style = a.isOverdue(today: today) ? CellStyle(bold: true, colour: .warning) : CellStyle.plain
            buffer.put(TerminalText.escape("#\(a.id) \(Draw.agency(a.agency)) · \(a.owner) · due \(a.due) · \(state) · \(a.description)"),
                       x: x + 1, y: y + 1 + index, style: style, limit: width - 1)
        }
    }
}
