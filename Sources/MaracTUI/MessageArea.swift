import MaracCore
/// The rows above the status line where messages and questions are shown
/// whole (issue 22, defect 1): a message too long for one row wraps upwards
/// over the bottom of the screen's body instead of being cut, so the fix an
/// error names is always on screen. A one-row message draws exactly as before.
enum MessageArea {
    /// The most rows a message may take: all but the title bar, the status
    /// line and two rows of the screen, so where you are stays in view.
    static func maxRows(height: Int) -> Int { max(1, height - 4) }

    /// The message in rows of `width`; when even the whole area is too small
    /// (a tiny window), the last row says how much more there is.
    static func rows(_ text: String, width: Int, height: Int) -> [String] {
        guard width > 0 else { return [] }
        let lines = Wrap.lines(text, width: width)
        let most = maxRows(height: height)
        guard lines.count > most else { return lines }
        return Array(lines.prefix(most - 1)) + [CellBuffer.fit("… (\(Count.of(lines.count - most + 1, "more row")): enlarge the window)", width)]
    }

    /// Draws a message on the rows ending just above the status line; returns the first row used.
    @discardableResult
    static func draw(_ text: String, into buffer: inout CellBuffer, style: CellStyle) -> Int {
        let rows = rows(text, width: buffer.width, height: buffer.height)
        let first = buffer.height - 1 - rows.count
        for (index, row) in rows.enumerated() {
            buffer.fill(row: first + index, style: .plain)
            buffer.put(row, x: 0, y: first + index, style: style)
        }
        return first
    }

    /// A question and the text being typed into it: the question wraps like a
    /// message; the field follows it on its last row, or takes a row of its
    /// own when the row is too full to type in.
    @discardableResult
    static func drawQuestion(_ question: String, editor: LineEditor?, into buffer: inout CellBuffer) -> Int {
        let width = buffer.width
        var rows = Wrap.lines(question, width: width)
        let lastWidth = DisplayWidth.of(rows.last ?? "")
        let fieldOnOwnRow = editor != nil && width - lastWidth - 1 < min(20, width / 3)
        if fieldOnOwnRow { rows.append("") }
        let most = maxRows(height: buffer.height)
        if rows.count > most { rows = Array(rows.suffix(most)) }
        let first = buffer.height - 1 - rows.count
        for (index, row) in rows.enumerated() {
            buffer.fill(row: first + index, style: .plain)
            // The last row keeps the space before the field, as the one-row prompt always had.
            buffer.put(index == rows.count - 1 && !fieldOnOwnRow ? row + " " : row, x: 0, y: first + index, style: .bold)
        }
        guard let editor else { return rows.count }
        let y = buffer.height - 2
        let x = fieldOnOwnRow ? 0 : lastWidth + 1
        let window = editor.window(width: max(1, width - x - 1))
        let end = buffer.put(window.text, x: x, y: y, style: .underlined)
        if editor.cursor == editor.text.count {
            buffer.put("▏", x: end, y: y)
        } else {
            // The cursor inside the text: the character under it shown reversed.
            let cursorX = x + window.cursorColumn
            if cursorX < width { buffer[cursorX, y].style = .reverse }
        }
        return rows.count
    }
}
