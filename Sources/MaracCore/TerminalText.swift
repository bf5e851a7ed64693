/// Text from the database may hold anything a referrer typed or pasted,
/// including escape sequences that would reprogram a coordinator's terminal.
/// Every printed field passes through here: control characters become visible
/// escapes (`\e`, `\x07`, `\u{9b}`) and nothing else changes.
public enum TerminalText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            out += escape(scalar)
        }
        return out
    }

    /// Same as `escape` for one scalar; the TUI uses it cell by cell.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x1B: return "\\e"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x00..<0x20, 0x7F: return "\\x" + hex(scalar.value, width: 2)
        case 0x80..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
            // C1 controls and bidirectional overrides can reorder or hide what follows.
            return "\\u{" + hex(scalar.value, width: 1) + "}"
        default: return String(scalar)
        }
    }

    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        escape(scalar) != String(scalar)
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension TerminalText {
    /// `escape` for multi-line output: line ends (LF or CR LF) stay line ends,
    /// every other control character becomes visible.
    public static func escapeKeepingLines(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { escape(String($0)) }
            .joined(separator: "\n")
    }
}
