import Foundation
internal import MaracStore
internal import GRDB

/// Loads incidents from CSV (`marac import incidents FILE`) with the
/// import's rules: all or nothing, every bad row named as
/// `FILE:LINE: column: message`, in one transaction. Each row goes through
/// the same checks as `incident add` (`addIncident`).
extension Session {
    public func importIncidents(csv reader: CSVReader, fileName: String) throws(CaseError) -> Int {
        // Refused before the file is even read when the person may not import.
        try read(.importIncidents) { _, _ in }
        return try write(.importIncidents) { db, permit in
            try requireRealDatabase(db)
            var reader = reader
            func next() throws -> CSVRecord? {
                do { return try reader.next() } catch { throw ReferralImport.problem(error, fileName: fileName) }
            }
            guard let header = try next() else {
                throw CaseError(.invalid, field: "\(fileName):1: \(ImportLines.fileColumn)", "the file is empty; it needs a header row")
            }
            let columns = try Self.incidentHeader(header, fileName: fileName)
            var problems: [CaseError.Problem] = []
            var added = 0
            while let record = try next() {
                let prefix = "\(fileName):\(record.line): "
                guard record.fields.count == columns.count else {
                    problems.append(.init(field: prefix + ImportLines.rowColumn, "has \(record.fields.count) fields; the header has \(columns.count)"))
                    continue
                }
                var fields: [String: String] = [:]
                for (column, text) in zip(columns, record.fields) where !text.isEmpty { fields[column] = text }
                do {
                    let input: IncidentInput
                    do throws(ValidationFailure) { input = try IncidentInput.validate(fields, today: today) } catch { throw CaseError(error) }
                    // Every row is checked against the database too (its referral, in
                    // scope; its perpetrator), so a missing reference after a bad date
                    // is named as well: after the first problem the rows written are
                    // rolled back with the whole transaction when the import is refused.
                    _ = try addIncident(db, permit, input)
                    added += 1
                } catch let error as CaseError {
                    problems += error.prefixed(prefix).problems
                }
            }
            guard problems.isEmpty else { throw CaseError(.invalid, problems) }
            return added
        }
    }

    static func incidentHeader(_ header: CSVRecord, fileName: String) throws -> [String] {
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if !columns.contains(where: IncidentInput.columns.contains) {
            throw CaseError(.invalid, field: "\(fileName):\(header.line): \(ImportLines.headerColumn)",
                            "the first row is not a header row (no known column names); add the header row (see docs/cli.md)")
        }
        var problems: [CaseError.Problem] = []
        var seen = Set<String>()
        for (index, column) in columns.enumerated() {
            let name = "\(fileName):\(header.line): \(ImportLines.columnName(column, index: index))"
            if !IncidentInput.columns.contains(column) { problems.append(.init(field: name, "unknown column")) }
            if !seen.insert(column).inserted { problems.append(.init(field: name, "column appears twice")) }
        }
        for required in IncidentInput.columns where IncidentInput.required.contains(required) && !columns.contains(required) {
            problems.append(.init(field: "\(fileName):\(header.line): \(required)", "required column missing"))
        }
        guard problems.isEmpty else { throw CaseError(.invalid, problems) }
        return columns
    }
}
