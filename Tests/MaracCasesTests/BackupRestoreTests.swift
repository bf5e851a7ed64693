import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore

/// Backups restore everything, not only referrals; a copy that is damaged,
/// tampered with, from a newer marac, or restored by a stranger never
/// becomes a database.
@Suite struct BackupRestoreTests {
    /// Every row of every table, in a stable order, as text.
    static func contents(ofDatabaseAt path: String) throws -> [String: [[String]]] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            var tables: [String: [[String]]] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                let width = try db.columns(in: table).count
                let order = (1...width).map(String.init).joined(separator: ", ")
                tables[table] = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\" ORDER BY \(order)").map { row in
                    row.databaseValues.map(\.description)
                }
            }
            return tables
        }
    }

    /// A real database with history in every table: demo meetings, attendance,
    /// actions and audit, plus access rows from reading a case.
    static func database() throws -> TestDatabase {
        let test = try TestDatabase()
        _ = try test.session.fillDemo(seed: 7, size: .small)
        let ref = try #require(try test.session.referrals(.init(), limit: 1).items.first?.ref)
        _ = try test.session.referral(ref)
        return test
    }

    static func restore(copy: String, into path: String, actor: Actor, clock: Clock) throws(CaseError) -> Session.Restored {
        try Session.restore(into: path, actor: actor, clock: clock) { handle in
            try handle.write(contentsOf: try Data(contentsOf: URL(fileURLWithPath: copy)))
        }
    }

    @Test func aBackupRestoresEveryTableAndTheChainStillHolds() throws {
        let test = try Self.database()
        let before = try Self.contents(ofDatabaseAt: test.database.path)
        #expect(before["meeting"]!.count > 0 && before["attendance"]!.count > 0 && before["action"]!.count > 0)
        #expect(before["access"]!.count > 0 && before["audit"]!.count > 0 && before["agenda_item"]!.count > 0)

        let kept = test.folder.appendingPathComponent("kept.db").path
        try test.session.backup { plain in
            try FileManager.default.copyItem(atPath: plain, toPath: kept)
            return "copied for the test"
        }
        // The plain copy's private folder is gone once the backup is delivered.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: test.folder.path).filter { $0.hasPrefix(".marac-backup") }
        #expect(leftovers.isEmpty)
        // The backup itself is in the source's audit trail, after the snapshot.
        let last = try test.database.writer.read { db in try Row.fetchOne(db, sql: "SELECT action, detail FROM audit ORDER BY id DESC LIMIT 1") }
        #expect(last?["action"] == "backup" && last?["detail"] == "copied for the test")

        let restoredPath = test.folder.appendingPathComponent("restored.db").path
        let restored = try Self.restore(copy: kept, into: restoredPath, actor: test.actor, clock: test.clock)
        #expect(!restored.upgraded)
        var after = try Self.contents(ofDatabaseAt: restoredPath)
        // The restore is the one row added, at the end of the restored trail.
        var restoredAudit = try #require(after["audit"])
        let restoreRow = restoredAudit.removeLast()
        after["audit"] = restoredAudit
        #expect(restoreRow[3] == "\"restore\"")
        for (table, rows) in before {
            #expect(after[table] == rows, "table \(table) differs after restore")
        }
        #expect(Set(after.keys) == Set(before.keys))
        let reopened = try MaracDatabase(path: restoredPath)
        guard case .intact(let head) = try AuditChain.verify(reopened) else {
            Issue.record("the restored audit chain does not verify"); return
        }
        #expect(head.count == restored.anchor.count + 1)
        let mode = try FileManager.default.attributesOfItem(atPath: restoredPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aSnapshotIsTakenWhileAnotherCoordinatorHoldsTheWriteLock() throws {
        let test = try Self.database()
        let other = try MaracDatabase(path: test.database.path)
        let copy = test.folder.appendingPathComponent("snap.db").path
        let referralsBefore = try test.count("SELECT count(*) FROM referral")
        try other.writer.write { db in
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('written-meanwhile', 'x')")
            // The writer's transaction is open and uncommitted: the snapshot neither waits nor sees it.
            try DatabaseBackup.snapshot(test.database, into: copy)
        }
        let copied = try Self.contents(ofDatabaseAt: copy)
        #expect(copied["referral"]!.count == referralsBefore)
        #expect(!copied["setting"]!.contains { $0.first == "\"written-meanwhile\"" })
        #expect(try test.count("SELECT count(*) FROM setting WHERE key = 'written-meanwhile'") == 1)
    }

    @Test func aTamperedCopyIsRefusedAndNothingIsLeftBehind() throws {
        let test = try Self.database()
        let copy = test.folder.appendingPathComponent("copy.db").path
        try DatabaseBackup.snapshot(test.database, into: copy)
        // Someone with the file drops the guard and rewrites who did something.
        let queue = try DatabaseQueue(path: copy)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER audit_no_update")
            try db.execute(sql: "UPDATE audit SET actor = 'mallory' WHERE id = 3")
        }
        try queue.close()
        let target = test.folder.appendingPathComponent("restored.db").path
        let refused = #expect(throws: CaseError.self) { _ = try Self.restore(copy: copy, into: target, actor: test.actor, clock: test.clock) }
        #expect(refused?.kind == .invalid)
        #expect(refused?.description.contains("audit chain is broken") == true, "\(String(describing: refused))")
        #expect(!FileManager.default.fileExists(atPath: target))
        let staging = try FileManager.default.contentsOfDirectory(atPath: test.folder.path).filter { $0.hasPrefix(".marac-restore") }
        #expect(staging.isEmpty)
    }

    @Test func aCopyFromANewerMaracOrNotADatabaseIsRefused() throws {
        let test = try Self.database()
        let copy = test.folder.appendingPathComponent("copy.db").path
        try DatabaseBackup.snapshot(test.database, into: copy)
        let queue = try DatabaseQueue(path: copy)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')") }
        try queue.close()
        let target = test.folder.appendingPathComponent("restored.db").path
        let newer = #expect(throws: CaseError.self) { _ = try Self.restore(copy: copy, into: target, actor: test.actor, clock: test.clock) }
        #expect(newer?.description.contains("newer or different marac") == true, "\(String(describing: newer))")

        let garbage = #expect(throws: CaseError.self) {
            _ = try Session.restore(into: target, actor: test.actor, clock: test.clock) { handle in
                try handle.write(contentsOf: Data(repeating: 0x41, count: 10_000))
            }
        }
        #expect(garbage?.kind == .invalid && garbage?.description.contains("not an SQLite database") == true, "\(String(describing: garbage))")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func restoreNeverReplacesADatabaseAndAStrangerCannotRestore() throws {
        let test = try TestDatabase()
        try test.session.addUser(login: "idva1", name: "I", roles: [.idva], agency: nil)
        try test.add("BR-1", on: "2026-11-01")
        let copy = test.folder.appendingPathComponent("copy.db").path
        try DatabaseBackup.snapshot(test.database, into: copy)

        let existing = #expect(throws: CaseError.self) {
            _ = try Self.restore(copy: copy, into: test.database.path, actor: test.actor, clock: test.clock)
        }
        #expect(existing?.kind == .conflict && existing?.description.contains("already exists") == true)
        #expect(try test.count("SELECT count(*) FROM referral") == 1)

        let target = test.folder.appendingPathComponent("restored.db").path
        for stranger in [Actor("nobody"), Actor("idva1")] {
            let refused = #expect(throws: CaseError.self) { _ = try Self.restore(copy: copy, into: target, actor: stranger, clock: test.clock) }
            #expect(refused?.kind == .notPermitted, "\(String(describing: refused))")
            #expect(!FileManager.default.fileExists(atPath: target))
        }
    }
}
