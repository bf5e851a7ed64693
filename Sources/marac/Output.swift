import ArgumentParser
import Foundation
import MaracCore

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// A JSON value built in key order, so documents read the way the contract
/// lists them. Numbers are printed without float noise (0.2269, not 0.22690000000000002).
indirect enum JSON {
    case string(String)
    case int(Int)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSON])
    case object([(String, JSON)])

    static func optional(_ value: Double?) -> JSON { value.map(JSON.number) ?? .null }
    static func optional(_ value: Int?) -> JSON { value.map(JSON.int) ?? .null }
    static func optional(_ value: String?) -> JSON { value.map(JSON.string) ?? .null }

    func render(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1), end = String(repeating: "  ", count: indent)
        switch self {
        case .string(let text): return JSON.quote(text)
        case .int(let value): return String(value)
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { return String(format: "%.1f", value) }
            return String(format: "%.10g", value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.render(indent: indent + 1) }.joined(separator: ",\n") + "\n" + end + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { pad + JSON.quote($0.0) + ": " + $0.1.render(indent: indent + 1) }.joined(separator: ",\n") + "\n" + end + "}"
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || (0x2028...0x2029).contains(scalar.value) {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
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
