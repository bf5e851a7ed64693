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
            throw CaseError(.invalid, "\(fileName):\(error.line): \(error.message)")
        }
        guard let header = records.first else { throw CaseError(.invalid, "\(fileName):1: the file is empty; it needs a header row") }
        var problems: [String] = []
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var seen = Set<String>()
        for column in columns {
            if !ReferralInput.columns.contains(column) {
                problems.append("\(fileName):\(header.line): \(TerminalText.escape(column)): unknown column")
            }
            if !seen.insert(column).inserted {
                problems.append("\(fileName):\(header.line): \(TerminalText.escape(column)): column appears twice")
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
                problems.append("\(fileName):\(record.line): row has \(record.fields.count) fields; the header has \(columns.count)")
                continue
            }
            let fields = Dictionary(uniqueKeysWithValues: zip(columns, record.fields))
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
    package func write(_ db: Database, _ inputs: [(line: Int, input: ReferralInput)], fileName: String, by actor: Actor, update: Bool) throws -> Summary {
        do {
            var summary = Summary(added: 0, updated: 0)
            if !update {
                // Report every clash with the database, not just the first.
                var clashes: [CaseError.Problem] = []
                for (line, input) in inputs {
                    if try Bool.fetchOne(db, sql: "SELECT 1 FROM referral WHERE ref = ?", arguments: [input.ref]) == true {
                        clashes.append(CaseError.Problem(field: "\(fileName):\(line): referral_ref", "\(input.ref) already exists", hint: .replaceExisting))
                    }
                }
                if !clashes.isEmpty { throw CaseError(.invalid, clashes) }
            }
            for (line, input) in inputs {
                let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM referral WHERE ref = ?", arguments: [input.ref]) == true
                do {
                    _ = try referrals.insert(db, input, by: actor, update: update)
                } catch let error as CaseError {
                    throw error.prefixed("\(fileName):\(line): ")
                }
                if exists { summary.updated += 1 } else { summary.added += 1 }
            }
            try Audit.record(db, actor: actor, action: "import", entity: "referral", entityID: nil,
                             detail: "added=\(summary.added) updated=\(summary.updated)")
            return summary
        }
    }
}
