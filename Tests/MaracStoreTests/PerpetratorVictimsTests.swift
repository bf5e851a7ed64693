import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCore
@testable import MaracStore

/// The serial flag is asked on every row of triage and the agenda: its count
/// must be one covering index range (v19), never a visit to each referral.
@Suite struct PerpetratorVictimsTests {
    @Test func theSerialCountReadsTheCoveringIndexOnly() throws {
        let test = try TestDatabase()
        try test.database.writer.read { db in
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + PerpetratorVictims.countSQL, arguments: [1, "2023-01-01", "2026-01-01"])
                .map { $0["detail"] as String }.joined(separator: " | ")
            #expect(plan.contains("COVERING INDEX referral_by_perpetrator (perpetrator_id=? AND referred_on>? AND referred_on<?)"), "\(plan)")
        }
    }
}
