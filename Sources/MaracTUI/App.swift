import Foundation
import MaracCore
import MaracCases

/// The whole UI as a value the tests can drive: a stack of screens, an
/// optional question, the help overlay and the message line. `press` is the
/// only way state changes; `render` draws it into a cell buffer.
public final class App {
    public let session: Session
    public private(set) var stack: [any Screen]
    var prompt: PromptState?
    public private(set) var showingHelp = false
    public private(set) var message: String?
    public private(set) var finished = false
    let isDemo: Bool
    public var size: (width: Int, height: Int)
    /// Where a dropped connection leaves the referral being typed.
    let draftPath: String
    /// Who is using it: their roles choose the home screen and the keys offered (issue 22).
    let user: MaracUser?
    /// The week's files, written as the command line writes them (issue 22); nil: refused, saying so.
    let files: (any WeekFiles)?

    public init(session: Session, width: Int, height: Int, files: (any WeekFiles)? = nil) {
        self.session = session
        self.files = files
        size = (width, height)
        isDemo = (try? session.isDemo()) ?? false
        draftPath = FormDraft.path(database: session.databasePath, actor: session.actor)
        user = try? session.whoAmI()
        stack = [Home.screen(for: user, today: session.today)]
        if let draft = FormDraft.load(from: draftPath) {
            stack.append(ReferralFormScreen(today: session.today, draft: draft))
            message = "A referral you were typing when the connection dropped has been kept: here it is."
        }
        reload()
        // An answer being typed into a question (what an agency shared, an action) when the connection dropped.
        if let kept = FormDraft.loadKeptAnswer(from: draftPath + ".answer") {
            try? FileManager.default.removeItem(atPath: draftPath + ".answer")
            prompt = PromptState(editor: LineEditor(kept.text), initial: kept.text, kind: .text(.keptAnswer(question: kept.question)))
        }
    }

    public var top: any Screen { stack[stack.count - 1] }

    enum Command: Sendable { case search, help }

    /// The keys of every screen that is not taking typed text: dispatch, the
    /// status line and `?` help all read this table, as each screen's own.
    static let keymap = Keymap<Command>([
        KeyBinding([.char("/")], "search", "search people from anywhere", .search),
        KeyBinding([.char("?")], "help", "this help", .help),
    ])

    /// Body rows a screen gets: all but the title bar, message line and status line.
    var bodyHeight: Int { max(1, size.height - 3) }

    /// Fetches the top screen's page afresh: changes made elsewhere show on the next draw.
    public func reload() {
        lastReload = .now
        do {
            try stack[stack.count - 1].reload(session, rows: bodyHeight)
        } catch {
            message = Self.describe(error)
        }
    }

    public func resize(width: Int, height: Int) {
        size = (width, height)
        reload()
    }

    public func press(_ keys: [Key]) { for key in keys { press(key) } }

    /// The smallest window every screen is laid out for.
    public static let minimumSize = (width: 80, height: 24)
    public var isTooSmall: Bool { size.width < Self.minimumSize.width || size.height < Self.minimumSize.height }

    public func press(_ key: Key) {
        if key == .resize { reload(); return }
        // Too small to show what a key would act on: keys wait until it is big enough
        // (what was typed stays where it was).
        if isTooSmall { return }
        // Help (over a question or a form's field too): any key closes it, the typing kept.
        if showingHelp {
            if key != .tick { showingHelp = false }
            return
        }
        // F1 is help everywhere, even where `?` is a character being typed.
        if key == .function(1) { showingHelp = true; return }
        if var state = prompt {
            switch state.kind {
            case .pick(let question, var picker):
                switch picker.handle(key, visible: pickerRows) {
                case .stay:
                    state.editor = picker.filter
                    state.kind = .pick(question, picker)
                    prompt = state
                case .answer(let text): prompt = nil; answer(question, text)
                case .cancel: prompt = nil; message = "cancelled"
                }
            case .text(let question):
                switch key {
                case .enter: prompt = nil; answer(question, state.editor.text)
                case .escape where state.editor.text != state.initial && !state.editor.text.isEmpty:
                    // Typing is never lost without asking.
                    prompt = PromptState(editor: LineEditor(), initial: "", kind: .confirm(.discardTyping(state)))
                case .escape: prompt = nil; message = "cancelled"
                default: _ = state.editor.apply(key); prompt = state
                }
            case .confirm(let confirmation):
                switch key {
                case .char("y"), .char("Y"): prompt = nil; perform(confirmation.answer(true))
                case .char("n"), .char("N"), .escape: prompt = nil; perform(confirmation.answer(false))
                default: break
                }
            }
            return
        }
        if key != .tick { message = nil }
        if !top.capturesText, let command = Self.keymap.command(for: key) {
            switch command {
            case .help: showingHelp = true
            case .search: perform([.push(.search)])
            }
            return
        }
        // A key the person's roles may not use does nothing but say so (issue 22).
        if let user, let keyed = top as? any RoleKeyed, let needed = keyed.useCase(for: key), Policy.grant(user.roles, needed) == nil {
            message = Home.refusal(user, needed)
            return
        }
        let effects = stack[stack.count - 1].handle(key)
        perform(effects)
        // Several coordinators share one database: the page is fetched again on
        // every key, and every few seconds while idle, so others' changes show.
        if effects.isEmpty, top.reloadsOnEveryKey, key != .tick || lastReload.duration(to: .now) > .seconds(5) {
            reload()
        }
    }

    private var lastReload = ContinuousClock.now

    /// An answer carried out; when the use case refuses it, the same question
    /// is asked again with the text as typed and the refusal beside it, so
    /// nothing typed is lost and keys never fall through to the list behind
    /// (issue 22, defect 3: one prompt for every question).
    func answer(_ question: Question, _ text: String) {
        answering = (question, text)
        defer { answering = nil }
        perform(question.answer(text))
    }

    /// The question being answered while its effects run.
    private var answering: (question: Question, text: String)?

    /// Carries out effects in order; a failed request stops the rest, so
    /// a form whose save failed stays open with everything typed.
    func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .push(let request):
                do {
                    stack.append(try screen(for: request))
                } catch {
                    message = Self.describe(error)
                    return
                }
                reload()
            case .pop:
                if top is ReferralFormScreen { try? FileManager.default.removeItem(atPath: draftPath) }
                if stack.count > 1 { stack.removeLast() } else { finished = true }
                reload()
            case .quit:
                finished = true
            case .ask(let question, let initial):
                // A coded answer is chosen from a list by name; the rest are typed.
                if let picker = picker(for: question, initial: initial) {
                    prompt = PromptState(editor: picker.filter, initial: initial, kind: .pick(question, picker))
                } else {
                    prompt = PromptState(editor: LineEditor(initial), initial: initial, kind: .text(question))
                }
            case .reprompt(let state):
                prompt = state
            case .confirm(let confirmation):
                prompt = PromptState(editor: LineEditor(), initial: "", kind: .confirm(confirmation))
            case .request(let request):
                do {
                    message = try run(request)
                } catch {
                    // A near match nobody decided: ask, over the form, which stays as typed.
                    if case .logReferral(let columns, let identity) = request, (error as? CaseError)?.asksWhoThePersonIs == true {
                        perform([.push(.possibleExistingPeople(columns, identity: identity))])
                        return
                    }
                    message = describe(error)
                    // An incident's perpetrator who may be someone recorded: asked which, the rest kept.
                    if case .logIncident(let fields, _) = request, (error as? CaseError)?.asksWhoThePersonIs == true,
                       case .incident(var prompts, _, _)? = answering?.question {
                        prompts.fields = fields
                        perform([.ask(.incident(prompts, .samePerson, problem: nil), initial: "")])
                        prompt?.refusal = message
                        return
                    }
                    // A refused correction asks for its reason again, as typed (issue 20).
                    if let again = CorrectionReasonPrompt.askAgain(after: request, problem: message ?? "") {
                        prompt = again
                    } else if prompt == nil, let pending = answering {
                        let refusal = message
                        perform([.ask(pending.question, initial: pending.text)])
                        prompt?.refusal = refusal
                    }
                    reload()
                    return
                }
                reload()
            case .reload:
                reload()
            case .message(let text):
                message = text
            case .focus(let ref):
                stack[stack.count - 1].focus(ref: ref)
            case .fill(let column, let value):
                stack[stack.count - 1].fill(column: column, value: value)
            }
        }
    }

    /// Keeps what was typed if the terminal goes away (SIGHUP).
    public func keepDraft() {
        if let form = top as? ReferralFormScreen, form.hasUnsavedChanges { form.draft.save(to: draftPath) }
        if let prompt, case .text = prompt.kind, !prompt.editor.text.isEmpty, prompt.editor.text != prompt.initial {
            FormDraft.keepAnswer(question: prompt.question, text: prompt.editor.text, to: draftPath + ".answer")
        }
    }

    /// The one place the UI turns an error value into words, with hints in the UI's own terms.
    static func describe(_ error: Error, lawfulBases: [LawfulBasis] = []) -> String {
        let error = (error as? CaseError) ?? (error as? ValidationFailure).map(CaseError.init)
            ?? CaseError(.storage, "something went wrong; nothing was saved")
        return "error: " + error.problems.map { problem in
            problem.description + (problem.hint.map { " (\(words($0, lawfulBases: lawfulBases)))" } ?? "")
        }.joined(separator: "; ")
    }

    /// As `describe`, naming this MARAC's lawful bases when the fix is to choose one (issue 22, defect 1).
    func describe(_ error: Error) -> String {
        let needsBases = (error as? CaseError)?.problems.contains { $0.hint == .recordConsentDecision } == true
        return Self.describe(error, lawfulBases: needsBases ? (try? session.lawfulBases()) ?? [] : [])
    }

    static func words(_ hint: CaseError.Hint, lawfulBases: [LawfulBasis]) -> String {
        if case .recordConsentDecision = hint {
            let choices = lawfulBases.isEmpty ? "" : "; the lawful bases here: " + lawfulBases.map(\.text).joined(separator: "; ")
            return "open the case (Enter), e to edit, then on Sharing reason and on Lawful basis press F4 to choose by name\(choices)"
        }
        return words(hint)
    }

    static func words(_ hint: CaseError.Hint) -> String {
        switch hint {
        case .replaceExisting: "that reference is taken: choose another"
        case .createMeeting(let day): "add the meeting on \(day) first: m, then c"
        case .planMeeting: "add a meeting first: m, then c"
        case .reloadRecord: "open it again to see the change, then edit"
        case .exportAgain: "take a fresh export"
        case .askAdmin(let admins): admins.isEmpty ? "ask an admin to add you" : "ask an admin to add you: \(admins.joined(separator: ", "))"
        case .confirmClearingAnswers: "save again and answer y to clear them"
        case .recordConsentDecision: "open the case, e to edit, and fill in sharing reason and lawful basis"
        case .decidePerson: "choose the person already recorded, or a new person"
        }
    }

    // MARK: Drawing

    public func render() -> CellBuffer {
        var buffer = CellBuffer(width: size.width, height: size.height)
        let width = buffer.width, height = buffer.height
        if isTooSmall {
            // Never a half-drawn screen whose columns silently vanish: say what is needed.
            let lines = ["window too small:", "needs \(Self.minimumSize.width)×\(Self.minimumSize.height),", "is \(width)×\(height)",
                         prompt != nil || top.hasUnsavedChanges ? "(your typing is kept)" : ""]
            let top = max(0, (height - lines.count) / 2)
            for (i, line) in lines.enumerated() where top + i < height {
                buffer.put(line, x: max(0, (width - DisplayWidth.of(line)) / 2), y: top + i, style: i == 0 ? .bold : .plain)
            }
            return buffer
        }
        // Title bar: where you are, and DEMO on every screen of a demo database.
        buffer.fill(row: 0, style: .title)
        var x = buffer.put(" marac · " + top.title, x: 0, y: 0, style: .title)
        if isDemo { x = buffer.put("  DEMO DATA", x: x, y: 0, style: CellStyle(bold: true, reverse: true, colour: .demo)) }
        let right = "\(session.actor.name) · \(session.today)  ? help "
        if x + right.count < width { buffer.put(right, x: width - right.count, y: 0, style: .title) }

        top.render(into: &buffer, area: Rect(x: 0, y: 1, width: width, height: bodyHeight), session: session)

        if showingHelp, prompt == nil { drawHelp(&buffer) }
        // Message line, then the status line of this screen's keys.
        if let prompt {
            // The question whole, wrapped above the status line (issue 22, defect 1).
            switch prompt.kind {
            case .text:
                MessageArea.drawQuestion(prompt.question, editor: prompt.editor, into: &buffer)
            case .confirm:
                MessageArea.drawQuestion(prompt.question, editor: nil, into: &buffer)
            case .pick(_, let picker):
                let rows = MessageArea.drawQuestion(prompt.question, editor: nil, into: &buffer)
                if !showingHelp { picker.draw(into: &buffer, footerRows: rows + 1) }
            }
            if showingHelp { drawHelp(&buffer) }
            buffer.fill(row: height - 1, style: .reverse)
            buffer.put(Self.promptHints(prompt.kind), x: 0, y: height - 1, style: .reverse)
        } else {
            if let message { MessageArea.draw(message, into: &buffer, style: message.hasPrefix("error") ? CellStyle(bold: true, colour: .warning) : .bold) }
            buffer.fill(row: height - 1, style: .reverse)
            // Help first, so it is never the part cut off on a narrow terminal.
            // In a text field `?` and `/` are characters: help is on F1, and the footer says so.
            let keys = top.capturesText ? "F1 help (? / typed)  " + screenHints
                : Self.keymap.hint(.help) + "  " + screenHints + "  " + Self.keymap.hint(.search)
            buffer.put(" " + (showingHelp ? "any key closes help" : keys), x: 0, y: height - 1, style: .reverse)
        }
        return buffer
    }

    /// `?` and F1: help for the question, field or screen in hand, then the
    /// keys of this screen from the same keymap that dispatches them.
    var helpContent: (title: String, lines: [(keys: String, help: String)]) {
        if let prompt {
            switch prompt.kind {
            case .text(let question): return ("Help: this question", FieldHelp.lines(for: question) + FieldHelp.editing + [("Enter", "ok"), ("Esc", "cancel (asks before losing typing)")])
            case .pick(let question, let picker): return ("Help: choosing", FieldHelp.lines(for: question) + (picker.multiple ? [FieldHelp.marking] : []) + FieldHelp.choosing)
            case .confirm: return ("Help: this question", [("y", "yes"), ("n Esc", "no")])
            }
        }
        let context = top.contextHelp
        let editing: [(keys: String, help: String)] = top.capturesText ? [FieldHelp.editing[1]] : []
        return (context.isEmpty ? "Keys: \(top.title)" : "Help: \(top.title)", context + editing + screenHelpLines + Self.keymap.helpLines)
    }

    /// The help box takes the window's width (issue 22: it was fixed at 72)
    /// and wraps each line, so a field's allowed values are read whole.
    func drawHelp(_ buffer: inout CellBuffer) {
        let (title, lines) = helpContent
        // Too small for the box (issue 8: a 6-row terminal crashed here): say so on the top row instead.
        guard buffer.height >= 8, buffer.width >= 30 else {
            buffer.put(String(repeating: " ", count: max(0, buffer.width)), x: 0, y: 0)
            buffer.put("help: enlarge the terminal", x: 0, y: 0, style: .bold, limit: max(0, buffer.width))
            return
        }
        let keysWidth = min(16, max(6, lines.map { DisplayWidth.of($0.keys) }.max() ?? 6))
        let widest = lines.map { DisplayWidth.of($0.help) }.max() ?? 20
        let boxWidth = min(buffer.width - 4, max(40, keysWidth + widest + 6))
        let helpWidth = max(1, boxWidth - keysWidth - 6)
        var rows: [(keys: String, help: String)] = []
        for line in lines {
            for (index, part) in Wrap.lines(line.help, width: helpWidth).enumerated() { rows.append((index == 0 ? line.keys : "", part)) }
        }
        // From just under the title bar to just above the status line: every row there is.
        let boxHeight = min(buffer.height - 2, rows.count + 2)
        let left = (buffer.width - boxWidth) / 2, topRow = 1
        for y in topRow..<(topRow + boxHeight) {
            buffer.put(String(repeating: " ", count: boxWidth), x: left, y: y)
        }
        buffer.put("┌" + String(repeating: "─", count: boxWidth - 2) + "┐", x: left, y: topRow)
        buffer.put("└" + String(repeating: "─", count: boxWidth - 2) + "┘", x: left, y: topRow + boxHeight - 1)
        for y in (topRow + 1)..<(topRow + boxHeight - 1) {
            buffer.put("│", x: left, y: y)
            buffer.put("│", x: left + boxWidth - 1, y: y)
        }
        buffer.put(" \(title) ", x: left + 2, y: topRow, style: .bold, limit: boxWidth - 4)
        let room = boxHeight - 2
        for (index, row) in rows.prefix(room).enumerated() {
            buffer.put(CellBuffer.fit(row.keys, keysWidth), x: left + 2, y: topRow + 1 + index, style: .bold)
            buffer.put(row.help, x: left + keysWidth + 3, y: topRow + 1 + index, limit: helpWidth)
        }
        if rows.count > room { buffer.put(" \(Count.of(rows.count - room, "more row")): enlarge the window ", x: left + 2, y: topRow + boxHeight - 1, style: .dim, limit: boxWidth - 4) }
    }
}

extension App {
    /// The top screen's keys the person may use: the status line and `?` help show only these.
    var screenHints: String {
        if let user, let keyed = top as? any RoleKeyed { return keyed.hints(for: user.roles) }
        return top.hints
    }

    var screenHelpLines: [(keys: String, help: String)] {
        if let user, let keyed = top as? any RoleKeyed { return keyed.helpLines(for: user.roles) }
        return top.helpLines
    }
}
