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
    /// The bytes are not UTF-8 text (a file saved in another encoding), not a CSV fault.
    public let notText: Bool

    public init(line: Int, message: String, notText: Bool = false) {
        self.line = line
        self.message = message
        self.notText = notText
    }
}

/// Reads RFC 4180 CSV one record at a time, so a file of any length is never
/// held as rows (an import checks and writes each row as it is read), nor, when
/// it comes in chunks, as text: memory holds a chunk and a record. Works on
/// the UTF-8 bytes: the separators are ASCII, and no byte of a multi-byte
/// character is ever an ASCII byte, so a field's bytes are its text exactly.
/// Each field is checked to be UTF-8 as it is taken: bytes in another encoding
/// are refused with their line, never turned into replacement characters.
public struct CSVReader: Sendable {
    /// The next bytes of a text read a piece at a time (a file); nil at its
    /// end. Core does no I/O: the caller reads, and says what went wrong.
    public typealias Chunks = @Sendable () throws(CSVSyntaxError) -> [UInt8]?

    private enum Source: Sendable {
        case text(String.UTF8View, String.Index)
        case chunks(Chunks)
        case ended
    }

    private var source: Source
    private var buffer: [UInt8] = []
    private var position = 0
    private var line = 1
    private var finished = false
    private var started = false

    /// Bytes taken from a text at a time: the text is never copied whole.
    static let piece = 64 * 1024

    public init(_ text: String) {
        source = .text(text.utf8, text.utf8.startIndex)
    }

    public init(chunks: @escaping Chunks) {
        source = .chunks(chunks)
    }

    /// Bytes already in memory (a file opened from an age pack), checked as
    /// UTF-8 field by field like a file's.
    public init(utf8 bytes: [UInt8]) {
        source = .ended
        buffer = bytes
    }

    /// Refills the buffer; false at the end of the text.
    private mutating func refill() throws(CSVSyntaxError) -> Bool {
        while true {
            switch source {
            case .ended:
                return false
            case .text(let bytes, let index):
                guard index < bytes.endIndex else { source = .ended; return false }
                let end = bytes.index(index, offsetBy: Self.piece, limitedBy: bytes.endIndex) ?? bytes.endIndex
                buffer = Array(bytes[index..<end])
                source = .text(bytes, end)
            case .chunks(let next):
                let chunk: [UInt8]?
                // The source knows what failed; the reader knows where.
                do { chunk = try next() } catch { throw CSVSyntaxError(line: line, message: error.message, notText: error.notText) }
                guard let chunk else { source = .ended; return false }
                buffer = chunk
            }
            position = 0
            if !buffer.isEmpty { return true }
        }
    }

    @inline(__always)
    private mutating func peek() throws(CSVSyntaxError) -> UInt8? {
        if position == buffer.count, !(try refill()) { return nil }
        return buffer[position]
    }

    /// A byte order mark from Excel is not part of the first header. It may
    /// come split across the first chunks of a pipe, so it is looked for byte by byte.
    private mutating func skipByteOrderMark() throws(CSVSyntaxError) {
        started = true
        var taken: [UInt8] = []
        for expected: UInt8 in [0xEF, 0xBB, 0xBF] {
            guard let byte = try peek(), byte == expected else {
                // Not a mark: put back what was taken, ahead of the rest.
                if !taken.isEmpty { buffer = taken + buffer[position...]; position = 0 }
                return
            }
            taken.append(byte)
            position += 1
        }
    }

    /// The next record, nil at the end of the text. A blank line is not a record.
    public mutating func next() throws(CSVSyntaxError) -> CSVRecord? {
        if !started { try skipByteOrderMark() }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        while !finished {
            var fields: [String] = []
            var field: [UInt8] = []
            let recordLine = line
            var inQuotes = false, afterQuote = false, fieldStarted = false
            var ended = false
            func take(_ line: Int) throws(CSVSyntaxError) {
                guard let text = String(validating: field, as: UTF8.self) else {
                    throw CSVSyntaxError(line: line, message: "the file is not UTF-8 text; save it as CSV UTF-8", notText: true)
                }
                fields.append(text)
                field.removeAll(keepingCapacity: true)
            }
            while let c = try peek() {
                position += 1
                if inQuotes {
                    if c == quote {
                        if try peek() == quote { field.append(quote); position += 1 }
                        else { inQuotes = false; afterQuote = true }
                    } else {
                        if c == lf { line += 1 }
                        field.append(c)
                    }
                    continue
                }
                if c == comma {
                    try take(line); afterQuote = false; fieldStarted = true
                } else if c == cr || c == lf {
                    if c == cr, try peek() == lf { position += 1 }
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
            try take(ended ? line - 1 : line)
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
