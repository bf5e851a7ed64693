import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore

/// The triage page is read per band in queue order from `referral_by_status`
/// (issue 11): the pages must be exactly the whole queue sorted by Core's
/// urgency, then longest waiting, then the order referrals arrived, and the
/// plan must never sort or scan the referrals to find a page.
@Suite struct TriagePageTests {
    /// 40 waiting referrals over four bands and a few days (several on one day),
    /// plus some already screened in, which must never show.
    static func filled() throws -> TestDatabase {
        let test = try TestDatabase()
        let answers = [String(repeating: "Y", count: 14) + String(repeating: "N", count: 10),   // high
                       String(repeating: "Y", count: 11) + String(repeating: "N", count: 13),   // medium
                       String(repeating: "Y", count: 3) + String(repeating: "N", count: 21),    // standard
                       ""]                                                                      // not completed
        for i in 0..<40 {
            try test.add("T-\(i)", on: "2026-11-\(String(format: "%02d", 1 + (i * 7) % 5))",
                         ["victim_name": "Victim \(i)", "ric_answers": answers[(i * 3) % 4]])
        }
        for i in 0..<6 {
            try test.add("S-\(i)", on: "2026-11-0\(1 + i % 5)", ["victim_name": "Screened \(i)"])
            try test.screenInOnly("S-\(i)")
        }
        return test
    }

    @Test func pagesFollowTheWholeQueueInOrder() throws {
        let test = try Self.filled()
        let whole = try test.session.triageQueue(limit: 100)
        #expect(whole.waiting == 40)
        let expected = whole.page.sorted { ($0.band.urgency, $0.referredOn.description, $0.id) < ($1.band.urgency, $1.referredOn.description, $1.id) }
        #expect(whole.page.map(\.ref) == expected.map(\.ref))
        #expect(Set(whole.page.map(\.ref)) == Set((0..<40).map { "T-\($0)" }))
        #expect(Set(whole.page.map(\.band)).count == 4)
        var paged: [String] = []
        for offset in stride(from: 0, to: 45, by: 7) {
            let page = try test.session.triageQueue(limit: 7, offset: offset).page
            #expect(page.count == min(7, max(0, 40 - offset)))
            paged += page.map(\.ref)
        }
        #expect(paged == expected.map(\.ref))
        // The waiting count is remembered until the audit chain moves: every change shows at once.
        try test.add("T-new", on: "2026-11-20", ["victim_name": "Victim new"])
        #expect(try test.session.triageQueue(limit: 1).waiting == 41)
        try test.screenInOnly("T-0")
        try test.screenInOnly("T-1")
        #expect(try test.session.triageQueue(limit: 1).waiting == 39)
    }

    @Test func thePageIsReadFromTheStatusIndexWithoutSortingTheQueue() throws {
        let test = try Self.filled()
        let plan = try test.database.writer.write { db -> [String] in
            var statements: [String] = []
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event, statement.sql.contains("referral_by_status") || statement.sql.contains("UNION ALL") {
                    statements.append(statement.expandedSQL)
                }
            }
            _ = try ReferralQueries.triageQueue(db, limit: 20)
            db.trace(options: [], nil)
            #expect(statements.count == 1)
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + (statements.first ?? "SELECT 1")).map { $0["detail"] as String }
        }
        // One index range per band, in order; the only sort is of the four bands' pages.
        #expect(plan.filter { $0.contains("USING INDEX referral_by_status (status=?)") }.count == 4, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN r") || $0.contains("referral_by_band") }, "\(plan)")
    }
}
