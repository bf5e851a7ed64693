import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore

/// Issue 10, search: any part of any name, alias or child's name, ignoring
/// case and accents, ranked exact, prefix, substring, from the index.
@Suite struct SearchIndexTests {
    static func filled() throws -> TestDatabase {
        let test = try TestDatabase()
        try test.add("S-1", on: "2026-11-01", ["victim_name": "Siobhán O'Neill", "victim_dob": "1991-03-04", "victim_postcode": "BR1 3AB",
                                                "victim_aliases": "Shiv Neill", "children": "Ciarán O'Neill|2019-06-01|mother"])
        try test.add("S-2", on: "2026-11-02", ["victim_name": "Aoife O'Brien", "victim_dob": "1985-01-01", "perpetrator_name": "Liam Walsh"])
        try test.add("S-3", on: "2026-11-03", ["victim_name": "Mary Walsh", "victim_dob": "1979-07-07"])
        try test.add("S-4", on: "2026-11-04", ["victim_name": "Walsh", "victim_dob": "1970-01-01"])
        try test.add("S-5", on: "2026-11-05", ["victim_name": "Walshe Kerry", "victim_dob": "1972-01-01"])
        return test
    }

    @Test(arguments: [
        ("siobhan", "Siobhán O'Neill"), ("SIOBHÁN", "Siobhán O'Neill"), ("brien", "Aoife O'Brien"), ("o'brien", "Aoife O'Brien"),
        ("O’Neill", "Siobhán O'Neill"), ("neill", "Siobhán O'Neill"), ("shiv", "Siobhán O'Neill"), ("ciaran", "Siobhán O'Neill"),
        ("1991-03-04", "Siobhán O'Neill"), ("BR1", "Siobhán O'Neill"), ("oif", "Aoife O'Brien"),
    ])
    func anyPartOfAnyNameFindsThePerson(_ pair: (String, String)) throws {
        let test = try Self.filled()
        #expect(try test.session.searchPeople(pair.0).map(\.name).contains(pair.1), "\(pair.0)")
    }

    @Test func aliasesAndChildrenSayWhatMatched() throws {
        let test = try Self.filled()
        let alias = try #require(try test.session.searchPeople("shiv").first)
        #expect(alias.alias == "Shiv Neill" && alias.name == "Siobhán O'Neill")
        let child = try #require(try test.session.searchPeople("ciarán").first)
        #expect(child.child == "Ciarán O'Neill" && child.role == .victim)
    }

    @Test func rankedExactThenPrefixThenSubstring() throws {
        let test = try Self.filled()
        let names = try test.session.searchPeople("walsh").map(\.name)
        // Exact, then the names starting "walsh", then those containing it.
        #expect(names.first == "Walsh")
        #expect(names.firstIndex(of: "Walshe Kerry")! < names.firstIndex(of: "Mary Walsh")!)
        #expect(Set(names) == ["Walsh", "Walshe Kerry", "Mary Walsh", "Liam Walsh"])
    }

    @Test func shortQueriesMatchTheStartOfANameOnly() throws {
        let test = try Self.filled()
        #expect(Set(try test.session.searchPeople("wa").map(\.name)) == ["Walsh", "Walshe Kerry"])
        #expect(Set(try test.session.searchPeople("m").map(\.name)) == ["Mary Walsh"])
        #expect(try test.session.searchPeople("'").isEmpty)
    }

    @Test func aChildRemovedOnEditNoLongerFindsTheVictim() throws {
        let test = try Self.filled()
        #expect(!(try test.session.searchPeople("ciaran")).isEmpty)
        let current = try test.session.referral("S-1")
        var fields = TestDatabase.fields("S-1", on: "2026-11-01", ["victim_name": "Siobhán O'Neill", "victim_dob": "1991-03-04",
                                                                   "children": "Róisín O'Neill|2020-02-02|mother"])
        fields["version"] = nil
        _ = try test.session.editReferral(fields, openedAtVersion: current.referral.version, reason: "names corrected")
        #expect(try test.session.searchPeople("ciaran").isEmpty)
        #expect(try test.session.searchPeople("roisin").first?.child == "Róisín O'Neill")
        // The trigram index agrees with its content table after the delete.
        try test.database.writer.read { db in
            let check = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person_search_text WHERE person_search_text MATCH '\"ciaran\"'")
            #expect(check == 0)
        }
        try test.database.writer.write { db in
            try db.execute(sql: "INSERT INTO person_search_text (person_search_text, rank) VALUES ('integrity-check', 1)")
        }
    }

    /// Every name in `person_search` is in the full-text index (a trigram
    /// per three-character window), and the index holds nothing else. SQLite 3.40's `integrity-check` does not compare an external
    /// content table with its index, so this counts the index's own entries.
    static func fullTextIndexProblems(_ db: Database) throws -> [String] {
        try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.indexed USING fts5vocab(main, 'person_search_text', 'instance')")
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.id, length(s.folded) AS characters, COALESCE(i.entries, 0) AS entries
            FROM person_search s LEFT JOIN (SELECT doc, COUNT(*) AS entries FROM temp.indexed GROUP BY doc) i ON i.doc = s.id
            """)
        var problems: [String] = rows.compactMap { row in
            let id: Int64 = row["id"], characters: Int = row["characters"], entries: Int = row["entries"]
            return entries == max(0, characters - 2) ? nil : "person_search \(id): \(entries) index entries for \(characters) characters"
        }
        let strays = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM temp.indexed WHERE doc NOT IN (SELECT id FROM person_search)") ?? 0
        if strays > 0 { problems.append("\(strays) index entries for no name") }
        return problems
    }

    /// Migration v10 moved the full-text insert from a trigger into the store
    /// (issue 11): names added by a referral, an import, an edit that changes
    /// children, and (SchemaTests) names backfilled under v8 then added under
    /// v10, all indexed.
    @Test func everyNameIsInTheFullTextIndex() throws {
        let test = try Self.filled()
        let header = CSV.row(["referral_ref", "referred_on", "referring_agency", "victim_name", "victim_aliases", "children", "perpetrator_name"])
        let csv = header + CSV.row(["I-1", "2026-11-10", "police", "Zoë Kowalska", "Zo Kowal;ZK", "Kasia Kowalska|2018-01-01|mother", "Piotr Nowak"])
            + CSV.row(["I-2", "2026-11-11", "idva", "Siobhán O'Neill", "", "", "Piotr Nowak"])
        _ = try test.session.importReferrals(csv: csv, fileName: "f.csv", update: false)
        let current = try test.session.referral("S-1")
        var fields = TestDatabase.fields("S-1", on: "2026-11-01", ["victim_name": "Siobhán O'Neill", "victim_dob": "1991-03-04",
                                                                   "children": "Róisín O'Neill|2020-02-02|mother"])
        fields["version"] = nil
        _ = try test.session.editReferral(fields, openedAtVersion: current.referral.version, reason: "names corrected")
        #expect(try test.count("SELECT COUNT(*) FROM person_search") >= 12)
        #expect(try test.database.writer.write(Self.fullTextIndexProblems) == [])
        // The check can fail: an index entry for no name, and a name not indexed.
        // (A rowid indexed twice is no fault: FTS5 keeps the newest entry.)
        let tampered = try test.database.writer.write { db in
            try db.execute(sql: "INSERT INTO person_search_text (rowid, folded) VALUES (999999, 'ghost name')")
            try db.execute(sql: "INSERT INTO person_search (person_id, source, folded) VALUES (1, 'name', 'not indexed')")
            return try Self.fullTextIndexProblems(db)
        }
        #expect(tampered.count == 2, "\(tampered)")
    }

    @Test func outOfScopePeopleAreNotFound() throws {
        let test = try Self.filled()
        try test.session.addUser(login: "idva1", name: "An IDVA", roles: [.idva], agency: nil)
        let idva = Session(database: test.database, actor: Actor("idva1"), clock: test.clock)
        _ = try idva.logReferral(TestDatabase.fields("MINE", on: "2026-11-06", ["victim_name": "Niamh Walsh", "victim_dob": "1999-09-09"]))
        #expect(try idva.searchPeople("walsh").map(\.name) == ["Niamh Walsh"])
        #expect(try idva.searchPeople("siobhan").isEmpty)
        #expect(try idva.searchPeople("ciaran").isEmpty)
    }

    /// An IDVA's search starts from their own few cases: ranked and limited the same way.
    @Test func anIDVAsSearchFromTheirOwnCasesRanksTheSameWay() throws {
        let test = try Self.filled()
        try test.session.addUser(login: "idva1", name: "An IDVA", roles: [.idva], agency: nil)
        let idva = Session(database: test.database, actor: Actor("idva1"), clock: test.clock)
        for (ref, name, dob) in [("I-1", "Niamh Walsh", "1990-01-01"), ("I-2", "Walsh", "1991-01-01"), ("I-3", "Walshe Brid", "1992-01-01")] {
            _ = try idva.logReferral(TestDatabase.fields(ref, on: "2026-11-06", ["victim_name": name, "victim_dob": dob,
                                                                                 "children": "Siobhán Óg|2020-01-01|mother", "victim_postcode": "BR2 5AB"]))
        }
        // A postcode from their own cases only (the coordinator's BR1 3AB is not theirs).
        #expect(Set(try idva.searchPeople("BR2").map(\.postcode)) == ["BR2 5AB"])
        #expect(try idva.searchPeople("BR1").isEmpty)
        #expect(try idva.searchPeople("walsh").map(\.name) == ["Walsh", "Walshe Brid", "Niamh Walsh"])
        #expect(try idva.searchPeople("wa").map(\.name) == ["Walsh", "Walshe Brid"])
        #expect(try idva.searchPeople("siobhan og").first?.child == "Siobhán Óg")
        // The coordinator's Siobhán O'Neill is not theirs.
        #expect(!(try idva.searchPeople("siobhan").map(\.name).contains("Siobhán O'Neill")))
        #expect(try idva.searchPeople("liam").isEmpty) // Liam Walsh is the perpetrator in a case not theirs
    }

    /// An IDVA with more cases than `fewCases`: the index drives and each rank
    /// reads at most `budget` names before the scope check. With room, the
    /// same people in the same order as from their cases; with a tiny budget,
    /// fewer (type more), and never anyone out of scope.
    @Test func aLargeCaseloadReadsABoundedNumberOfNames() throws {
        let test = try Self.filled()
        try test.session.addUser(login: "idva1", name: "An IDVA", roles: [.idva], agency: nil)
        let idva = Session(database: test.database, actor: Actor("idva1"), clock: test.clock)
        for (ref, name, dob) in [("I-1", "Niamh Walsh", "1990-01-01"), ("I-2", "Walsh", "1991-01-01"), ("I-3", "Walshe Brid", "1992-01-01")] {
            _ = try idva.logReferral(TestDatabase.fields(ref, on: "2026-11-06", ["victim_name": name, "victim_dob": dob, "victim_postcode": "BR1 5AB"]))
        }
        let grant = Grant(scopes: [.ownCases])
        let scope = ScopeSQL.referral(grant, login: "idva1", today: test.clock.today)
        let ids = try #require(ScopeSQL.ownCaseIDs(grant, login: "idva1"))
        func search(_ query: String, fewCases: Int, budget: Int) throws -> [String] {
            try test.database.writer.read { db in
                try SearchService().people(db, matching: query, scope: scope, scopeIDs: ids, fewCases: fewCases, budget: budget).map(\.name)
            }
        }
        let mine = ["Niamh Walsh", "Walsh", "Walshe Brid"]
        #expect(try search("walsh", fewCases: 10, budget: 1) == ["Walsh", "Walshe Brid", "Niamh Walsh"])
        #expect(try search("walsh", fewCases: 1, budget: 1_000) == ["Walsh", "Walshe Brid", "Niamh Walsh"])
        #expect(try search("BR1", fewCases: 1, budget: 1_000).count == 3)
        // One name read per rank: the coordinator's Walsh (first in the index) uses up the exact rank.
        let bounded = try search("walsh", fewCases: 1, budget: 1)
        #expect(bounded.count < 3 && Set(bounded).isSubset(of: mine), "\(bounded)")
        #expect(try search("BR1", fewCases: 1, budget: 1).isEmpty) // the coordinator's BR1 3AB comes first
        // The bounded queries are answered from the index too.
        let plans = try test.database.writer.write { db -> [String] in
            var statements: [String] = []
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event, statement.sql.hasPrefix("SELECT"), !statement.sql.contains("EXPLAIN") {
                    statements.append(statement.expandedSQL)
                }
            }
            for query in ["walsh", "wa", "BR1"] {
                _ = try SearchService().people(db, matching: query, scope: scope, scopeIDs: ids, fewCases: 1, budget: 5)
            }
            db.trace(options: [], nil)
            return try statements.flatMap { sql in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String } }
        }
        #expect(!plans.isEmpty)
        // "SCAN s" is the materialised subquery of at most `budget` names; the tables themselves are never scanned.
        #expect(plans.contains("MATERIALIZE s"))
        for detail in plans {
            #expect(!detail.hasPrefix("SCAN p") && !detail.hasPrefix("SCAN s ") && !detail.hasPrefix("SCAN person"), "\(detail)")
        }
    }

    /// Every name query is answered from an index: never a scan of people or names.
    @Test(arguments: ["walsh", "wa", "1991-03-04", "BR1"])
    func searchNeverScans(_ query: String) throws {
        let test = try Self.filled()
        let plans = try test.database.writer.write { db -> [String] in
            var plans: [String] = []
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event, statement.sql.hasPrefix("SELECT"), !statement.sql.contains("EXPLAIN") {
                    plans.append(statement.expandedSQL)
                }
            }
            _ = try SearchService().people(db, matching: query)
            db.trace(options: [], nil)
            return try plans.flatMap { sql in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
            }
        }
        #expect(!plans.isEmpty)
        for detail in plans {
            #expect(!detail.hasPrefix("SCAN p") && !detail.hasPrefix("SCAN s") && !detail.hasPrefix("SCAN person"), "\(query): \(detail)")
        }
    }
}
