import Foundation
import GRDB
import MaracCore

/// The agencies at the table: the 14 SafeLives routes (seeded, fixed) and the
/// local agencies a partnership adds (a specialist BME service, a named refuge).
/// Read and written inside the caller's transaction; the use-case layer checks
/// codes, names and keys and records each change.
public struct AgencyService: Sendable {
    package init() {}

    /// Whether an agency with this code sits at the table.
    package func isKnown(_ db: Database, code: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM agency WHERE code = ?", arguments: [code]) == true
    }

    package func list(_ db: Database) throws -> [Agency] {
        // A partnership has tens of agencies, not thousands: one read is a page.
        try Row.fetchAll(db, sql: "SELECT code, name, is_route, age_recipient FROM agency ORDER BY is_route DESC, code LIMIT 1000").map(agency)
    }

    /// One agency, with its stored key's text; nil when there is no such agency.
    package func find(_ db: Database, code: String) throws -> Agency? {
        try Row.fetchOne(db, sql: "SELECT code, name, is_route, age_recipient FROM agency WHERE code = ?", arguments: [code]).map(agency)
    }

    /// Writes a local agency (not a route).
    package func insert(_ db: Database, code: String, name: String) throws {
        try db.execute(sql: "INSERT INTO agency (code, name, is_route) VALUES (?, ?, 0)", arguments: [code, name])
    }

    /// Writes an agency's age public key, replacing any earlier one.
    package func setKey(_ db: Database, code: String, key: String) throws {
        try db.execute(sql: "UPDATE agency SET age_recipient = ? WHERE code = ?", arguments: [key, code])
    }

    private func agency(_ row: Row) throws -> Agency {
        let r = RecordReader(row, table: "agency")
        return Agency(code: try r.value("code"), name: try r.value("name"), isRoute: try r.value("is_route"),
                      ageRecipient: try r.value("age_recipient"))
    }
}
