import GRDB
import MaracCore

/// v11: people are matched on names folded as search folds them (issue 20),
/// so every stored identity key is folded again. Data only: the schema is
/// unchanged. People already stored twice under two spellings stay two
/// records here; merging them is a person's decision, not a migration's.
enum IdentityFolding {
    static let name = "v11: identity keys folded as search folds names"

    /// Rows read and rewritten a thousand at a time by id, so memory holds one
    /// batch whatever the size of the file.
    static func migrate(_ db: Database) throws {
        let update = try db.makeStatement(sql: "UPDATE person SET name_key = ? WHERE id = ?")
        var after: Int64 = 0
        while true {
            // A purged person's key is empty and stays so.
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, name, name_key FROM person WHERE id > ? AND name_key <> '' ORDER BY id LIMIT 1000
                """, arguments: [after])
            guard let last = rows.last else { break }
            for row in rows {
                let folded = IdentityKey.normalise(row["name"])
                if folded != row["name_key"] as String { try update.execute(arguments: [folded, row["id"] as Int64]) }
            }
            after = last["id"]
        }
        // An alias's key only keeps one person's aliases distinct: one that
        // would now collide with another of the same person keeps its old key
        // (OR IGNORE), so no alias a person typed is lost.
        let alias = try db.makeStatement(sql: "UPDATE OR IGNORE person_alias SET name_key = ? WHERE id = ?")
        after = 0
        while true {
            let rows = try Row.fetchAll(db, sql: "SELECT id, name, name_key FROM person_alias WHERE id > ? ORDER BY id LIMIT 1000",
                                        arguments: [after])
            guard let last = rows.last else { break }
            for row in rows {
                let folded = IdentityKey.normalise(row["name"])
                if folded != row["name_key"] as String { try alias.execute(arguments: [folded, row["id"] as Int64]) }
            }
            after = last["id"]
        }
    }
}
