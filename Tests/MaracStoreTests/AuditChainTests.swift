import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCore
@testable import MaracStore

/// The audit chain on real SQLite files: every change and every read is a link;
/// editing, removing or adding a row outside marac breaks the chain at that row.
@Suite struct AuditChainTests {
    /// A database with a few changes and reads, and the head after them.
    static func populated() throws -> (TestDatabase, Int64, Int64) {
        let test = try TestDatabase()
        let first = try test.add("BR-2026-0001", on: "2026-11-01")
        let second = try test.add("BR-2026-0002", on: "2026-11-02", ["victim_name": "Jo Bloggs", "victim_dob": "1985-01-01"])
        try test.database.setSetting(Settings.adultFemalePopulation, "130000", by: test.actor)
        try test.database.writer.write { db in
            try Access.record(db, actor: Actor("idva1"), useCase: "referral.show", referralIDs: [first], personIDs: [1, 2], reason: nil)
            try Access.record(db, actor: Actor("agency1"), useCase: "search", referralIDs: [second, first, first], personIDs: [], reason: nil)
            try Access.record(db, actor: Actor("police1"), useCase: "referral.show", referralIDs: [second], personIDs: [],
                              reason: "victim at A&E tonight", kind: .breakGlass)
        }
        return (test, first, second)
    }

    static func breakChain(_ test: TestDatabase, _ sql: String) throws {
        // As the sqlite3 shell would: triggers dropped, foreign keys off.
        try test.database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            for table in ["audit", "access", "access_referral", "access_person"] {
                try db.execute(sql: "DROP TRIGGER IF EXISTS \(table)_no_update; DROP TRIGGER IF EXISTS \(table)_no_delete")
            }
            try db.execute(sql: sql)
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
    }

    @Test func changesAndReadsFormOneIntactChain() throws {
        let (test, _, _) = try AuditChainTests.populated()
        let audits = try test.count("SELECT COUNT(*) FROM audit"), accesses = try test.count("SELECT COUNT(*) FROM access")
        #expect(audits == 3 && accesses == 3)
        // One shared sequence: positions 1...6 with no gaps or repeats across both tables.
        let positions = try test.database.writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT seq FROM audit UNION ALL SELECT seq FROM access ORDER BY 1")
        }
        #expect(positions == Array(1...6))
        guard case .intact(let head) = try AuditChain.verify(test.database) else { Issue.record("chain broken"); return }
        #expect(head.count == 6)
        #expect(head == (try AuditChain.anchor(test.database)))
        #expect(try AuditChain.verify(test.database, anchor: head) == .intact(head))
        // Each row's hash is SHA-256 over the previous hash and its content: 32 bytes, all different.
        let hashes = try test.database.writer.read { db in
            try Data.fetchAll(db, sql: "SELECT hash FROM audit UNION ALL SELECT hash FROM access")
        }
        #expect(hashes.allSatisfy { $0.count == 32 } && Set(hashes).count == 6)
    }

    @Test func anAnchorRoundTripsAsText() throws {
        let (test, _, _) = try AuditChainTests.populated()
        let head = try AuditChain.anchor(test.database)
        #expect(AuditAnchor(head.description) == head)
        #expect(AuditAnchor(head.description.uppercased()) == head)
        #expect(AuditAnchor("abc:3") == nil)
        #expect(AuditAnchor(String(repeating: "g", count: 64) + ":3") == nil)
        #expect(AuditAnchor(String(repeating: "0", count: 64) + ":-1") == nil)
        // An empty trail's anchor is the genesis hash and 0 rows.
        let empty = try TestDatabase()
        #expect(try AuditChain.anchor(empty.database).description == String(repeating: "0", count: 64) + ":0")
        #expect(try AuditChain.verify(empty.database, anchor: AuditAnchor(String(repeating: "0", count: 64) + ":0")!)
                == .intact(AuditAnchor(hash: AuditChain.genesis, count: 0)))
    }

    @Test func readsAreFoundByReferralByPersonAndBreakGlass() throws {
        let (test, first, second) = try AuditChainTests.populated()
        let log = AccessLog()
        try test.database.writer.read { db in
            let firstReads = try log.forReferral(db, id: first, limit: 10).items
            #expect(firstReads.map(\.actor) == ["agency1", "idva1"])
            #expect(firstReads[0].useCase == "search" && firstReads[0].referralsShown == 2) // the repeated id counted once
            #expect(try log.forReferral(db, id: second, limit: 10).items.map(\.actor) == ["police1", "agency1"])
            #expect(try log.forPerson(db, id: 2, limit: 10).items.map(\.actor) == ["idva1"])
            #expect(try log.forPerson(db, id: 99, limit: 10).items.isEmpty)
            let glass = try log.breakGlass(db, limit: 10).items
            #expect(glass.count == 1)
            #expect(glass[0].actor == "police1" && glass[0].kind == .breakGlass && glass[0].reason == "victim at A&E tonight")
            #expect(glass[0].refs == ["BR-2026-0002"])
            // Paging: newest first, one at a time.
            let page = try log.forReferral(db, id: first, limit: 1)
            #expect(page.items.map(\.actor) == ["agency1"] && page.next != nil)
            #expect(try log.forReferral(db, id: first, before: Int64(page.next!)!, limit: 1).items.map(\.actor) == ["idva1"])
        }
    }

    /// An empty result identifies no one: no access row. (That break-glass
    /// needs a reason is the use case's rule now: `AccessReasonTests`, and
    /// `UseCaseTests` through the session, nothing written.)
    @Test func emptyReadsAreNotRecorded() throws {
        let test = try TestDatabase()
        let written = try test.database.writer.write { db in
            try Access.record(db, actor: test.actor, useCase: "search", referralIDs: [], personIDs: [], reason: nil)
        }
        #expect(written == nil)
        #expect(try test.count("SELECT COUNT(*) FROM access") == 0)
    }

    @Test func aReadRollsBackWithItsTransaction() throws {
        let test = try TestDatabase()
        struct Failed: Error {}
        #expect(throws: Failed.self) {
            try test.database.writer.write { db in
                try Access.record(db, actor: test.actor, useCase: "export", referralIDs: [1, 2], personIDs: [3], reason: nil)
                throw Failed()
            }
        }
        #expect(try test.count("SELECT COUNT(*) FROM access") == 0)
        #expect(try test.count("SELECT COUNT(*) FROM access_referral") == 0)
    }

    @Test(arguments: ["UPDATE audit SET actor = 'mallory'", "DELETE FROM audit",
                      "UPDATE access SET reason = NULL", "DELETE FROM access",
                      "UPDATE access_referral SET referral_id = 99", "DELETE FROM access_referral",
                      "UPDATE access_person SET person_id = 99", "DELETE FROM access_person"])
    func triggersRefuseChangesToTheTrail(sql: String) throws {
        let (test, _, _) = try AuditChainTests.populated()
        let before = try AuditChain.anchor(test.database)
        #expect {
            try test.database.writer.write { db in try db.execute(sql: sql) }
        } throws: { error in
            (error as? DatabaseError)?.message?.contains("append-only") == true
        }
        #expect(try AuditChain.verify(test.database, anchor: before) == .intact(before))
    }

    /// Each tampering, done as an attacker with the file would (triggers
    /// dropped first), is caught at the row it touched.
    @Test(arguments: [
        ("UPDATE audit SET actor = 'mallory' WHERE seq = 2", 2, "does not match its hash"),
        ("UPDATE audit SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 1", 1, "does not match its hash"),
        ("UPDATE audit SET detail = detail || ' ' WHERE seq = 3", 3, "does not match its hash"),
        ("DELETE FROM audit WHERE seq = 2", 2, "is missing"),
        ("DELETE FROM access WHERE seq = 4", 4, "is missing"),
        ("UPDATE access SET actor = 'someone-else' WHERE seq = 5", 5, "does not match its hash"),
        ("UPDATE access SET kind = 'read' WHERE seq = 6", 6, "does not match its hash"),
        ("DELETE FROM access_referral WHERE access_id = 1", 4, "does not match its hash"),
        ("DELETE FROM access_person WHERE access_id = 1 AND person_id = 2", 4, "does not match its hash"),
        ("INSERT INTO access_referral (access_id, referral_id) VALUES (2, 77)", 5, "does not match its hash"),
        ("INSERT INTO access_person (access_id, person_id) VALUES (9, 1)", 7, "not in the chain"),
        ("INSERT INTO audit (at, actor, action, entity, detail) VALUES ('2026-11-24T00:00:00.000Z', 'x', 'create', 'referral', '')", 4, "no place in the chain"),
        ("INSERT INTO audit (at, actor, action, entity, detail, seq, hash) VALUES ('2026-11-24T00:00:00.000Z', 'x', 'create', 'referral', '', 7, zeroblob(32))", 7, "does not match its hash"),
        ("INSERT INTO access (seq, at, actor, use_case, hash) VALUES (3, '2026-11-24T00:00:00.000Z', 'x', 'search', zeroblob(32))", 7, "out of order"),
        ("UPDATE audit SET seq = seq + 1 WHERE seq = 3", 4, "claimed twice"),
    ] as [(String, Int64, String)])
    func tamperingIsCaughtAtTheRow(sql: String, position: Int64, says: String) throws {
        let (test, _, _) = try AuditChainTests.populated()
        try AuditChainTests.breakChain(test, sql)
        guard case .broken(let at, let message) = try AuditChain.verify(test.database) else {
            Issue.record("\(sql) went unnoticed"); return
        }
        #expect(at == position, "\(sql): \(message)")
        #expect(message.contains(says), "\(sql): \(message)")
    }

    @Test func onlyTheAnchorCatchesATrailCutShortOrRewrittenWholesale() throws {
        let (test, _, _) = try AuditChainTests.populated()
        let anchor = try AuditChain.anchor(test.database)
        try AuditChainTests.breakChain(test, "DELETE FROM access WHERE seq >= 5; DELETE FROM access_referral WHERE access_id >= 2")
        // Without the anchor the shorter trail is a valid chain: say so honestly.
        guard case .intact(let shorter) = try AuditChain.verify(test.database) else { Issue.record("expected a valid prefix"); return }
        #expect(shorter.count == 4)
        guard case .broken(let at, let message) = try AuditChain.verify(test.database, anchor: anchor) else {
            Issue.record("truncation went unnoticed"); return
        }
        #expect(at == 5 && message.contains("cut short"))

        // A trail whose rows were all re-hashed after an edit: the anchor's row no longer matches.
        let other = try TestDatabase()
        try other.database.setSetting(Settings.retentionMonths, "24", by: Actor("someone"))
        try other.database.setSetting(Settings.retentionMonths, "36", by: Actor("someone"))
        try other.database.setSetting(Settings.retentionMonths, "48", by: Actor("someone"))
        let foreign = try AuditChain.anchor(other.database)
        guard case .broken(let row, let text) = try AuditChain.verify(test.database, anchor: AuditAnchor(hash: foreign.hash, count: 3)) else {
            Issue.record("a foreign anchor passed"); return
        }
        #expect(row == 3 && text.contains("does not match the anchor"))
    }

    /// Rows written before the chain existed are chained by the migration.
    @Test func theMigrationChainsExistingRows() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("marac-v1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("marac.db").path
        do {
            let queue = try DatabaseQueue(path: path)
            try Migrations.migrator.migrate(queue, upTo: "v1: referrals, people, meetings, actions, audit")
            try queue.write { db in
                for i in 1...5 {
                    try db.execute(sql: "INSERT INTO audit (at, actor, action, entity, entity_id, detail) VALUES (?, 'old', 'set', 'setting', NULL, ?)",
                                   arguments: ["2025-01-0\(i)T00:00:00.000Z", "k=\(i)"])
                }
                try db.execute(sql: "DELETE FROM audit WHERE id = 2") // v1 allowed it; the gap in ids is not a gap in the chain
            }
        }
        let database = try MaracDatabase(path: path)
        guard case .intact(let head) = try AuditChain.verify(database) else { Issue.record("migrated chain broken"); return }
        #expect(head.count == 4)
        try database.setSetting(Settings.retentionMonths, "24", by: Actor("new"))
        guard case .intact(let after) = try AuditChain.verify(database, anchor: head) else { Issue.record("chain broken after a write"); return }
        #expect(after.count == 5)
        #expect(try database.writer.read { db in try Int64.fetchAll(db, sql: "SELECT seq FROM audit ORDER BY id") } == [1, 2, 3, 4, 5])
    }
}
