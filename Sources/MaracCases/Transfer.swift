internal import MaracStore
internal import GRDB
import MaracCore

/// Moving referrals in and out in the import format.
extension Session {
    /// Imports a CSV file in one transaction, each row checked and written as
    /// it is read: all of it, or nothing and every problem listed.
    public func importReferrals(csv text: String, fileName: String, update: Bool, force: Bool = false) throws(CaseError) -> ImportSummary {
        try importReferrals(csv: CSVReader(text), fileName: fileName, update: update, force: force)
    }

    /// The same from a reader, so a file can be read a chunk at a time.
    public func importReferrals(csv reader: CSVReader, fileName: String, update: Bool, force: Bool = false) throws(CaseError) -> ImportSummary {
        let referralImport = ReferralImport(actor: actor, clock: clock)
        // Refused before the file is even read when the person may not import.
        try read(.importReferrals) { _, _ in }
        return try write(.importReferrals) { db, _ in
            try requireRealDatabase(db)
            return try referralImport.run(db, csv: reader, fileName: fileName, update: update, force: force)
        }
    }

    /// One page of the export, rows in the field table's column order; its
    /// reading is recorded with where it went (a pack's recipients, or plain).
    public func exportPage(afterID: Int64, limit: Int, destination: PackDestination = .terminal) throws(CaseError) -> (rows: [[String]], lastID: Int64?) {
        try write(.exportReferrals) { db, permit in
            let page = try ExportService().page(db, afterID: afterID, limit: limit)
            try recordAccess(db, permit, referralIDs: page.ids, reason: destination.accessReason)
            return (page.rows, page.lastID)
        }
    }

    /// Records that referrals left the system in an export.
    public func recordExport(rows: Int, destination: PackDestination) throws(CaseError) {
        let to = switch destination {
        case .terminal: "terminal"
        case .plainFile: "plain file"
        case .encrypted(let recipients): "pack for " + recipients.map(\.description).joined(separator: ", ")
        }
        try write(.exportReferrals) { db, _ in
            try Audit.record(db, actor: actor, action: "export", entity: "referral", entityID: nil, detail: "rows=\(rows) to=\(to)")
        }
    }
}
