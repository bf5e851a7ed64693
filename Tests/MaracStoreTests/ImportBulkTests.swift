import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore

/// The set-based import (issue 11) against adding the same rows one at a
/// time with `ReferralWriter.add` (the path a single referral takes), on
/// random files over a database that already knows some of the people: every
/// table must come out the same, ids included, apart from the moment each
/// row was written and the audit chain's hashes over those moments.
@Suite struct ImportBulkTests {
    static let header = ["referral_ref", "referred_on", "referring_agency", "victim_name", "victim_dob", "victim_gender",
                         "victim_ethnicity", "victim_disability", "victim_lgbt", "victim_postcode", "victim_aliases", "children",
                         "perpetrator_name", "perpetrator_dob", "ric_score", "consent", "sharing_reason", "lawful_basis",
                         "heard_on", "police_reference", "safe_to_call"]

    /// A random file: a few people met again and again (their names spelled
    /// with other cases and spaces, details given, left unknown or changed),
    /// aliases met twice, children, shared perpetrators, dates out of order.
    static func randomFile(_ g: inout some RandomNumberGenerator, rows: Int, prefix: String) -> String {
        let victims = [("Amina Begum", "1990-05-01"), ("Zoë Kowalska", "1985-02-03"), ("Siobhán O'Neill", "1991-03-04"),
                       ("Mary Walsh", ""), ("Rhiannon Price", "1979-07-07")]
        let perpetrators = [("Daniel Smith", "1988-02-02"), ("Piotr Nowak", ""), ("Carl Price", "1970-01-01")]
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &g)] }
        var text = CSV.row(header)
        for i in 0..<rows {
            let victim = pick(victims)
            let spelled = Bool.random(using: &g) ? victim.0 : victim.0.uppercased().replacingOccurrences(of: " ", with: "  ")
            let perpetrator: (String, String)? = Int.random(in: 0..<4, using: &g) == 0 ? nil : pick(perpetrators)
            let consent = pick(["", "given", "not_sought"])
            let day = "2026-\(String(format: "%02d", Int.random(in: 1...10, using: &g)))-\(String(format: "%02d", Int.random(in: 1...28, using: &g)))"
            text += CSV.row([
                "\(prefix)-\(i)", day, pick(["police", "idva", "housing"]), spelled, victim.1,
                pick(["", "unknown", "female", "male"]), pick(["", "unknown", "white", "asian"]), pick(["", "unknown", "yes", "no"]),
                pick(["", "unknown", "yes"]), pick(["", "", "BR1 3AB", "SE6 2XY"]), pick(["", "", "Ami B", "ami  b;Zee", "Shiv"]),
                pick(["", "", "Kasia Kowalska|2018-01-01|mother", "Róisín O'Neill|2020-02-02|mother;Liam Walsh||"]),
                perpetrator?.0 ?? "", perpetrator?.1 ?? "", String(Int.random(in: 0...24, using: &g)),
                consent, consent == "not_sought" ? "high_risk_of_serious_harm" : "", consent == "not_sought" ? LawfulBasis.seeded.code : "",
                day < "2026-08-01" && Bool.random(using: &g) ? "2026-10-15" : "", pick(["", "PR-\(i)"]), pick(["", "yes", "no"]),
            ])
        }
        return text
    }

    /// The same rows, one `ReferralWriter.add` each, in one transaction.
    static func rowByRow(_ test: TestDatabase, _ csv: String) throws {
        var reader = CSVReader(csv)
        let columns = try #require(try reader.next()).fields
        try test.database.writer.write { db in
            while let record = try reader.next() {
                let input = try ReferralInput.validate(Dictionary(uniqueKeysWithValues: zip(columns, record.fields)), today: test.clock.today)
                _ = try ReferralWriter(actor: test.actor, clock: test.clock).add(db, input)
            }
        }
    }

    /// Every table's rows, without the moments they were written and the
    /// hashes and search-row ids that follow from them.
    static func dump(_ test: TestDatabase) throws -> [String] {
        let moments: Set<String> = ["created_at", "updated_at", "consent_decided_at", "at", "hash"]
        return try test.database.writer.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                  AND name NOT LIKE 'person_search_text%' ORDER BY name
                """)
            return try tables.flatMap { table -> [String] in
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { row in
                    "\(table): " + row.columnNames.filter { !moments.contains($0) && !(table == "person_search" && $0 == "id") }
                        .map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: " ")
                }
                // The search rows' ids depend on the order they are written in; their content must match.
                return table == "person_search" ? rows.sorted() : rows
            }
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func theSetBasedImportWritesWhatRowByRowWould(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let bulk = try TestDatabase(), rows = try TestDatabase()
        _ = try bulk.session.whoAmI()
        _ = try rows.session.whoAmI()
        // Both start with the same people on record, some of whom the file meets again.
        let earlier = Self.randomFile(&g, rows: 6, prefix: "OLD")
        try Self.rowByRow(bulk, earlier)
        try Self.rowByRow(rows, earlier)
        let file = Self.randomFile(&g, rows: 40, prefix: "NEW")
        let summary = try bulk.session.importReferrals(csv: file, fileName: "f.csv", update: false)
        #expect(summary.added == 40)
        try Self.rowByRow(rows, file)
        // The import's own summary row is the one difference in the trail.
        let bulkDump = try Self.dump(bulk).filter { !$0.contains("action=\"import\"") && !$0.hasPrefix("access") }
        let rowsDump = try Self.dump(rows).filter { !$0.hasPrefix("access") }
        #expect(bulkDump.count == rowsDump.count)
        for (a, b) in zip(bulkDump, rowsDump) where a != b {
            Issue.record("bulk: \(a)\nrows: \(b)")
            break
        }
        #expect(try bulk.database.writer.write(SearchIndexTests.fullTextIndexProblems) == [])
        guard case .intact = try bulk.session.verifyAuditTrail() else { Issue.record("the audit chain breaks"); return }
    }
}
