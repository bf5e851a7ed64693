/// A key as screens see it, whatever the terminal sent.
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete
    case ctrl(Character)
    case function(Int)
    /// Alt (Meta) with a key: no screen binds these, so they do nothing (never Esc).
    case alt(Character)
    /// A sequence marac does not know (Insert, a paste marker, a mouse report it
    /// cannot read): does nothing anywhere. Never Esc, never quit.
    case unknown
    case resize
    case mouseWheelUp, mouseWheelDown
    /// A left click at a screen row and column (0-based).
    case click(row: Int, column: Int)
    /// No key within the poll interval: timers tick.
    case tick

    /// How the key is named in help and the status line.
    public var label: String {
        switch self {
        case .char(" "): "space"
        case .char(let c): String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Bksp"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .delete: "Del"
        case .ctrl(let c): "^" + String(c).uppercased()
        case .function(let n): "F\(n)"
        case .alt(let c): "M-" + String(c)
        case .unknown: "?"
        case .resize: "resize"
        case .mouseWheelUp: "wheel↑"
        case .mouseWheelDown: "wheel↓"
        case .click: "click"
        case .tick: ""
        }
    }

    /// Keys for tests and tmux-free scripting: "j", "<Enter>", "<Esc>", "<C-s>".
    public static func parse(_ text: String) -> [Key] {
        var keys: [Key] = []
        var rest = Substring(text)
        while let first = rest.first {
            if first == "<", let close = rest.firstIndex(of: ">") {
                let name = rest[rest.index(after: rest.startIndex)..<close]
                let named: [String: Key] = ["Enter": .enter, "Esc": .escape, "Tab": .tab, "BTab": .backTab, "Up": .up, "Down": .down,
                                            "Left": .left, "Right": .right, "Bksp": .backspace, "PgUp": .pageUp, "PgDn": .pageDown,
                                            "Home": .home, "End": .end, "Space": .char(" "), "Del": .delete]
                if let key = named[String(name)] {
                    keys.append(key)
                } else if name.hasPrefix("C-"), let c = name.dropFirst(2).first {
                    keys.append(.ctrl(c))
                } else if name.hasPrefix("F"), let n = Int(name.dropFirst()) {
                    keys.append(.function(n))
                } else {
                    keys.append(contentsOf: String(rest[...close]).map { .char($0) })
                }
                rest = rest[rest.index(after: close)...]
            } else {
                keys.append(.char(first))
                rest = rest.dropFirst()
            }
        }
        return keys
    }
}

/// What the bytes after an Esc mean. ncurses decodes the sequences terminfo
/// lists; the rest (xterm's `\e[H`, `\e[F`, `\e[1~`, SS3 keys, Alt+key, bracketed
/// paste markers, mouse reports) arrive as Esc followed by more bytes. Only an
/// Esc with nothing after it is the Esc key: a sequence marac does not know is
/// `.unknown` and does nothing, so it can never close a form or quit.
public enum EscapeSequence {
    /// `rest` is what followed the Esc within the escape delay (empty: a real Esc).
    public static func decode(_ rest: [Character]) -> Key {
        guard let first = rest.first else { return .escape }
        if rest.count == 1 {
            if first == "\u{1B}" { return .escape }
            return .alt(first)
        }
        let body = String(rest.dropFirst())
        switch first {
        case "O":
            // SS3: xterm's application-mode cursor keys, Home/End and F1–F4.
            guard body.count == 1, let final = body.first else { return .unknown }
            return finalLetters[final] ?? .unknown
        case "[":
            return csi(body)
        default:
            return .unknown
        }
    }

    /// The final letters SS3 (`\eO`) and CSI (`\e[`) share: cursor keys,
    /// Home/End and F1–F4, one table for both.
    static let finalLetters: [Character: Key] = [
        "A": .up, "B": .down, "C": .right, "D": .left, "H": .home, "F": .end,
        "P": .function(1), "Q": .function(2), "R": .function(3), "S": .function(4),
    ]

    /// CSI: `\e[` parameters, then a final byte.
    static func csi(_ body: String) -> Key {
        guard let final = body.last else { return .unknown }
        let parameters = body.dropLast().split(separator: ";").map(String.init)
        // Modifiers (Shift, Alt, Ctrl) ride as a second parameter: the key is the same key.
        if let key = finalLetters[final] { return key }
        switch final {
        case "Z": return .backTab
        case "~":
            switch Int(parameters.first ?? "") ?? -1 {
            case 1, 7: return .home
            case 4, 8: return .end
            case 3: return .delete
            case 5: return .pageUp
            case 6: return .pageDown
            case 11...15: return .function((Int(parameters[0]) ?? 11) - 10)
            case 17...21: return .function((Int(parameters[0]) ?? 17) - 11)
            case 23, 24: return .function((Int(parameters[0]) ?? 23) - 12)
            default: return .unknown
            }
        default:
            return .unknown
        }
    }
}

/// One line of a screen's keymap: the keys, a short label for the status line,
/// the help text, and what it does. The same table dispatches keys, draws the
/// status line and generates `?` help, so they can never disagree.
public struct KeyBinding<Command: Sendable>: Sendable {
    public let keys: [Key]
    public let label: String
    public let help: String
    public let command: Command
    /// Shown in the status line (the rest only in `?` help).
    public let hint: Bool

    public init(_ keys: [Key], _ label: String, _ help: String, _ command: Command, hint: Bool = true) {
        self.keys = keys
        self.label = label
        self.help = help
        self.command = command
        self.hint = hint
    }
}

public struct Keymap<Command: Sendable>: Sendable {
    public let bindings: [KeyBinding<Command>]

    public init(_ bindings: [KeyBinding<Command>]) { self.bindings = bindings }

    public func command(for key: Key) -> Command? {
        bindings.first { $0.keys.contains(key) }?.command
    }

    /// "a accept  x decline  ? help" for the status line.
    public var hints: String {
        bindings.filter(\.hint).map { "\($0.keys[0].label) \($0.label)" }.joined(separator: "  ")
    }

    /// Only the bindings legal now: what dispatches, the hints and help all shrink together.
    public func filtered(_ isLegal: (Command) -> Bool) -> Keymap {
        Keymap(bindings.filter { isLegal($0.command) })
    }

    /// "? help": one binding's status-line hint, for a line that places its keys itself.
    public func hint(_ command: Command) -> String where Command: Equatable {
        bindings.first { $0.command == command }.map { "\($0.keys[0].label) \($0.label)" } ?? ""
    }

    /// Lines for the help overlay.
    public var helpLines: [(keys: String, help: String)] {
        bindings.map { ($0.keys.map(\.label).joined(separator: " "), $0.help) }
    }
}
