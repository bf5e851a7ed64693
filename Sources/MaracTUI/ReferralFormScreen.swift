import Foundation
import MaracCore
import MaracCases

/// A new referral or an edit: details, then the checklist's questions (24,
/// or the 27 of a police-27 checklist, kept as it came) answered with single
/// keys, the live score and band always on screen, problems shown at
/// the field they belong to. Validation is ReferralInput.validate, the same
/// rules as the import and the command line.
public struct ReferralFormScreen: Screen {
    /// The text fields, in form order: the field table's form fields.
    static let fields: [(column: String, label: String)] = ReferralField.onFormInOrder.map { ($0.column, $0.label) }

    enum Command: Sendable { case next, previous, switchVersion, save, back, choose }

    static let keymap = Keymap<Command>([
        KeyBinding([.tab, .down, .ctrl("n"), .enter], "next", "next field or question (Enter too)", .next),
        KeyBinding([.backTab, .up, .ctrl("p")], "prev", "previous field or question", .previous),
        KeyBinding([.ctrl("t"), .function(3)], "checklist", "change the checklist's version (safelives-24 or police-27); answers given are kept for going back", .switchVersion, hint: false),
        KeyBinding([.ctrl("s"), .function(2)], "save", "save the referral (checks every field first)", .save),
        KeyBinding([.escape], "back", "back (asks before losing changes)", .back),
        // Issue 22: a coded field is chosen from its list by name; the code never has to be known.
        KeyBinding([.function(4), .ctrl("o")], "choose", "on a coded field (agency, gender, consent, lawful basis…): choose from the list by name", .choose, hint: false),
    ])
    /// The fields chosen from a list (F4): coded fields, the criteria, the lawful basis.
    static func choosable(_ column: String) -> Bool {
        guard let field = ReferralField.byColumn[column] else { return false }
        if case .code = field.kind { return true }
        return column == "criteria" || column == "lawful_basis"
    }
    var focusedColumn: String? { focus < Self.fields.count ? Self.fields[focus].column : nil }
    static let answerHelp: [(keys: String, help: String)] = [
        ("Children details", "name|date of birth|lives with, children separated by ;"),
        ("y n d space", "on a question: Yes, No, Don't know, Not asked; moves to the next"),
        ("typing", "on a field: edit it (Bksp, Del, ←, →, Home, End; ^U clears, ^Y puts it back)"),
    ]

    /// Set when editing: the referral's version when it was opened.
    public let editingVersion: Int?
    public var title: String { editingVersion == nil ? "New referral" : "Edit referral \(values["referral_ref"] ?? "")" }
    public var hints: String {
        // On a field: how to choose a coded value; on a question: how to answer it.
        Self.keymap.hints + (focusedColumn.map { Self.choosable($0) ? "  F4 choose" : "" } ?? "  y/n/d/space answer")
    }
    /// F1 on a field: its format and allowed values by name (issue 22, defect 4); on a question, the question.
    public var contextHelp: [(keys: String, help: String)] {
        guard let column = focusedColumn, let field = ReferralField.byColumn[column] else {
            let q = focus - Self.fields.count
            return answers.indices.contains(q) ? [("question \(q + 1)", version.questions[q])] : []
        }
        return FieldHelp.lines(for: field) + (problems[column].map { [("problem", $0)] } ?? [])
    }

    public mutating func fill(column: String, value: String) {
        guard let index = Self.fields.firstIndex(where: { $0.column == column }) else { return }
        values[column] = value.isEmpty ? nil : value
        problems[column] = nil
        if index == focus { editor = LineEditor(value) }
    }
    public var helpLines: [(keys: String, help: String)] { Self.keymap.helpLines + Self.answerHelp }
    public var capturesText: Bool { focus < Self.fields.count }
    public var hasUnsavedChanges: Bool { values != initialValues || answers != initialAnswers || version != initialVersion }

    public var values: [String: String]
    private let initialValues: [String: String]
    public var answers: [ChecklistAnswer]
    private var initialAnswers: [ChecklistAnswer] = Array(repeating: .notAsked, count: ChecklistVersion.safeLives24.questionCount)
    /// The checklist's version: the one it came with, until changed on purpose (^T).
    public private(set) var version: ChecklistVersion = .safeLives24
    private var initialVersion: ChecklistVersion = .safeLives24
    /// The answers of the version not shown, kept so going back loses nothing.
    private var otherAnswers: [ChecklistVersion: [ChecklistAnswer]] = [:]
    /// The checklist as stored, when editing: a save that would clear its answers asks first.
    private var storedChecklist: RiskChecklist?
    public var focus = 0
    var editor = LineEditor()
    public var problems: [String: String] = [:]
    var scroll = 0
    /// The day the form's dates are checked against.
    let today: Day

    public init(today: Day, draft: FormDraft? = nil) {
        self.today = today
        let start = ["referred_on": today.description, "consent": "unknown"]
        // A draft of an edit comes back as that edit, still checked against the version it started from.
        editingVersion = draft?.editingVersion
        initialValues = start
        values = draft?.values ?? start
        version = draft?.checklistVersion.flatMap(ChecklistVersion.init(rawValue:)) ?? .safeLives24
        initialVersion = version
        answers = draft.map { $0.answers.compactMap(ChecklistAnswer.init(rawValue:)) } ?? []
        if answers.count != version.questionCount {
            answers = Array(repeating: .notAsked, count: version.questionCount)
        }
        editor = LineEditor(values[Self.fields[0].column] ?? "")
    }

    /// An existing referral, its fields filled in from what is stored.
    public init(editing d: ReferralDetail, today: Day) {
        self.today = today
        let r = d.referral
        // The same column values an export row holds, so every field of the table comes back.
        var start: [String: String?] = d.columnValues.mapValues { $0 }
        // The checklist keeps its version (issue 20): its answers are on the
        // form as questions of that version; a score alone stays as it came
        // (in the values) unless questions are answered here.
        let stored = r.checklist
        storedChecklist = stored
        version = stored?.version ?? .safeLives24
        initialVersion = version
        if let stored, stored.answers != nil {
            start["ric_version"] = nil
            start["ric_score"] = nil
            start["ric_answers"] = nil
        }
        let values = start.compactMapValues { $0 }
        self.values = values
        initialValues = values
        editingVersion = r.version
        answers = stored?.answers ?? Array(repeating: .notAsked, count: version.questionCount)
        initialAnswers = answers
        editor = LineEditor(values[Self.fields[0].column] ?? "")
    }

    /// The checklist as it stands: nil until a question is answered.
    public var checklist: RiskChecklist? {
        answers.contains { $0 != .notAsked } ? RiskChecklist(version: version, answers: answers) : nil
    }

    /// How many answers stored earlier this form, saved now, would clear.
    public var answersCleared: Int { storedChecklist?.answersCleared(by: savedChecklist) ?? 0 }

    /// The checklist a save writes: the answers on the form, else a stored
    /// score kept as it came (while its version is unchanged).
    var savedChecklist: RiskChecklist? {
        if let checklist { return checklist }
        guard version == initialVersion, let stored = storedChecklist, stored.answers == nil else { return nil }
        return stored
    }

    /// ^T: the other version's questions; the answers of this one are kept
    /// aside (going back restores them), so the change is seen and undone freely.
    mutating func switchVersion() {
        commitEditor()
        let next: ChecklistVersion = version == .safeLives24 ? .police27 : .safeLives24
        otherAnswers[version] = answers
        answers = otherAnswers[next] ?? Array(repeating: .notAsked, count: next.questionCount)
        version = next
        focus = min(focus, itemCount - 1)
    }

    var itemCount: Int { Self.fields.count + (usesDara ? 0 : answers.count) }

    /// The instrument is chosen on the form, before the checklist: with DARA
    /// (issue 23) its grade and rationale are fields above, and the DASH
    /// questions are not asked (DARA is never scored).
    var usesDara: Bool { values[RiskInstrument.column]?.trimmed().lowercased() == RiskInstrument.dara.rawValue }

    public var draft: FormDraft {
        FormDraft(values: values, answers: String(answers.map(\.rawValue)), editingVersion: editingVersion, checklistVersion: version.rawValue)
    }

    public mutating func reload(_ session: Session, rows: Int) throws {}

    mutating func commitEditor() {
        guard focus < Self.fields.count else { return }
        let column = Self.fields[focus].column
        values[column] = editor.text.isEmpty ? nil : editor.text
    }

    mutating func moveFocus(_ delta: Int) {
        commitEditor()
        focus = min(max(0, focus + delta), itemCount - 1)
        if focus < Self.fields.count { editor = LineEditor(values[Self.fields[focus].column] ?? "") }
    }

    /// The import columns this form fills, for ReferralInput.validate.
    var columns: [String: String] {
        var fields = values
        if let letters = checklist?.answerLetters, answers != initialAnswers || version != initialVersion || fields["ric_answers"] == nil {
            fields["ric_answers"] = letters
            // safelives-24 is the default, as the import's column says.
            fields["ric_version"] = version == .safeLives24 ? nil : version.rawValue
            fields["ric_score"] = nil
        } else if version != initialVersion {
            // A version chosen and nothing answered: no checklist (the save says what that clears).
            fields["ric_version"] = nil
            fields["ric_score"] = nil
            fields["ric_answers"] = nil
        }
        if usesDara {
            fields["ric_answers"] = nil
            fields["ric_score"] = nil
            fields["ric_version"] = nil
        }
        // Criteria are what the referrer claims, typed in the criteria field: a
        // judgement reason alone never adds professional_judgement (the same
        // input is refused the same way from the command line).
        return fields
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        if focus >= Self.fields.count, case .char(let c) = key, let answer = Self.answer(for: c) {
            answers[focus - Self.fields.count] = answer
            moveFocus(1)
            return []
        }
        // The reference names the record: it cannot change in an edit.
        if editingVersion != nil, focus == 0, Self.changesText(key) { return [.message("The reference of a saved referral cannot change")] }
        if focus < Self.fields.count, editor.apply(key) {
            commitEditor()
            problems[Self.fields[focus].column] = nil
            return []
        }
        guard let command = Self.keymap.command(for: key) else { return [] }
        switch command {
        case .next: moveFocus(1); return problemHere
        case .previous: moveFocus(-1); return problemHere
        case .choose:
            guard let column = focusedColumn, Self.choosable(column) else { return [.message("this field is typed: F1 says its format")] }
            commitEditor()
            return [.ask(.formField(column: column, label: Self.fields[focus].label), initial: values[column] ?? "")]
        case .switchVersion:
            switchVersion()
            return [.message("checklist now \(version.rawValue): \(version.questionCount) questions (^T changes back)")]
        case .save: return save()
        case .back:
            commitEditor()
            guard hasUnsavedChanges else { return [.pop] }
            return [.confirm(.discardReferral)]
        }
        return []
    }

    /// A field with a problem, when moved to: the problem whole on the message area (the row has room for part).
    var problemHere: [Effect] {
        guard let column = focusedColumn, let problem = problems[column] else { return [] }
        return [.message("\(Self.fields[focus].label): \(problem)")]
    }

    static func changesText(_ key: Key) -> Bool {
        switch key {
        case .char, .backspace, .delete, .ctrl("h"), .ctrl("u"), .ctrl("y"): true
        default: false
        }
    }

    static func answer(for character: Character) -> ChecklistAnswer? {
        switch character {
        case "y", "Y": .yes
        case "n", "N": .no
        case "d", "D": .dontKnow
        case " ", "-": .notAsked
        default: nil
        }
    }

    mutating func save() -> [Effect] {
        commitEditor()
        do {
            let columns = self.columns
            let input = try ReferralInput.validate(columns, today: today)
            problems = [:]
            var effects: [Effect] = if let version = editingVersion {
                // A correction says why (issue 20): asked last, once everything else is settled.
                [CorrectionReasonPrompt.ask(CorrectionReasonPrompt.Edit(columns: columns, openedAtVersion: version, replaceAnswers: answersCleared > 0))]
            } else {
                [.request(.logReferral(columns)), .pop, .focus(input.ref)]
            }
            // Answers given earlier never go silently (issue 20, defect 2): say how many, and ask.
            if editingVersion != nil, answersCleared > 0 {
                effects = [.confirm(.clearAnswers(count: answersCleared, then: effects))]
            }
            // Not asked is legitimate, but never silent: say how many, and ask once (issue 10, defect 6).
            let notAsked = answers.filter { $0 == .notAsked }.count
            if checklist != nil, answers != initialAnswers, notAsked > 0 {
                return [.confirm(.saveWithQuestionsNotAsked(notAsked: notAsked, of: answers.count, score: checklist?.score ?? 0, then: effects))]
            }
            return effects
        } catch {
            problems = Dictionary(error.problems.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
            if let first = Self.fields.firstIndex(where: { problems[$0.column] != nil }) {
                focus = first
                editor = LineEditor(values[Self.fields[first].column] ?? "")
            } else if problems["ric_answers"] != nil || problems["ric_score"] != nil {
                focus = Self.fields.count
            }
            return [.message("\(error.problems.count) problem\(error.problems.count == 1 ? "" : "s"): \(error.problems[0].description)")]
        }
    }

    public func render(into buffer: inout CellBuffer, area: Rect, session: Session) {
        // The score and band never scroll away.
        if usesDara {
            let grade = values[RiskInstrument.gradeColumn].flatMap { DaraGrade(rawValue: $0.trimmed().lowercased()) }
            let x = buffer.put("DARA grade \(grade?.rawValue ?? "not given")", x: area.x + 1, y: area.y, style: .bold)
            buffer.put("  · never scored: no DASH questions · ^S save", x: x, y: area.y, style: .dim)
        } else {
            let checklist = self.checklist
            let band = Draw.band(RiskBand(checklist: checklist))
            let answered = answers.filter { $0 != .notAsked }.count
            var x = buffer.put("Score ", x: area.x + 1, y: area.y, style: .bold)
            x = buffer.put("\(checklist?.score ?? 0)", x: x, y: area.y, style: .bold)
            x = buffer.put("  band ", x: x, y: area.y)
            x = buffer.put(band.0, x: x, y: area.y, style: band.1)
            buffer.put("  · \(version.rawValue) \(answered) of \(answers.count) answered · ^T version · ^S save", x: x, y: area.y, style: .dim)
        }

        let rows = area.height - 1
        let top = min(max(0, focus - rows / 2), max(0, itemCount - rows))
        let labelWidth = 17
        for line in 0..<min(rows, itemCount - top) {
            let item = top + line
            let y = area.y + 1 + line
            let focused = item == focus
            if item < Self.fields.count {
                let field = Self.fields[item]
                buffer.put(CellBuffer.fit(field.label, labelWidth), x: area.x + 1, y: y, style: focused ? .bold : .dim)
                // Fields take the width there is (a problem, when shown, takes up to half of it).
                let problem = problems[field.column].map { "! " + $0 }
                let room = area.width - labelWidth - 4
                let valueWidth = max(1, problem == nil ? room : max(room / 2, room - DisplayWidth.of(problem!) - 1))
                let x = area.x + labelWidth + 2
                if focused {
                    // The text scrolls so the cursor is always in view; the cursor is a cell of its own.
                    let window = editor.window(width: valueWidth)
                    buffer.put(CellBuffer.fit(window.text, valueWidth), x: x, y: y, style: CellStyle(underline: true), limit: valueWidth)
                    let cursorX = x + min(window.cursorColumn, valueWidth - 1)
                    let under = cursorX < buffer.width && y < buffer.height ? buffer[cursorX, y].text : ""
                    buffer.put(under.isEmpty || under == " " ? "▏" : under, x: cursorX, y: y, style: .reverse, limit: 1)
                } else {
                    buffer.put(CellBuffer.fit(values[field.column] ?? "", valueWidth), x: x, y: y, style: .underlined)
                }
                if let problem {
                    buffer.put(problem, x: x + valueWidth + 1, y: y, style: CellStyle(bold: true, colour: .warning), limit: max(0, area.x + area.width - x - valueWidth - 1))
                }
            } else {
                let q = item - Self.fields.count
                let answer = answers[q]
                let mark = answer == .notAsked ? "[ ]" : "[\(answer.rawValue)]"
                let style: CellStyle = focused ? .reverse : (answer == .yes ? .bold : .plain)
                let text = "\(q < 9 ? " " : "")\(q + 1) \(mark) \(version.questions[q])"
                buffer.put(CellBuffer.fit(text, area.width - 2), x: area.x + 1, y: y, style: style)
            }
        }
    }
}

/// What a dropped connection leaves behind: the form as typed so far.
public struct FormDraft: Codable, Sendable, Equatable {
    public var values: [String: String]
    public var answers: String
    /// Set when the draft was an edit of a saved referral.
    public var editingVersion: Int?
    /// The checklist's version the answers are of (nil in drafts kept before issue 20: safelives-24).
    public var checklistVersion: String?

    public init(values: [String: String], answers: String, editingVersion: Int? = nil, checklistVersion: String? = nil) {
        self.values = values
        self.answers = answers
        self.editingVersion = editingVersion
        self.checklistVersion = checklistVersion
    }

    /// Where a user's draft lives: beside the database, readable by them only.
    public static func path(database: String, actor: Actor) -> String {
        database + ".draft-" + actor.name.filter { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } + ".json"
    }

    public func save(to path: String) {
        guard let data = try? JSONEncoder().encode(self) else { return }
        try? LocalFiles.create(atPath: path, contents: data)
    }

    /// An answer being typed into a question, kept the same way (owner-only, beside the database).
    public static func keepAnswer(question: String, text: String, to path: String) {
        guard let data = try? JSONEncoder().encode(["question": question, "text": text]) else { return }
        try? LocalFiles.create(atPath: path, contents: data)
    }

    public static func loadKeptAnswer(from path: String) -> (question: String, text: String)? {
        guard let data = FileManager.default.contents(atPath: path),
              let kept = try? JSONDecoder().decode([String: String].self, from: data),
              let question = kept["question"], let text = kept["text"] else { return nil }
        return (question, text)
    }

    public static func load(from path: String) -> FormDraft? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(FormDraft.self, from: data)
    }
}
