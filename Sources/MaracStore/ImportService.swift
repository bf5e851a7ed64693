import Foundation
import GRDB
import MaracCore

/// Loads referrals from the contract's CSV format. All or nothing: every row
/// is checked first and every problem reported as FILE:LINE: column: message;
/// one bad row and nothing is written.
public struct ImportService: Sendable {
    package let referrals: ReferralService

    package init(clock: Clock) { referrals = ReferralService(clock: clock) }

    public struct Summary: Sendable, Equatable {
        public var added: Int
        public var updated: Int
    }

    /// Checks every row (no transaction needed), then writes them all in the
    /// caller's one transaction.
    package func check(csv text: String, fileName: String) throws -> [(line: Int, input: ReferralInput)] {
        let records: [CSVRecord]
        do {
            records = try CSV.parse(text)
        } catch {
            throw CaseError(.invalid, field: "\(fileName):\(error.line): \(ImportLines.syntaxColumn)", error.message)
        }
        guard let header = records.first else {
            throw CaseError(.invalid, field: "\(fileName):1: \(ImportLines.fileColumn)", "the file is empty; it needs a header row")
        }
        var problems: [String] = []
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        // A first row with no column name we know is data, not a header: say so
        // without printing it (it would be a name, a date of birth, a postcode).
        if !columns.contains(where: ReferralInput.columns.contains) {
            throw CaseError(.invalid, field: "\(fileName):\(header.line): \(ImportLines.headerColumn)",
                            "the first row is not a header row (no known column names); add the header row (see docs/import.md)")
        }
        var seen = Set<String>()
        for (index, column) in columns.enumerated() {
            if !ReferralInput.columns.contains(column) {
                problems.append("\(fileName):\(header.line): \(ImportLines.columnName(column, index: index)): unknown column")
            }
            if !seen.insert(column).inserted {
                problems.append("\(fileName):\(header.line): \(ImportLines.columnName(column, index: index)): column appears twice")
            }
        }
        for required in ReferralInput.requiredColumns where !columns.contains(required) {
            problems.append("\(fileName):\(header.line): \(required): required column missing")
        }
        guard problems.isEmpty else { throw CaseError(.invalid, problems.map { CaseError.Problem($0) }) }

        var inputs: [(line: Int, input: ReferralInput)] = []
        var linesByRef: [String: Int] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == columns.count else {
                problems.append("\(fileName):\(record.line): \(ImportLines.rowColumn): row has \(record.fields.count) fields; the header has \(columns.count)")
                continue
            }
            // Cells an export neutralised against spreadsheet formulas come back exact.
            let fields = Dictionary(uniqueKeysWithValues: zip(columns, record.fields.map(CSV.unneutralised)))
            do {
                let input = try ReferralInput.validate(fields, today: referrals.clock.today)
                if let first = linesByRef[input.ref] {
                    problems.append("\(fileName):\(record.line): referral_ref: \(input.ref) is also on line \(first)")
                    continue
                }
                linesByRef[input.ref] = record.line
                inputs.append((record.line, input))
            } catch {
                for problem in error.problems { problems.append("\(fileName):\(record.line): \(problem)") }
            }
        }
        guard problems.isEmpty else { throw CaseError(.invalid, problems.map { CaseError.Problem($0) }) }
        return inputs
    }

    /// Writes checked rows in the caller's transaction: all or nothing.
    /// With `update`, a row carrying a `version` (as an export writes it) is
    /// refused when the stored referral has changed since that version, unless
    /// `force` (recorded in the audit trail).
    package func write(_ db: Database, _ inputs: [(line: Int, input: ReferralInput)], fileName: String, by actor: Actor,
                       update: Bool, force: Bool = false) throws -> Summary {
        do {
            var summary = Summary(added: 0, updated: 0)
            let exists = try db.cachedStatement(sql: "SELECT 1 FROM referral WHERE ref = ?")
            if !update {
                // Report every clash with the database, not just the first.
                var clashes: [CaseError.Problem] = []
                for (line, input) in inputs {
                    if try Bool.fetchOne(exists, arguments: [input.ref]) == true {
                        clashes.append(CaseError.Problem(field: "\(fileName):\(line): referral_ref", "\(input.ref) already exists", hint: .replaceExisting))
                    }
                }
                if !clashes.isEmpty { throw CaseError(.invalid, clashes) }
            } else if !force {
                // A row exported at version N may only replace the record if it is
                // still at version N: an older export never reverts a newer edit,
                // and of two concurrent imports of the same rows one is refused.
                var stale: [CaseError.Problem] = []
                for (line, input) in inputs {
                    guard let expected = input.expectedVersion,
                          let current = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, version, updated_by, updated_at FROM referral WHERE ref = ?"),
                                                         arguments: [input.ref]) else { continue }
                    let r = RecordReader(current, table: "referral")
                    let version: Int = try r.value("version")
                    if version != expected {
                        let by: String = try r.value("updated_by"), at: String = try r.value("updated_at")
                        stale.append(CaseError.Problem(field: "\(fileName):\(line): version",
                                                       "\(input.ref) is at version \(version), changed by \(by) at \(at) since this row's version \(expected)",
                                                       hint: .exportAgain))
                    }
                }
                if !stale.isEmpty { throw CaseError(.conflict, stale) }
            }
            for (line, input) in inputs {
                let existed = try Bool.fetchOne(exists, arguments: [input.ref]) == true
                do {
                    _ = try referrals.insert(db, input, by: actor, update: update)
                } catch let error as CaseError {
                    throw error.prefixed("\(fileName):\(line): ")
                }
                if existed { summary.updated += 1 } else { summary.added += 1 }
            }
            try Audit.record(db, actor: actor, action: "import", entity: "referral", entityID: nil,
                             detail: "added=\(summary.added) updated=\(summary.updated)" + (update && force ? " forced=yes (version check overridden)" : ""))
            return summary
        }
    }
}
