import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore

/// Demo fills its tables with most of their indexes dropped and builds them
/// at the end (issue 11): afterwards the schema must be the reviewed one,
/// every index whole and in use.
@Suite struct DemoIndexTests {
    @Test func afterTheFillTheSchemaIsTheReviewedOneAndEveryIndexIsWhole() throws {
        let test = try TestDatabase()
        let before = try test.database.writer.read(SchemaTests.objects)
        _ = try test.session.fillDemo(seed: 5, size: .small)
        let after = try test.database.writer.read(SchemaTests.objects)
        #expect(after == before)
        let reviewed = try DatabaseQueue()
        try reviewed.write { db in try db.execute(sql: try String(contentsOf: SchemaTests.schemaFile, encoding: .utf8)) }
        #expect(after == (try reviewed.read(SchemaTests.objects)))
        // Each rebuilt index holds exactly its table's rows (integrity_check
        // compares every index entry with its row), and the planner uses them.
        try test.database.writer.read { db in
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM action WHERE status = 'open' AND due_on < '2026-11-24'")
                .map { $0["detail"] as String }.joined()
            #expect(plan.contains("action_by_status_due"))
        }
        // The full-text rows, filled once at the end, agree with the names.
        #expect(try test.database.writer.write(SearchIndexTests.fullTextIndexProblems) == [])
        #expect(try test.session.searchPeople(try test.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT name FROM person WHERE role = 'victim' ORDER BY id DESC LIMIT 1") ?? "" }).isEmpty == false)
        // Only indexes are dropped and built again: the deferred list never
        // names a unique constraint (SQLite's own indexes have no SQL).
        #expect(try test.count("SELECT COUNT(*) FROM referral") > 0)
        #expect(DemoData.indexesReadWhileFilling.isSubset(of: Set(after.keys.compactMap { $0.hasPrefix("index ") ? String($0.dropFirst(6)) : nil })))
    }
}
