import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCore
@testable import MaracStore

/// The serial flag is asked on every row of triage and the agenda: its count
/// must be one covering index range (v19), never a visit to each referral;
/// incidents count too, from their own covering range (v24).
@Suite struct PerpetratorVictimsTests {
    @Test func theSerialCountReadsTheCoveringIndexOnly() throws {
        let test = try TestDatabase()
        try test.database.writer.read { db in
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + PerpetratorVictims.countSQL, arguments: ["perpetrator": 1, "from": "2023-01-01", "through": "2026-01-01"])
                .map { $0["detail"] as String }.joined(separator: " | ")
            #expect(plan.contains("COVERING INDEX referral_by_perpetrator (perpetrator_id=? AND referred_on>? AND referred_on<?)"), "\(plan)")
            #expect(plan.contains("COVERING INDEX incident_by_perpetrator (perpetrator_id=? AND occurred_on>? AND occurred_on<?)"), "\(plan)")
            #expect(!plan.contains("SCAN referral") && !plan.contains("SCAN incident"), "\(plan)")
        }
    }

    /// The harm ranking walks every perpetrator: in index order, so grouping
    /// needs no sort and no temporary table however many there are.
    @Test func theRankingScanGroupsInIndexOrderWithoutATemporaryTable() throws {
        let test = try TestDatabase()
        try test.database.writer.read { db in
            let arguments: StatementArguments = ["from": "2023-01-01", "through": "2026-01-01", "yearStart": "2025-01-02"]
            for (sql, index) in [(PerpetratorActivityScan.referralSQL, "referral_by_perpetrator"), (PerpetratorActivityScan.incidentSQL, "incident_by_perpetrator")] {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                    .map { $0["detail"] as String }.joined(separator: " | ")
                #expect(plan.contains("INDEX \(index)"), "\(plan)")
                #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
            }
        }
    }
}
