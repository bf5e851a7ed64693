import MaracCore
import MaracCases

/// "Possible existing person" (issue 20): a referral being saved names a
/// victim or perpetrator who may already be recorded. Each candidate is shown
/// with their cases the user may see (one they may not shows as an id only);
/// Enter says "the same person", `n` "a new person", for that candidate's
/// role. Once every role in question is decided the referral is saved with
/// those choices; Esc goes back to the form with everything typed still there.
public struct PossibleExistingPersonScreen: Screen {
    enum Command: Sendable { case down, up, same, new, back }

    static let keymap = Keymap<Command>([
        KeyBinding([.char("j"), .down], "down", "next person", .down, hint: false),
        KeyBinding([.char("k"), .up], "up", "previous person", .up, hint: false),
        KeyBinding([.enter], "same person", "this is the same person: the referral is theirs", .same),
        KeyBinding([.char("n")], "new person", "a new person, not any of these", .new),
        KeyBinding([.escape, .char("q")], "back", "back to the form (nothing typed is lost)", .back),
    ])

    let columns: [String: String]
    var choices: IdentityChoices
    var candidates: [PossibleExistingPerson]
    var selected = 0

    public var title: String { "Possible existing person" }
    public var hints: String { Self.keymap.hints }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines }
    public var reloadsOnEveryKey: Bool { false }

    public init(columns: [String: String], choices: IdentityChoices, candidates: [PossibleExistingPerson]) {
        self.columns = columns
        self.choices = choices
        // Only the roles not decided yet are asked about.
        self.candidates = candidates.filter { choices.choice(for: $0.role) == nil }
    }

    public mutating func reload(_ session: Session, rows: Int) throws {}

    /// The roles still to decide, in the order they are shown.
    var undecided: [PersonRole] {
        [PersonRole.victim, .perpetrator].filter { role in choices.choice(for: role) == nil && candidates.contains { $0.role == role } }
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        guard let command = Self.keymap.command(for: key) else { return [] }
        let shown = candidates.filter { undecided.contains($0.role) }
        switch command {
        case .down: selected = min(selected + 1, max(0, shown.count - 1))
        case .up: selected = max(0, selected - 1)
        case .back: return [.pop]
        case .same, .new:
            guard shown.indices.contains(selected) else { return [] }
            let person = shown[selected]
            let choice: PersonChoice = command == .same ? .existing(person.personID) : .new
            if person.role == .victim { choices.victim = choice } else { choices.perpetrator = choice }
            selected = 0
            guard undecided.isEmpty else { return [.message("\(person.role.rawValue) decided; now the \(undecided[0].rawValue)")] }
            // Saved with the choices; this screen and the form close together.
            return [.request(.logReferral(columns, identity: choices)), .pop, .pop, .focus(columns["referral_ref"] ?? "")]
        }
        return []
    }

    /// Every line, with the index of the candidate it belongs to.
    func lines() -> [(text: String, style: CellStyle, candidate: Int?)] {
        var out: [(text: String, style: CellStyle, candidate: Int?)] = []
        let shown = candidates.filter { undecided.contains($0.role) }
        var role: PersonRole?
        for (index, person) in shown.enumerated() {
            if person.role != role {
                role = person.role
                out.append(("The \(person.role.rawValue) may already be recorded:", .bold, nil))
            }
            let who = person.name.map { "\($0)" + (person.dob.map { ", born \($0)" } ?? "") } ?? "no case of theirs that you can see"
            out.append(("person \(person.personID) · \(Self.words(person.reason)) · \(who)", .plain, index))
            for item in person.cases {
                out.append(("    \(item.ref)  \(item.referredOn)  \(item.band)  \(item.status)", .dim, index))
            }
        }
        out.append(("", .plain, nil))
        out.append(("Enter: same person · n: new person · Esc: back to the form (nothing lost)", .dim, nil))
        return out
    }

    static func words(_ reason: NearMatch.Reason) -> String {
        switch reason {
        case .similarName: "similar name, same date of birth"
        case .swappedOrSpaced: "names swapped or spaced differently, same date of birth"
        case .alias: "known by this name, same date of birth"
        case .dobTypo: "same name, date of birth a typo apart"
        }
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        for (row, line) in lines().prefix(area.height).enumerated() {
            let isSelected = line.candidate == selected && line.style != .dim
            _ = buffer.put((isSelected ? "▸ " : "  ") + TerminalText.escape(line.text), x: area.x + 1, y: area.y + row,
                           style: isSelected ? .title : line.style, limit: area.width - 2)
        }
    }
}
