import GRDB

/// Moving referrals in and out in the import format.
extension Session {
    /// Imports a CSV file: every row checked first, then all written in one
    /// transaction, or nothing.
    public func importReferrals(csv text: String, fileName: String, update: Bool, force: Bool = false) throws(CaseError) -> ImportService.Summary {
        let service = ImportService(clock: clock)
        let inputs: [(line: Int, input: ReferralInput)]
        do { inputs = try service.check(csv: text, fileName: fileName) } catch { throw CaseError.from(error) }
        return try write { db in try service.write(db, inputs, fileName: fileName, by: actor, update: update, force: force) }
    }

    /// One page of the export, rows in the field table's column order.
    public func exportPage(afterID: Int64, limit: Int) throws(CaseError) -> (rows: [[String]], lastID: Int64?) {
        try read { db in try ExportService().page(db, afterID: afterID, limit: limit) }
    }

    /// Records that referrals left the system in an export.
    public func recordExport(rows: Int, destination: String) throws(CaseError) {
        try write { db in
            try Audit.record(db, actor: actor, action: "export", entity: "referral", entityID: nil, detail: "rows=\(rows) to=\(destination)")
        }
    }
}
