import Foundation
import GRDB
import MaracCore

/// The agencies at the table: the 14 SafeLives routes (seeded, fixed) and the
/// local agencies a partnership adds (a specialist BME service, a named refuge).
public struct AgencyService: Sendable {
    public let database: MaracDatabase

    public init(database: MaracDatabase) { self.database = database }

    public struct Agency: Sendable, Equatable {
        public var code: String
        public var name: String
        public var isRoute: Bool
    }

    public func list() throws -> [Agency] {
        // A partnership has tens of agencies, not thousands: one read is a page.
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT code, name, is_route FROM agency ORDER BY is_route DESC, code LIMIT 1000")
                .map { Agency(code: $0["code"], name: $0["name"], isRoute: $0["is_route"]) }
        }
    }

    public func add(code text: String, name: String, by actor: Actor) throws {
        let code: AgencyCode
        do { code = try AgencyCode(validating: text, field: "code") } catch { throw StoreError(.invalid, error.description) }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 120 else { throw StoreError(.invalid, "name: is required (up to 120 characters)") }
        try database.pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM agency WHERE code = ?", arguments: [code.rawValue]) == true {
                throw StoreError(.invalid, "code: \(code) already exists")
            }
            try db.execute(sql: "INSERT INTO agency (code, name, is_route) VALUES (?, ?, 0)", arguments: [code.rawValue, name])
            try Audit.record(db, actor: actor, action: "create", entity: "agency", entityID: nil, detail: code.rawValue)
        }
    }
}
