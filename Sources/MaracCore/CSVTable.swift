import Foundation

/// RFC 4180 CSV, read with the physical line each record starts on, because
/// every import error must name FILE:LINE and a quoted field may span lines.
/// (The CSV libraries available report record numbers, not lines.)
public struct CSVRecord: Sendable, Equatable {
    public let line: Int
    public let fields: [String]
}

public struct CSVSyntaxError: Error, Sendable, Equatable {
    public let line: Int
    public let message: String
}

public enum CSV {
    public static func parse(_ text: String) throws(CSVSyntaxError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var afterQuote = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        var fieldStarted = false

        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        func endRecord() {
            fields.append(field)
            // A blank line is not a record.
            if !(fields.count == 1 && fields[0].isEmpty && !fieldStarted) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
            field = ""
            fieldStarted = false
        }

        // A byte order mark from Excel is not part of the first header.
        if let first = iterator.next(), first != "\u{FEFF}" { pending = first }

        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; afterQuote = true; pending = n }
                    } else { inQuotes = false; afterQuote = true }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",":
                fields.append(field); field = ""; afterQuote = false; fieldStarted = true
            case "\r":
                if let n = next(), n != "\n" { pending = n }
                endRecord(); afterQuote = false; line += 1; recordLine = line
            case "\n":
                endRecord(); afterQuote = false; line += 1; recordLine = line
            case "\"":
                guard field.isEmpty, !afterQuote else {
                    throw CSVSyntaxError(line: line, message: "a quote inside an unquoted field; quote the whole field and double the quote")
                }
                inQuotes = true; fieldStarted = true
            default:
                if afterQuote { throw CSVSyntaxError(line: line, message: "text after a closing quote") }
                field.unicodeScalars.append(c); fieldStarted = true
            }
        }
        if inQuotes { throw CSVSyntaxError(line: recordLine, message: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || fieldStarted { endRecord() }
        return records
    }

    /// One field, quoted when it must be.
    public static func field(_ text: String) -> String {
        // By scalar: "\r\n" is one Character, equal to neither "\r" nor "\n".
        if text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || text.hasPrefix(" ") || text.hasSuffix(" ") {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }
}
