import MaracCore

/// What a cell looks like beyond its character. Meaning is never carried by
/// colour alone: every coloured thing also has words (bands, OVERDUE, DEMO).
public struct CellStyle: Hashable, Sendable {
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false
    public var colour: ColourRole = .none

    public init(bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false, colour: ColourRole = .none) {
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
        self.colour = colour
    }

    public static let plain = CellStyle()
    public static let bold = CellStyle(bold: true)
    public static let reverse = CellStyle(reverse: true)
    public static let dim = CellStyle(dim: true)
    public static let title = CellStyle(bold: true, reverse: true)
    public static let underlined = CellStyle(underline: true)
}

/// Colours say what a thing is, not how it looks; the terminal maps them (or not, under NO_COLOR).
public enum ColourRole: Int, Sendable, CaseIterable {
    case none, high, medium, standard, warning, accent, demo
}

public struct Cell: Equatable, Sendable {
    /// One grapheme, or "" for the right half of a wide character.
    public var text: String
    public var style: CellStyle

    public static let blank = Cell(text: " ", style: .plain)
}

/// The screen as an in-memory grid. Screens draw here; only Terminal.swift
/// copies it to the real terminal, and tests read it as text.
public struct CellBuffer: Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(1, width)
        self.height = max(1, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes text at (x, y), clipped to `limit` columns (default: to the edge).
    /// Control characters are escaped here too, as a last line of defence.
    /// Returns the column after the last one written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return x }
        let end = min(width, x + (limit ?? width))
        var column = max(0, x)
        for character in TerminalText.escape(text) {
            let w = DisplayWidth.of(character)
            if w == 0 { continue }
            if column + w > end {
                // A wide character that does not fit leaves a plain gap, never half a glyph.
                if column < end { self[column, y] = Cell(text: "…", style: style); column += 1 }
                break
            }
            self[column, y] = Cell(text: String(character), style: style)
            if w == 2 { self[column + 1, y] = Cell(text: "", style: style) }
            column += w
        }
        return column
    }

    /// Text cut to fit `width` columns, with an ellipsis when cut.
    public static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        let escaped = TerminalText.escape(text)
        if DisplayWidth.of(escaped) <= width { return escaped + String(repeating: " ", count: width - DisplayWidth.of(escaped)) }
        var out = ""
        var used = 0
        for character in escaped {
            let w = DisplayWidth.of(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…" + String(repeating: " ", count: max(0, width - used - 1))
    }

    public mutating func fill(row y: Int, style: CellStyle) {
        guard y >= 0, y < height else { return }
        for x in 0..<width { self[x, y] = Cell(text: " ", style: style) }
    }

    public mutating func clear() {
        cells = Array(repeating: .blank, count: width * height)
    }

    /// The buffer as lines of text (trailing spaces trimmed): what snapshot tests compare.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width { line += self[x, y].text }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    public var text: String { lines.joined(separator: "\n") }
}

/// Columns a character takes in a terminal: 2 for East Asian wide and emoji,
/// 0 for combining marks, 1 otherwise (a small wcwidth, enough for names).
public enum DisplayWidth {
    public static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let v = scalar.value
        let category = scalar.properties.generalCategory
        // Zero width: combining marks, format characters (ZWJ, ZWNJ, ZWSP, BOM, bidi marks), variation selectors.
        if character.unicodeScalars.count == 1,
           category == .nonspacingMark || category == .enclosingMark || category == .format || (0xFE00...0xFE0F).contains(v) || v == 0x200B {
            return 0
        }
        if category == .nonspacingMark || category == .enclosingMark || category == .format { return 0 }
        // An emoji drawn as a picture (by default, or asked for with U+FE0F, or joined with ZWJ, or a flag) takes two columns.
        if scalar.properties.isEmojiPresentation || (scalar.properties.isEmoji && character.unicodeScalars.contains { $0.value == 0xFE0F || $0.value == 0x200D })
            || (0x1F1E6...0x1F1FF).contains(v) {
            return 2
        }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    public static func of(_ text: String) -> Int { text.reduce(0) { $0 + of($1) } }
}
