import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore

/// Issue 11: the faster write paths give exactly what the slower ones gave.
@Suite struct LapseBatchTests {
    /// `count` old referrals of many victims in every status, some with a
    /// recent referral of the same victim (so they must not lapse).
    static func fill(_ test: TestDatabase, count: Int) throws {
        try test.add("SEED", on: "2024-01-01")
        let statuses = ReferralStatus.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        try test.database.writer.write { db in
            try db.execute(sql: """
                WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
                INSERT INTO person (role, name, name_key, dob, gender)
                SELECT 'victim', 'V ' || i, 'v ' || i, '1990-01-01', 'female' FROM k
                """, arguments: [count / 3])
            let firstVictim = try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM person WHERE name_key LIKE 'v %'")!
            try db.execute(sql: """
                WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?),
                     s(n, status) AS (SELECT ROW_NUMBER() OVER () - 1, value FROM json_each('[' || ? || ']'))
                INSERT INTO referral (ref, referred_on, referring_agency, victim_id, ric_version, risk_band, criteria, status,
                                      created_at, created_by, updated_at, updated_by)
                SELECT 'L-' || i, CASE WHEN i % 11 = 0 THEN '2026-06-01' ELSE date('2023-01-01', '+' || (i % 500) || ' days') END,
                       'police', ? + i % ?, 'safelives-24', 'high', '',
                       (SELECT status FROM s WHERE n = i % (SELECT COUNT(*) FROM s)), 'x', 'seed', 'x', 'seed'
                FROM k
                """, arguments: [count, statuses.replacingOccurrences(of: "'", with: "\""), firstVictim, count / 3])
        }
    }

    static func outcome(_ test: TestDatabase) throws -> (statuses: [String], audit: [String]) {
        try test.database.writer.read { db in
            (try String.fetchAll(db, sql: "SELECT ref || ':' || status || ':' || version FROM referral ORDER BY ref"),
             try String.fetchAll(db, sql: """
                SELECT entity_id || ':' || actor || ':' || detail FROM audit WHERE action = 'status' ORDER BY entity_id
                """))
        }
    }

    @Test func batchesGiveTheSameStatusesAndAuditRowsAsOneRun() throws {
        let one = try TestDatabase(today: "2026-11-24"), many = try TestDatabase(today: "2026-11-24")
        try Self.fill(one, count: 3_000)
        try Self.fill(many, count: 3_000)
        // What is due, by the rule as plain SQL.
        let due = try one.count("""
            SELECT COUNT(*) FROM referral r WHERE r.status IN (\(ReferralStatus.lapsable.map { "'\($0.rawValue)'" }.joined(separator: ", ")))
              AND r.referred_on < '2025-11-24'
              AND NOT EXISTS (SELECT 1 FROM referral l WHERE l.victim_id = r.victim_id AND l.referred_on >= '2025-11-24')
            """)
        #expect(due > 1_000)
        let session = many.session
        let auditBefore = try many.count("SELECT COUNT(*) FROM audit")
        let recentLapsed = "SELECT COUNT(*) FROM referral WHERE status = 'lapsed' AND referred_on >= '2025-11-24'"
        let recentBefore = try many.count(recentLapsed)
        #expect(try one.session.lapseDueCases(batchSize: 1_000_000) == due)
        #expect(try session.lapseDueCases(batchSize: 97) == due)
        #expect(try Self.outcome(one).statuses == Self.outcome(many).statuses)
        #expect(try Self.outcome(one).audit == Self.outcome(many).audit)
        #expect(try many.count("SELECT COUNT(*) FROM audit") == auditBefore + due)
        #expect(try many.count(recentLapsed) == recentBefore)
        // Every batch chained its audit rows.
        if case .broken(_, let message) = try AuditChain.verify(many.database) { Issue.record("chain broken: \(message)") }
        // Nothing is left: a second run lapses none.
        #expect(try many.session.lapseDueCases(batchSize: 97) == 0)
    }

    @Test func aReferralAddedDuringALapseIsNotKeptWaiting() throws {
        let test = try TestDatabase(today: "2026-11-24")
        try Self.fill(test, count: 4_000)
        let path = test.folder.appendingPathComponent("marac.db").path
        let lapsing = DispatchSemaphore(value: 0)
        let done = Locked(false)
        let lapsed = Locked(0)
        let session = test.session
        Thread.detachNewThread {
            lapsed.set((try? session.lapseDueCases(batchSize: 200)) ?? -1)
            done.set(true)
            lapsing.signal()
        }
        // A second coordinator, in their own connection, adds referrals while it runs.
        let other = Session(database: try MaracDatabase(path: path), actor: test.actor, clock: test.clock)
        var waits: [Double] = []
        var n = 0
        while !done.get() || n == 0 {
            n += 1
            let start = Date()
            // "Other Person 1" and "Other Person 2", born the same day, are a near match: new people on purpose (issue 20).
            _ = try other.logReferral(TestDatabase.fields("ADD-\(n)", on: "2026-11-20", ["victim_name": "Other Person \(n)"]),
                                      identity: IdentityChoices(victim: .new))
            waits.append(Date().timeIntervalSince(start))
            usleep(20_000)
        }
        lapsing.wait()
        #expect(lapsed.get() > 500)
        #expect(waits.max()! < 1.0, "slowest add took \(waits.max()!) s")
        #expect(try test.count("SELECT COUNT(*) FROM referral WHERE ref LIKE 'ADD-%'") == n)
    }
}

/// The figures snapshot written in one statement holds what the seven
/// subqueries it replaced computed.
@Suite struct VictimDetailsCopyTests {
    @Test func snapshotMatchesThePersonRows() throws {
        let test = try TestDatabase(today: "2026-11-24")
        try test.add("S-1", on: "2026-03-01", ["victim_postcode": "BR1 1AA", "victim_ethnicity": "asian", "police_reference": "PR-9"])
        try test.add("S-2", on: "2026-04-30", ["victim_name": "Someone", "victim_dob": "2000-04-30", "perpetrator_name": "", "perpetrator_dob": ""])
        try test.add("S-3", on: "2026-04-29", ["victim_name": "Other", "victim_dob": "2000-04-30", "perpetrator_dob": ""])
        let mismatches = try test.count("""
            SELECT COUNT(*) FROM referral r JOIN person v ON v.id = r.victim_id LEFT JOIN person p ON p.id = r.perpetrator_id
            WHERE r.victim_age IS NOT (CASE WHEN v.dob IS NULL THEN NULL ELSE \(FiguresService.age(dob: "v.dob", on: "r.referred_on")) END)
               OR r.victim_district IS NOT v.postcode_district OR r.victim_gender IS NOT v.gender
               OR r.victim_ethnicity IS NOT v.ethnicity OR r.victim_disability IS NOT v.disability OR r.victim_lgbt IS NOT v.lgbt
               OR r.perpetrator_age IS NOT (CASE WHEN p.dob IS NULL THEN NULL ELSE \(FiguresService.age(dob: "p.dob", on: "r.referred_on")) END)
            """)
        #expect(mismatches == 0)
        #expect(try test.count("SELECT victim_age FROM referral WHERE ref = 'S-2'") == 26)
        #expect(try test.count("SELECT victim_age FROM referral WHERE ref = 'S-3'") == 25)
        #expect(try test.count("SELECT COUNT(*) FROM referral WHERE ref = 'S-1' AND victim_district = 'BR1' AND police_reference = 'PR-9'") == 1)
    }

}

final class Locked<T: Sendable>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    init(_ value: T) { self.value = value }
    func get() -> T { lock.withLock { value } }
    func set(_ new: T) { lock.withLock { value = new } }
}
