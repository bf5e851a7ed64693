/// A one-line text field: the decline reason, an action's note, a due date.
public struct LineEditor: Sendable, Equatable {
    public var text: String
    public var cursor: Int
    /// What ^U last cleared: ^Y puts it back, so clearing is never a loss.
    public var cleared: String?

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    /// Returns true when the key was an edit.
    public mutating func apply(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            let index = text.index(text.startIndex, offsetBy: cursor)
            text.insert(c, at: index)
            cursor += 1
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return true }
            let index = text.index(text.startIndex, offsetBy: cursor - 1)
            text.remove(at: index)
            cursor -= 1
        case .delete:
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .ctrl("u"):
            if !text.isEmpty { cleared = text }
            text = ""; cursor = 0
        case .ctrl("y"):
            guard let cleared else { return true }
            let index = text.index(text.startIndex, offsetBy: cursor)
            text.insert(contentsOf: cleared, at: index)
            cursor += cleared.count
            self.cleared = nil
        default: return false
        }
        return true
    }
}

extension LineEditor {
    /// The part of the text to show in `width` columns, scrolled so the cursor
    /// is always in view, and the column of the cursor within it.
    public func window(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        let characters = Array(text)
        var start = 0
        // Scroll right until the cursor (plus one cell for it) fits.
        while DisplayWidth.of(String(characters[start..<cursor])) > width - 1, start < cursor { start += 1 }
        var shown = ""
        var used = 0
        for character in characters[start...] {
            let w = DisplayWidth.of(character)
            if used + w > width { break }
            shown.append(character)
            used += w
        }
        return (shown, DisplayWidth.of(String(characters[start..<cursor])))
    }
}

/// The question the app is asking, over whatever screen is open.
public struct PromptState: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case text(Question)
        case confirm(Confirmation)
        /// A coded answer chosen from a list (issue 22): the picker's choice answers the question.
        case pick(Question, Picker)
    }

    var editor: LineEditor
    /// The text it opened with: Esc asks before losing anything beyond it.
    var initial: String
    var kind: Kind
    /// Why the use case refused the last answer, when it did: shown with the question, asked again (issue 22).
    var refusal: String?

    init(editor: LineEditor, initial: String, kind: Kind, refusal: String? = nil) {
        self.editor = editor
        self.initial = initial
        self.kind = kind
        self.refusal = refusal
    }

    /// The words on the message area.
    var question: String {
        let words = switch kind {
        case .text(let question), .pick(let question, _): question.text
        case .confirm(let confirmation): confirmation.text
        }
        return refusal.map { "\($0) — \(words)" } ?? words
    }

    /// The question a text or a picker answers (nil for yes or no).
    var textQuestion: Question? {
        switch kind {
        case .text(let question), .pick(let question, _): question
        case .confirm: nil
        }
    }

    var isConfirm: Bool { if case .confirm = kind { true } else { false } }
}
