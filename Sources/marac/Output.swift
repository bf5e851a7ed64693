import ArgumentParser
import Foundation
import MaracCore
import MaracDocuments

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// Prints records as an aligned table, CSV or JSON. Every text field that
/// came from the database is escaped before it reaches a terminal.
struct Table {
    var columns: [String]
    var rows: [[String]]

    func render(format: OutputFormat) -> String {
        switch format {
        case .csv:
            // A CSV file keeps the data as it is; a terminal never sees raw control characters.
            let safe = isatty(STDOUT_FILENO) == 1 ? rows.map { $0.map(TerminalText.escape) } : rows
            return ([CSV.row(columns)] + safe.map(CSV.safeRow)).joined()
        case .json:
            return JSON.array(rows.map { row in .object(zip(columns, row).map { ($0, .string($1)) }) }).render() + "\n"
        case .table:
            let escaped = rows.map { $0.map(TerminalText.escape) }
            var widths = columns.map(\.count)
            for row in escaped { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { i, cell in
                    i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
                }.joined(separator: "  ")
            }
            return ([line(columns)] + escaped.map(line)).joined(separator: "\n") + "\n"
        }
    }
}

func write(_ text: String) {
    // Whatever the command and format, a terminal never receives raw control
    // characters from the data; a file or pipe gets the exact bytes.
    let shown = isatty(STDOUT_FILENO) == 1 ? TerminalText.escapeKeepingLines(text) : text
    FileHandle.standardOutput.write(Data(shown.utf8))
}

/// One line to stderr, prefixed as contracts.md says. Always escaped: a file
/// name or value holding a newline or escape sequence cannot split the line
/// or reach the terminal raw.
func report(_ line: String) {
    FileHandle.standardError.write(Data(("error: " + TerminalText.escape(line) + "\n").utf8))
}

func note(_ line: String) {
    FileHandle.standardError.write(Data((TerminalText.escape(line) + "\n").utf8))
}

func truncated(_ text: String, _ width: Int) -> String {
    text.count <= width ? text : String(text.prefix(width - 1)) + "…"
}
