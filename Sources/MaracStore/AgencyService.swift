import Foundation
import GRDB
import MaracCore

/// The agencies at the table: the 14 SafeLives routes (seeded, fixed) and the
/// local agencies a partnership adds (a specialist BME service, a named refuge).
public struct AgencyService: Sendable {
    package init() {}

    public struct Agency: Sendable, Equatable {
        public var code: String
        public var name: String
        public var isRoute: Bool
    }

    package func list(_ db: Database) throws -> [Agency] {
        // A partnership has tens of agencies, not thousands: one read is a page.
        try Row.fetchAll(db, sql: "SELECT code, name, is_route FROM agency ORDER BY is_route DESC, code LIMIT 1000").map { row in
            let r = RecordReader(row, table: "agency")
            return Agency(code: try r.value("code"), name: try r.value("name"), isRoute: try r.value("is_route"))
        }
    }

    package func add(_ db: Database, code text: String, name: String, by actor: Actor) throws {
        let code: AgencyCode
        do { code = try AgencyCode(validating: text, field: "code") } catch { throw CaseError(error) }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw CaseError(.invalid, field: "name", "is required") }
        do { try FieldLimits.check("name", name, maxLength: 120, multiLine: false) } catch { throw CaseError(error) }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM agency WHERE code = ?", arguments: [code.rawValue]) == true {
            throw CaseError(.invalid, field: "code", "\(code) already exists")
        }
        try db.execute(sql: "INSERT INTO agency (code, name, is_route) VALUES (?, ?, 0)", arguments: [code.rawValue, name])
        try Audit.record(db, actor: actor, action: "create", entity: "agency", entityID: nil, detail: code.rawValue)
    }
}
