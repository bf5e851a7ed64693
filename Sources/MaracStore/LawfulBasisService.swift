import Foundation
import GRDB
import MaracCore

/// The MARAC's list of lawful bases for sharing a case without consent (as
/// its information-sharing protocol names them). Bases are added, never
/// changed or removed: referrals recorded under one keep pointing at its text.
/// Read and written inside the caller's transaction; the use-case layer checks
/// a new basis and records it.
public struct LawfulBasisService: Sendable {
    package init() {}

    package func list(_ db: Database) throws -> [LawfulBasis] {
        // A MARAC has a handful of bases: one read is a page.
        try Row.fetchAll(db, sql: "SELECT code, text FROM lawful_basis ORDER BY code LIMIT 1000").map { row in
            let r = RecordReader(row, table: "lawful_basis")
            return LawfulBasis(code: try r.value("code"), text: try r.value("text"))
        }
    }

    /// Whether a basis with this code exists.
    package func exists(_ db: Database, code: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM lawful_basis WHERE code = ?", arguments: [code]) == true
    }

    package func insert(_ db: Database, code: String, text: String, by actor: Actor, at now: String) throws {
        try db.execute(sql: "INSERT INTO lawful_basis (code, text, created_at, created_by) VALUES (?, ?, ?, ?)",
                       arguments: [code, text, now, actor.name])
    }
}
