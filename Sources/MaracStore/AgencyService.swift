import Foundation
import GRDB
import MaracAge
import MaracCore

/// The agencies at the table: the 14 SafeLives routes (seeded, fixed) and the
/// local agencies a partnership adds (a specialist BME service, a named refuge).
public struct AgencyService: Sendable {
    package init() {}


    /// Whether an agency with this code sits at the table.
    package func isKnown(_ db: Database, code: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM agency WHERE code = ?", arguments: [code]) == true
    }

    package func list(_ db: Database) throws -> [Agency] {
        // A partnership has tens of agencies, not thousands: one read is a page.
        try Row.fetchAll(db, sql: "SELECT code, name, is_route, age_recipient FROM agency ORDER BY is_route DESC, code LIMIT 1000").map { row in
            let r = RecordReader(row, table: "agency")
            return Agency(code: try r.value("code"), name: try r.value("name"), isRoute: try r.value("is_route"),
                          ageRecipient: try r.value("age_recipient"))
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

    /// Stores an agency's age public key (replacing any earlier one). The key
    /// must parse as an `age1…` X25519 public key.
    package func setKey(_ db: Database, code: String, key text: String, by actor: Actor) throws {
        let key: AgePublicKey
        do { key = try AgePublicKey(parsing: text) } catch {
            throw CaseError(.invalid, field: "key", "not an age public key: expected age1 followed by 58 letters and digits, as age-keygen prints")
        }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM agency WHERE code = ?", arguments: [code]) == true else {
            throw CaseError(.invalid, field: "agency", "no such agency")
        }
        try db.execute(sql: "UPDATE agency SET age_recipient = ? WHERE code = ?", arguments: [key.description, code])
        try Audit.record(db, actor: actor, action: "set_key", entity: "agency", entityID: nil, detail: "\(code) \(key)")
    }

    /// An agency's stored key: nil when it has none; an error when there is no such agency.
    package func key(_ db: Database, code: String) throws -> AgePublicKey? {
        guard let row = try Row.fetchOne(db, sql: "SELECT age_recipient FROM agency WHERE code = ?", arguments: [code]) else {
            throw CaseError(.invalid, field: "agency", "no such agency")
        }
        guard let text: String = try RecordReader(row, table: "agency").value("age_recipient") else { return nil }
        do { return try AgePublicKey(parsing: text) } catch {
            throw CaseError(.storage, "agency \(code): its stored key cannot be read")
        }
    }
}
