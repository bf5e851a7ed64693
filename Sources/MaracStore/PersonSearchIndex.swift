import GRDB
import MaracCore

/// Keeps `person_search` (the folded-name index, migration v8) in step with
/// every name the store writes. Runs inside the caller's transaction.
package struct PersonSearchIndex: Sendable {
    /// Whether `add` writes the full-text row itself (from v10 on). Only
    /// migration v8 passes false: a trigger did it then.
    let fillsText: Bool

    package init(fillsText: Bool = true) { self.fillsText = fillsText }

    package enum Source: String, Sendable { case name, alias, child }

    package func add(_ db: Database, personID: Int64, _ source: Source, name: String, aliasID: Int64? = nil, childID: Int64? = nil) throws {
        let folded = NameFolding.fold(name)
        guard !folded.isEmpty else { return }
        try db.cachedStatement(sql: "INSERT INTO person_search (person_id, source, alias_id, child_id, folded) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [personID, source.rawValue, aliasID, childID, folded])
        if fillsText {
            try db.cachedStatement(sql: "INSERT INTO person_search_text (rowid, folded) VALUES (?, ?)")
                .execute(arguments: [db.lastInsertedRowID, folded])
        }
    }

    /// Fills the index for rows written before it existed, a batch of
    /// statements at a time through cursors (never every name in memory).
    package func backfill(_ db: Database) throws {
        let people = try Row.fetchCursor(db, sql: "SELECT id, name FROM person")
        while let row = try people.next() { try add(db, personID: row[0], .name, name: row[1]) }
        let aliases = try Row.fetchCursor(db, sql: "SELECT id, person_id, name FROM person_alias")
        while let row = try aliases.next() { try add(db, personID: row[1], .alias, name: row[2], aliasID: row[0]) }
        let children = try Row.fetchCursor(db, sql: "SELECT c.id, r.victim_id, c.name FROM child c JOIN referral r ON r.id = c.referral_id")
        while let row = try children.next() { try add(db, personID: row[1], .child, name: row[2], childID: row[0]) }
    }
}
