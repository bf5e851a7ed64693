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

/// Reads RFC 4180 CSV one record at a time, so a file of any length is never
/// held as rows (an import checks and writes each row as it is read). Works on
/// the UTF-8 bytes: the separators are ASCII, and no byte of a multi-byte
/// character is ever an ASCII byte, so a field's bytes are its text exactly.
public struct CSVReader: Sendable {
    private let bytes: String.UTF8View
    private var position: String.Index
    private var line = 1
    private var finished = false

    public init(_ text: String) {
        bytes = text.utf8
        position = bytes.startIndex
        // A byte order mark from Excel is not part of the first header.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = bytes.index(position, offsetBy: 3) }
    }

    /// The next record, nil at the end of the text. A blank line is not a record.
    public mutating func next() throws(CSVSyntaxError) -> CSVRecord? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        while !finished {
            var fields: [String] = []
            var field: [UInt8] = []
            let recordLine = line
            var inQuotes = false, afterQuote = false, fieldStarted = false
            func take() { fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true) }
            var ended = false
            let end = bytes.endIndex
            while position < end {
                let c = bytes[position]
                bytes.formIndex(after: &position)
                if inQuotes {
                    if c == quote {
                        if position < end, bytes[position] == quote { field.append(quote); bytes.formIndex(after: &position) }
                        else { inQuotes = false; afterQuote = true }
                    } else {
                        if c == lf { line += 1 }
                        field.append(c)
                    }
                    continue
                }
                if c == comma {
                    take(); afterQuote = false; fieldStarted = true
                } else if c == cr || c == lf {
                    if c == cr, position < end, bytes[position] == lf { bytes.formIndex(after: &position) }
                    line += 1
                    ended = true
                    break
                } else if c == quote {
                    guard field.isEmpty, !afterQuote else {
                        throw CSVSyntaxError(line: line, message: "a quote inside an unquoted field; quote the whole field and double the quote")
                    }
                    inQuotes = true; fieldStarted = true
                } else {
                    if afterQuote { throw CSVSyntaxError(line: line, message: "text after a closing quote") }
                    field.append(c); fieldStarted = true
                }
            }
            if inQuotes { throw CSVSyntaxError(line: recordLine, message: "a quoted field is never closed") }
            if !ended {
                finished = true
                // The last line without its line break.
                guard !field.isEmpty || !fields.isEmpty || fieldStarted else { return nil }
            }
            take()
            if fields.count == 1 && fields[0].isEmpty && !fieldStarted { continue }
            return CSVRecord(line: recordLine, fields: fields)
        }
        return nil
    }
}

public enum CSV {
    /// Every record of a small file (a research return); an import reads
    /// record by record with `CSVReader` instead.
    public static func parse(_ text: String) throws(CSVSyntaxError) -> [CSVRecord] {
        var reader = CSVReader(text)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
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
