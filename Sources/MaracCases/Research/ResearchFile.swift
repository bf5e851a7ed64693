import Foundation
import MaracCore
internal import MaracStore

/// A returned research list read as rows: the import's rules for the header
/// (unknown columns rejected, none twice, the required ones present) and every
/// problem named `FILE:LINE: column: message`. The rows' own checks (values,
/// the case on the agenda) come after, with the database.
enum ResearchFile {
    /// The rows that carry a return, by line, and how many were left blank.
    static func rows(csv text: String, fileName: String) throws -> (rows: [(line: Int, fields: [String: String])], blank: Int) {
        let records: [CSVRecord]
        do { records = try CSV.parse(text) } catch {
            throw CaseError(.invalid, field: "\(fileName):\(error.line): \(ImportLines.syntaxColumn)", error.message)
        }
        guard let header = records.first else {
            throw CaseError(.invalid, field: "\(fileName):1: \(ImportLines.fileColumn)", "the file is empty; it needs the research list's header row")
        }
        let known = Set(ResearchReturnInput.columns)
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if !columns.contains(where: known.contains) {
            throw CaseError(.invalid, field: "\(fileName):\(header.line): \(ImportLines.headerColumn)",
                            "the first row is not a header row (no known column names); start from the research list marac wrote")
        }
        var problems: [CaseError.Problem] = []
        var seen = Set<String>()
        for (index, column) in columns.enumerated() {
            if !known.contains(column) {
                problems.append(.init(field: "\(fileName):\(header.line): \(ImportLines.columnName(column, index: index))", "unknown column"))
            }
            if !seen.insert(column).inserted {
                problems.append(.init(field: "\(fileName):\(header.line): \(ImportLines.columnName(column, index: index))", "column appears twice"))
            }
        }
        for required in ResearchReturnInput.requiredColumns where !columns.contains(required) {
            problems.append(.init(field: "\(fileName):\(header.line): \(required)", "required column missing"))
        }
        guard problems.isEmpty else { throw CaseError(.invalid, problems) }
        var rows: [(line: Int, fields: [String: String])] = []
        var blank = 0
        for record in records.dropFirst() {
            guard record.fields.count == columns.count else {
                problems.append(.init(field: "\(fileName):\(record.line): \(ImportLines.rowColumn)",
                                      "row has \(record.fields.count) fields; the header has \(columns.count)"))
                continue
            }
            var fields: [String: String] = [:]
            // Only the return's own columns are read back; the matching details were ours to start with.
            for (column, value) in zip(columns, record.fields.map(CSV.unneutralised))
            where !ResearchReturnInput.matchingColumns.contains(column) {
                fields[column] = value
            }
            if ResearchReturnInput.returnColumns.allSatisfy({ (fields[$0] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
                blank += 1
                continue
            }
            rows.append((record.line, fields))
        }
        guard problems.isEmpty else { throw CaseError(.invalid, problems) }
        return (rows, blank)
    }
}
