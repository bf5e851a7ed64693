import MaracCore
import MaracCases

/// `/` from anywhere: type-ahead over people by name, alias, date of birth or
/// postcode; each person's cases, repeat chain and open actions. A
/// perpetrator's line lists every victim, so one perpetrator across several
/// victims is plain to see.
public struct SearchScreen: Screen {
    enum Command: Sendable { case up, down, open, switchList, back }

    static let keymap = Keymap<Command>([
        KeyBinding([.down, .ctrl("n")], "down", "next match (or case)", .down, hint: false),
        KeyBinding([.up, .ctrl("p")], "up", "previous match (or case)", .up, hint: false),
        KeyBinding([.tab], "cases", "move between the people found and the highlighted person's cases", .switchList),
        KeyBinding([.enter], "open", "open the highlighted case", .open),
        KeyBinding([.escape], "back", "back", .back),
    ])

    public var title: String { "Search people" }
    public var hints: String { "type a name, alias, DOB or postcode  " + Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }
    public var capturesText: Bool { true }

    public var editor = LineEditor()
    var matches: [SearchMatch] = []
    var cases: [PersonCase] = []
    var cursor = ListCursor()
    /// The highlighted case of the highlighted person (a perpetrator's are every victim's).
    var caseCursor = ListCursor()
    /// Up and down move among the person's cases rather than the people found.
    var inCases = false
    var visible = 5

    public init() {}

    public mutating func reload(_ session: Session, rows: Int) throws {
        visible = max(1, (rows - 3) / 2)
        matches = try session.searchPeople(editor.text, limit: 50)
        cursor.clamp(count: matches.count, visible: visible)
        cases = matches.indices.contains(cursor.selected) ? try session.cases(ofPerson: matches[cursor.selected].personID, limit: 50) : []
        caseCursor.clamp(count: cases.count, visible: max(1, rows - visible - 4))
        if cases.isEmpty { inCases = false }
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        if editor.apply(key) { cursor = ListCursor(); caseCursor = ListCursor(); inCases = false; return [] }
        guard let command = Self.keymap.command(for: key) else { return [] }
        switch command {
        case .down where inCases: caseCursor.move(1, count: cases.count, visible: cases.count)
        case .up where inCases: caseCursor.move(-1, count: cases.count, visible: cases.count)
        case .down: cursor.move(1, count: matches.count, visible: visible); caseCursor = ListCursor()
        case .up: cursor.move(-1, count: matches.count, visible: visible); caseCursor = ListCursor()
        case .switchList: inCases = !inCases && !cases.isEmpty
        case .open:
            if cases.indices.contains(caseCursor.selected) { return [.push(.referral(cases[caseCursor.selected].summary.ref))] }
        case .back: return [.pop]
        }
        return []
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        var x = buffer.put("/ ", x: area.x + 1, y: area.y, style: .bold)
        x = buffer.put(editor.text, x: x, y: area.y, style: .underlined)
        buffer.put("▏", x: x, y: area.y)
        if editor.text.isEmpty { buffer.put("any part of a name, alias or child's name, a date of birth (YYYY-MM-DD) or postcode", x: x + 2, y: area.y, style: .dim) }
        for (line, index) in (cursor.top..<min(matches.count, cursor.top + visible)).enumerated() {
            let m = matches[index]
            Draw.row(&buffer, y: area.y + 1 + line, x: area.x + 1, width: area.width - 1, cells: [
                (m.role.rawValue, 11, .plain), (m.name, 26, .plain), (m.dob?.description ?? "", 10, .plain), (m.postcode ?? "", 8, .plain),
                // What matched comes first, so it survives a narrow window.
                ("\(m.alias.map { "aka \($0) · " } ?? "")\(m.child.map { "child \($0) · " } ?? "")\(m.referrals) referral\(m.referrals == 1 ? "" : "s")", 0, .dim),
            ], selected: index == cursor.selected && !inCases)
        }
        if !editor.text.isEmpty, matches.isEmpty { buffer.put("No one matches.", x: area.x + 2, y: area.y + 2, style: .dim) }
        let top = area.y + 2 + visible
        guard let person = matches.indices.contains(cursor.selected) ? matches[cursor.selected] : nil, !cases.isEmpty else { return }
        let victims = Set(cases.map(\.summary.victimName))
        let heading = person.role == .perpetrator && victims.count > 1
            ? "Cases of \(person.name): perpetrator against \(Count.of(victims.count, "victim"))"
            : "Cases of \(person.name)"
        buffer.put(heading, x: area.x + 1, y: top, style: .bold, limit: area.width - 1)
        // The last line holds the highlighted case's safety flags in full.
        let room = max(0, area.y + area.height - top - 2)
        let first = max(0, caseCursor.selected - room + 1)
        for (line, c) in cases.dropFirst(first).prefix(room).enumerated() {
            let s = c.summary
            Draw.row(&buffer, y: top + 1 + line, x: area.x + 2, width: area.width - 2, cells: [
                (s.ref, 15, .plain), (s.referredOn.description, 10, .plain), (Draw.band(s.band).0, 8, Draw.band(s.band).1),
                (s.status.words, 12, .plain), (s.isRepeat ? "repeat" : "", 6, .plain),
                (person.role == .perpetrator ? "victim \(s.victimName)" : "perp. \(c.perpetratorName ?? "unknown")", 24, .plain),
                (c.openActions > 0 ? "\(c.openActions) open" : "", 6, .plain), CaseNotes.row(s, then: ""),
            ], selected: first + line == caseCursor.selected)
        }
        CaseNotes.drawFooter(cases.indices.contains(caseCursor.selected) ? cases[caseCursor.selected].summary : nil, into: &buffer, area: area)
    }
}
