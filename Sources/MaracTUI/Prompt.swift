/// A one-line text field: the decline reason, an action's note, a due date.
public struct LineEditor: Sendable, Equatable {
    public var text: String
    public var cursor: Int

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
        case .ctrl("u"): text = ""; cursor = 0
        default: return false
        }
        return true
    }
}

/// The question the app is asking, over whatever screen is open.
public struct PromptState {
    public enum Kind {
        case text((String) -> [Effect])
        case confirm((Bool) -> [Effect])
    }

    var question: String
    var editor: LineEditor
    /// The text it opened with: Esc asks before losing anything beyond it.
    var initial: String
    var kind: Kind
}
