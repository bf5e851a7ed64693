import Foundation
import Testing

/// `marac backup` and `marac restore` through the real binary, with the real
/// `age` as the other end: a backup any admin can open with age alone, and a
/// restore that brings back every table and refuses anything doubtful.
@Suite struct BackupCLITests {
    /// A demo database with meetings, attendance, actions, audit and access rows.
    static func demo() throws -> MaracRun {
        let marac = try MaracRun()
        #expect(try marac("demo", "--seed", "3").status == 0)
        let ref = try #require(try marac.referrals().first?["ref"] as? String)
        #expect(try marac("referral", "show", "--plain", ref).status == 0)
        return marac
    }

    static func sqlite(_ db: String, _ sql: String, in folder: URL) throws -> String {
        let result = try PackCLITests.tool("/usr/bin/sqlite3", [db, sql], in: folder)
        #expect(result.status == 0, "\(result.err)")
        return String(decoding: result.out, as: UTF8.self)
    }

    /// Every table's rows, in a stable order, as the sqlite3 shell prints them.
    static func dump(_ db: String, in folder: URL, skippingLastAuditRow: Bool = false) throws -> [String: String] {
        var tables: [String: String] = [:]
        for table in try sqlite(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", in: folder).split(separator: "\n") {
            let filter = table == "audit" && skippingLastAuditRow ? " WHERE id < (SELECT max(id) FROM audit)" : ""
            let width = Int(try sqlite(db, "SELECT count(*) FROM pragma_table_info('\(table)')", in: folder)
                .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 1
            let order = (1...max(width, 1)).map(String.init).joined(separator: ", ")
            tables[String(table)] = try sqlite(db, "SELECT * FROM \"\(table)\"\(filter) ORDER BY \(order)", in: folder)
        }
        return tables
    }

    @Test func aBackupOpensWithAgeAndRestoresEveryTable() throws {
        let marac = try Self.demo()
        let key = try PackCLITests.keygen(marac, "backup-key.txt")
        let spare = try PackCLITests.keygen(marac, "spare-key.txt")
        let before = try Self.dump(marac.db, in: marac.folder)
        let out = marac.folder.appendingPathComponent("nightly.age").path

        let backup = try marac("backup", "--out", out, "--recipient", key.publicKey, "--recipient", spare.publicKey)
        #expect(backup.status == 0, "\(backup.err)")
        #expect(try PackCLITests.mode(out) == 0o600)
        // No plain copy is left beside the database.
        let left = try FileManager.default.contentsOfDirectory(atPath: marac.folder.path).filter { $0.hasPrefix(".marac-backup") }
        #expect(left.isEmpty)
        // The standard tool opens it with either key, to an SQLite database.
        let opened = try PackCLITests.ageDecrypt(marac, key: spare.file, out)
        #expect(opened.status == 0, "\(opened.err)")
        #expect(opened.out.prefix(16) == Data("SQLite format 3\0".utf8))
        // The backup is in the source's audit trail, with how it was protected.
        #expect(try Self.sqlite(marac.db, "SELECT action || ' ' || detail FROM audit ORDER BY id DESC LIMIT 1", in: marac.folder)
            .contains("backup"))

        let restored = marac.folder.appendingPathComponent("restored.db").path
        let restore = try marac.run(["--db", restored, "restore", out, "--identity", key.file])
        #expect(restore.status == 0, "\(restore.err)")
        let after = try Self.dump(restored, in: marac.folder, skippingLastAuditRow: true)
        #expect(Set(after.keys) == Set(before.keys))
        for (table, rows) in before where table != "audit" {
            #expect(after[table] == rows, "table \(table) differs")
        }
        // The source's trail went on with the backup row; the copy stops before it, then records the restore.
        #expect(before["audit"] == after["audit"])
        #expect(try Self.sqlite(restored, "SELECT action FROM audit ORDER BY id DESC LIMIT 1", in: marac.folder) == "restore\n")
        let verify = try marac.run(["--db", restored, "audit", "verify"])
        #expect(verify.status == 0, "\(verify.err)")
        #expect(try PackCLITests.mode(restored) == 0o600)
        // Statuses, meetings and actions came back, not only referrals.
        let closed = try Self.sqlite(restored, "SELECT count(*) FROM referral WHERE status = 'closed'", in: marac.folder)
        #expect(closed == (try Self.sqlite(marac.db, "SELECT count(*) FROM referral WHERE status = 'closed'", in: marac.folder)))
        #expect(Int(closed.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 0)
    }

    @Test func aPassphraseBackupRestoresWithThePassphraseOnly() throws {
        let marac = try Self.demo()
        let out = marac.folder.appendingPathComponent("pass.age").path
        let secret = ["MARAC_PASSPHRASE": "harbour lantern violet"]
        let backup = try marac.run(["--db", marac.db, "backup", "--out", out, "--passphrase"], environment: secret)
        #expect(backup.status == 0, "\(backup.err)")
        let target = marac.folder.appendingPathComponent("r.db").path
        let wrong = try marac.run(["--db", target, "restore", out, "--passphrase"], environment: ["MARAC_PASSPHRASE": "harbour lantern"])
        #expect(wrong.status == 65)
        #expect(wrong.errorLines.count == 1 && wrong.errorLines[0].contains("passphrase"), "\(wrong.err)")
        #expect(!FileManager.default.fileExists(atPath: target))
        let right = try marac.run(["--db", target, "restore", out, "--passphrase"], environment: secret)
        #expect(right.status == 0, "\(right.err)")
        #expect(try marac.run(["--db", target, "audit", "verify"]).status == 0)
    }

    @Test func aBackupIsNeverPlainAndABadOrForeignFileNeverBecomesADatabase() throws {
        let marac = try Self.demo()
        let key = try PackCLITests.keygen(marac, "k.txt")
        let other = try PackCLITests.keygen(marac, "other.txt")
        let out = marac.folder.appendingPathComponent("b.age").path

        let unprotected = try marac("backup", "--out", out)
        #expect(unprotected.status == 64 && unprotected.errorLines.count == 1, "\(unprotected.err)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let badKey = try marac("backup", "--out", out, "--recipient", "age1notakey")
        #expect(badKey.status == 65 && !FileManager.default.fileExists(atPath: out), "\(badKey.err)")

        #expect(try marac("backup", "--out", out, "--recipient", key.publicKey).status == 0)
        let target = marac.folder.appendingPathComponent("r.db").path
        // Someone else's key.
        let foreign = try marac.run(["--db", target, "restore", out, "--identity", other.file])
        #expect(foreign.status == 65, "\(foreign.err)")
        // Cut short, and one byte changed inside the payload.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        let cut = marac.folder.appendingPathComponent("cut.age")
        try bytes.prefix(bytes.count / 2).write(to: cut)
        var flipped = bytes
        flipped[bytes.count - 100] ^= 0x01
        let altered = marac.folder.appendingPathComponent("altered.age")
        try flipped.write(to: altered)
        for file in [cut.path, altered.path] {
            let refused = try marac.run(["--db", target, "restore", file, "--identity", key.file])
            #expect(refused.status == 65, "\(refused.err)")
            #expect(refused.errorLines.count == 1, "\(refused.err)")
        }
        // A backup with an altered audit row, re-encrypted: the chain says so.
        let plain = marac.folder.appendingPathComponent("plain.db").path
        #expect(try PackCLITests.tool("/usr/bin/age", ["-d", "-i", key.file, "-o", plain, out], in: marac.folder).status == 0)
        _ = try Self.sqlite(plain, "DROP TRIGGER audit_no_update; UPDATE audit SET detail = 'nothing to see' WHERE id = 5", in: marac.folder)
        let tampered = marac.folder.appendingPathComponent("tampered.age").path
        #expect(try PackCLITests.tool("/usr/bin/age", ["-r", key.publicKey, "-o", tampered, plain], in: marac.folder).status == 0)
        let chain = try marac.run(["--db", target, "restore", tampered, "--identity", key.file])
        #expect(chain.status == 65)
        #expect(chain.err.contains("audit chain is broken"), "\(chain.err)")
        #expect(!FileManager.default.fileExists(atPath: target))
        // Never over an existing database.
        let over = try marac.run(["--db", marac.db, "restore", out, "--identity", key.file])
        #expect(over.status == 65 && over.err.contains("already exists"), "\(over.err)")
        let staging = try FileManager.default.contentsOfDirectory(atPath: marac.folder.path).filter { $0.hasPrefix(".marac-restore") }
        #expect(staging.isEmpty)
    }
}
