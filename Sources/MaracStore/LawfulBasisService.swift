import Foundation
import GRDB
import MaracCore

/// The MARAC's list of lawful bases for sharing a case without consent (as
/// its information-sharing protocol names them). Bases are added, never
/// changed or removed: referrals recorded under one keep pointing at its text.
public struct LawfulBasisService: Sendable {
    package init() {}

    package func list(_ db: Database) throws -> [LawfulBasis] {
        // A MARAC has a handful of bases: one read is a page.
        try Row.fetchAll(db, sql: "SELECT code, text FROM lawful_basis ORDER BY code LIMIT 1000").map { row in
            let r = RecordReader(row, table: "lawful_basis")
            return LawfulBasis(code: try r.value("code"), text: try r.value("text"))
        }
    }

    package func add(_ db: Database, code codeText: String, text lawText: String, by actor: Actor, at now: String) throws {
        let code: String, law: String
        do {
            code = try LawfulBasis.checkCode(codeText)
            law = try LawfulBasis.checkText(lawText)
        } catch {
            throw CaseError(error)
        }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM lawful_basis WHERE code = ?", arguments: [code]) == true {
            throw CaseError(.invalid, field: "code", "\(code) already exists; a basis is never changed (add one with a new code)")
        }
        try db.execute(sql: "INSERT INTO lawful_basis (code, text, created_at, created_by) VALUES (?, ?, ?, ?)",
                       arguments: [code, law, now, actor.name])
        try Audit.record(db, actor: actor, action: "create", entity: "lawful_basis", entityID: nil, detail: code)
    }
}
