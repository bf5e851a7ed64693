import Foundation
internal import MaracStore
internal import GRDB

/// Loads referrals from the contract's CSV format. All or nothing: every
/// problem is reported as FILE:LINE: column: message, and one bad row means
/// nothing is written. The checks and their problems are here; the store
/// stages new rows and writes them set-based (`ImportBulk`), or replaces a
/// row at a time (`ReferralWriter`), in the caller's one transaction.
struct ReferralImport {
    let actor: Actor
    let clock: Clock

    /// Checks and writes the file in the caller's one transaction, a row at a
    /// time as it is read, so memory holds one row and the problems, never
    /// the rows (issue 11). All or nothing as before: after the first bad row
    /// nothing more is written, every later row is still checked so that
    /// every problem is listed, and any problem throws, which rolls the
    /// transaction back. As before, the database's own checks (a reference
    /// that already exists, a version that moved on) are reported only for a
    /// file whose rows are all valid.
    /// With `update`, a row carrying a `version` (as an export writes it) is
    /// refused when the stored referral has changed since that version, unless
    /// `force` (recorded in the audit trail).
    func run(_ db: Database, csv reader: CSVReader, fileName: String, update: Bool, force: Bool = false) throws -> ImportSummary {
        try ImportBulk.withLargeCache(db) { try runRows(db, csv: reader, fileName: fileName, update: update, force: force) }
    }

    /// A reading problem as an import error line: the file's encoding, or its CSV.
    static func problem(_ error: CSVSyntaxError, fileName: String) -> CaseError {
        CaseError(.invalid, field: "\(fileName):\(error.line): \(error.notText ? ImportLines.fileColumn : ImportLines.syntaxColumn)", error.message)
    }

    /// A row's own error, prefixed with where it is: the use cases' and Core's
    /// errors (and a stored row that cannot be read) as case errors; anything
    /// else (the database busy) passes unchanged.
    private static func rowError(_ error: any Error, _ prefix: String) -> any Error {
        switch error {
        case is CaseError, is ValidationFailure, is FieldError, StoreError.unreadable: CaseError.from(error).prefixed(prefix)
        default: error
        }
    }

    private func runRows(_ db: Database, csv reader: CSVReader, fileName: String, update: Bool, force: Bool) throws -> ImportSummary {
        var reader = reader
        func nextRecord() throws -> CSVRecord? {
            do { return try reader.next() } catch { throw Self.problem(error, fileName: fileName) }
        }
        guard let header = try nextRecord() else {
            throw CaseError(.invalid, field: "\(fileName):1: \(ImportLines.fileColumn)", "the file is empty; it needs a header row")
        }
        let columns = try Self.checkHeader(header, fileName: fileName)

        var problems: [String] = []                 // the rows' own problems
        var clashes: [CaseError.Problem] = []       // already in the database (without update)
        var stale: [CaseError.Problem] = []         // changed since the row's version (update without force)
        var linesByRef: [String: Int] = [:]
        var summary = ImportSummary(added: 0, updated: 0)
        // People added by this file are those after this id: their near matches are listed for review.
        let peopleBefore = try PersonMatching.lastPersonID(db)
        let today = clock.today
        let writer = ReferralWriter(actor: actor, clock: clock)
        // New referrals are staged and written set-based at the end
        // (ImportBulk); replacing existing ones (--update) goes row by row.
        let daraHigh = try ReferralRows.daraHigh(db)
        let bulk = update ? nil : ImportBulk(clock: clock, actor: actor, daraHigh: daraHigh)
        try bulk?.createStaging(db)
        defer { try? bulk?.dropStaging(db) }
        // Reading and checking the rows (and working out a new row's staging
        // values) is pure work, done on a second thread while this one, in
        // the transaction, writes (Handover); the rows come back in file order.
        try Handover.run(produce: { [reader] emit in
            var reader = reader
            while true {
                let record: CSVRecord?
                do throws(CSVSyntaxError) { record = try reader.next() } catch { throw Self.problem(error, fileName: fileName) }
                guard let record else { return }
                try emit(Self.check(record, columns: columns, today: today, fileName: fileName, bulk: bulk))
            }
        }, consume: { (checked: CheckedRecord) in
            let line = checked.line
            let input: ReferralInput, staged: Result<ImportBulk.StagedReferral, any Error>?
            switch checked {
            case .problems(_, let found):
                problems += found
                return
            case .valid(_, let valid, let prepared):
                input = valid; staged = prepared
            }
            if let first = linesByRef[input.ref] {
                problems.append("\(fileName):\(line): referral_ref: the same reference is also on line \(first)")
                return
            }
            linesByRef[input.ref] = line
            // A file with a bad row writes nothing: only the checks go on.
            guard problems.isEmpty else { return }
            let existing = try ReferralRows.stored(db, ref: input.ref)
            if let existing {
                if !update {
                    clashes.append(CaseError.Problem(field: "\(fileName):\(line): referral_ref", "\(input.ref) already exists", hint: .replaceExisting))
                    return
                }
                // A row exported at version N may only replace the record if it is
                // still at version N: an older export never reverts a newer edit,
                // and of two concurrent imports of the same rows one is refused.
                if !force, let expected = input.expectedVersion, existing.version != expected {
                    stale.append(CaseError.Problem(field: "\(fileName):\(line): version",
                                                   "\(input.ref) is at version \(existing.version), changed by \(existing.updatedBy) at \(existing.updatedAt) since this row's version \(expected)",
                                                   hint: .exportAgain))
                    return
                }
            }
            guard clashes.isEmpty, stale.isEmpty else { return }
            do {
                if let bulk, let staged {
                    try bulk.stage(db, try staged.get())
                } else {
                    _ = try writer.write(db, input, update: update, existing: existing)
                }
            } catch {
                throw Self.rowError(error, "\(fileName):\(line): ")
            }
            if existing != nil { summary.updated += 1 } else if bulk == nil { summary.added += 1 }
        })
        guard problems.isEmpty else { throw CaseError(.invalid, problems.map { CaseError.Problem($0) }) }
        if !clashes.isEmpty { throw CaseError(.invalid, clashes) }
        if !stale.isEmpty { throw CaseError(.conflict, stale) }
        if let bulk {
            // A lawful basis must be on this MARAC's list: the first row naming
            // one that is not, as adding the rows one by one would stop there.
            if let unknown = try bulk.firstUnknownLawfulBasis(db) {
                throw try ReferralWriter.unknownLawfulBasis(db, unknown.code).prefixed("\(fileName):\(unknown.line): ")
            }
            summary.added = try bulk.write(db) { try writer.recordCreated(db, $0) }
        }
        // An import never stops for a near match (issue 20): the rows are
        // written, and each pair is listed for the coordinator to merge or
        // dismiss (`person duplicates` lists them too).
        (summary.possibleDuplicates, summary.morePossibleDuplicates) = try PersonMatching.pairsOfPeopleAdded(
            db, after: peopleBefore, limit: ImportSummary.possibleDuplicatesListed)
        try Audit.record(db, actor: actor, action: "import", entity: "referral", entityID: nil,
                         detail: "added=\(summary.added) updated=\(summary.updated)" + (update && force ? " forced=yes (version check overridden)" : ""))
        return summary
    }

    /// One record as the checking thread leaves it.
    enum CheckedRecord: Sendable {
        /// The row's own problems, each line ready to print.
        case problems(line: Int, [String])
        /// A valid row, with its staging values when the import stages (or
        /// what working them out threw, reported if the row is reached).
        case valid(line: Int, ReferralInput, Result<ImportBulk.StagedReferral, any Error>?)

        var line: Int {
            switch self { case .problems(let line, _), .valid(let line, _, _): line }
        }
    }

    /// Checks one record: pure, no database (it runs on the checking thread).
    static func check(_ record: CSVRecord, columns: [String], today: Day, fileName: String, bulk: ImportBulk?) -> CheckedRecord {
        guard record.fields.count == columns.count else {
            return .problems(line: record.line, ["\(fileName):\(record.line): \(ImportLines.rowColumn): row has \(record.fields.count) fields; the header has \(columns.count)"])
        }
        // Cells an export neutralised against spreadsheet formulas come back exact.
        var fields: [String: String] = [:]
        fields.reserveCapacity(columns.count)
        for (column, value) in zip(columns, record.fields) { fields[column] = CSV.unneutralised(value) }
        let input: ReferralInput
        do { input = try ReferralInput.validate(fields, today: today) } catch {
            return .problems(line: record.line, error.problems.map { "\(fileName):\(record.line): \($0)" })
        }
        return .valid(line: record.line, input, bulk.map { bulk in Result { try bulk.prepare(line: record.line, input) } })
    }

    /// The header row's columns, lower-cased; every problem with it at once.
    private static func checkHeader(_ header: CSVRecord, fileName: String) throws -> [String] {
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
        return columns
    }
}
