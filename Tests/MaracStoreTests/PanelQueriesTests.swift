import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCore
@testable import MaracStore

/// The panel's queries asked on every referral and every meeting made are
/// index ranges (v21), never a scan of the panel's tables.
@Suite struct PanelQueriesTests {
    static func plan(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> String {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }.joined(separator: " | ")
    }

    @Test func onePerpetratorOnThePanelAndReviewsDueAreIndexRanges() throws {
        let test = try TestDatabase()
        try test.database.writer.read { db in
            let open = try Self.plan(db, "SELECT id FROM panel_referral WHERE perpetrator_id = ? AND state <> 'closed'", [1])
            #expect(open.contains("USING INDEX panel_referral_on_panel (perpetrator_id=?)"), "\(open)")
            let due = try Self.plan(db, PanelService.dueForReviewSQL, ["2026-12-01"])
            #expect(due.contains("USING INDEX panel_intervention_to_review (review_due<?)"), "\(due)")
            #expect(!due.contains("SCAN"), "\(due)")
        }
    }

    @Test func aSecondOpenReferralOfOnePerpetratorIsRefusedByTheSchemaToo() throws {
        let test = try TestDatabase()
        try test.database.writer.write { db in
            try db.execute(sql: "INSERT INTO person (id, role, name, name_key) VALUES (7, 'perpetrator', 'P', 'p')")
            let service = PanelService(clock: test.clock)
            _ = try service.insertReferral(db, perpetratorID: 7, referredOn: Day("2026-11-24")!, by: Actor("c"), fromReferralID: nil,
                                           criteria: [.serial], reason: "r")
            #expect(throws: (any Error).self) {
                _ = try service.insertReferral(db, perpetratorID: 7, referredOn: Day("2026-11-24")!, by: Actor("c"), fromReferralID: nil,
                                               criteria: [], reason: "again")
            }
        }
    }
}
