import Foundation
import Testing

/// `marac audit verify` and `anchor` on the real binary, against a trail
/// tampered with by the sqlite3 shell as someone with the file would.
@Suite struct AuditCLITests {
    /// Runs the sqlite3 shell on the test's database (scripts/setup installs it).
    @discardableResult
    static func sqlite(_ marac: MaracRun, _ sql: String) throws -> (status: Int32, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", marac.db, sql]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    static let dropTriggers = ["audit", "access", "access_referral", "access_person"]
        .map { "DROP TRIGGER \($0)_no_update; DROP TRIGGER \($0)_no_delete;" }.joined()

    /// A database with six audit rows: the first login made its admin and
    /// coordinator, then one per setting change.
    static func trail() throws -> MaracRun {
        let marac = try MaracRun()
        for value in ["110000", "120000", "130000", "140000", "150000"] {
            #expect(try marac("config", "set", "adult-female-population", value).status == 0)
        }
        return marac
    }

    @Test func anUntouchedTrailVerifiesAndAnchors() throws {
        let marac = try AuditCLITests.trail()
        let verify = try marac("audit", "verify")
        #expect(verify.status == 0, "\(verify.err)")
        #expect(verify.out.contains("audit chain holds: 6 rows"))
        let anchor = try marac("audit", "anchor")
        #expect(anchor.status == 0)
        let text = anchor.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.range(of: "^[0-9a-f]{64}:6$", options: .regularExpression) != nil, "\(text)")
        #expect(try marac("audit", "verify", "--anchor", text).status == 0)
        // The trail still lists as before.
        let list = try marac("audit", "--format", "csv")
        #expect(list.status == 0 && list.out.contains("adult-female-population=150000"))
    }

    @Test func theTriggersRefuseEditsAndDeletes() throws {
        let marac = try AuditCLITests.trail()
        let update = try AuditCLITests.sqlite(marac, "UPDATE audit SET actor = 'mallory' WHERE id = 2")
        #expect(update.status != 0 && update.err.contains("append-only"))
        let delete = try AuditCLITests.sqlite(marac, "DELETE FROM audit WHERE id = 2")
        #expect(delete.status != 0 && delete.err.contains("append-only"))
        #expect(try marac("audit", "verify").status == 0)
    }

    @Test(arguments: [
        ("UPDATE audit SET actor = 'mallory', at = '2026-01-01T09:00:00.000Z' WHERE id = 3", "row 3 (audit id 3", "does not match its hash"),
        ("UPDATE audit SET detail = 'adult-female-population=1' WHERE id = 5", "row 5 (audit id 5", "does not match its hash"),
        ("DELETE FROM audit WHERE id = 4", "row 4 is missing", "deleted"),
        ("INSERT INTO audit (at, actor, action, entity, detail) VALUES ('2026-11-24T10:00:00.000Z', 'mallory', 'set', 'setting', 'x')",
         "audit id 7", "inserted"),
        ("INSERT INTO audit (at, actor, action, entity, detail, seq, hash) VALUES ('2026-11-24T10:00:00.000Z', 'mallory', 'set', 'setting', 'x', 7, randomblob(32))",
         "row 7 (audit id 7", "does not match its hash"),
    ] as [(String, String, String)])
    func tamperingIsCaughtNamingTheRow(sql: String, names: String, says: String) throws {
        let marac = try AuditCLITests.trail()
        let tamper = try AuditCLITests.sqlite(marac, AuditCLITests.dropTriggers + sql)
        #expect(tamper.status == 0, "\(tamper.err)")
        let verify = try marac("audit", "verify")
        #expect(verify.status == 65)
        #expect(verify.errorLines.count == 1, "\(verify.err)")
        let line = verify.errorLines.first ?? ""
        #expect(line.contains("audit chain broken") && line.contains(names) && line.contains(says), "\(line)")
        #expect(verify.out.isEmpty)
        // A broken chain has no anchor to give.
        #expect(try marac("audit", "anchor").status == 65)
    }

    @Test func aTrailCutShortShowsAgainstTheAnchor() throws {
        let marac = try AuditCLITests.trail()
        let anchor = try marac("audit", "anchor").out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try AuditCLITests.sqlite(marac, AuditCLITests.dropTriggers + "DELETE FROM audit WHERE id > 4").status == 0)
        // What is left is a valid chain of 4; only the anchor can tell it was longer.
        #expect(try marac("audit", "verify").status == 0)
        let verify = try marac("audit", "verify", "--anchor", anchor)
        #expect(verify.status == 65)
        #expect(verify.errorLines.count == 1 && verify.errorLines[0].contains("has 4 rows but the anchor records 6"), "\(verify.err)")
    }

    @Test func anAnchorFromEarlierStillHoldsAsTheTrailGrows() throws {
        let marac = try AuditCLITests.trail()
        let anchor = try marac("audit", "anchor").out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try marac("config", "set", "retention-months", "24").status == 0)
        #expect(try marac("audit", "verify", "--anchor", anchor).status == 0)
        // Rewriting an old row, even with the rest re-hashed, no longer matches the anchor's row.
        let wrong = String(repeating: "ab", count: 32) + ":3"
        let verify = try marac("audit", "verify", "--anchor", wrong)
        #expect(verify.status == 65 && verify.errorLines.first?.contains("row 3 does not match the anchor") == true, "\(verify.err)")
    }

    /// Several marac processes writing at once still leave one unbroken chain:
    /// each append reads the head inside its own IMMEDIATE transaction.
    @Test func concurrentWritersKeepOneChain() throws {
        let marac = try AuditCLITests.trail()
        var processes: [Process] = []
        for i in 0..<4 {
            let process = Process()
            process.executableURL = MaracRun.binary
            process.arguments = ["--db", marac.db, "config", "set", "retention-months", String(20 + i)]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            processes.append(process)
        }
        for _ in 0..<3 {
            for process in processes { try process.run() }
            for process in processes { process.waitUntilExit(); #expect(process.terminationStatus == 0) }
            processes = processes.map { old in
                let process = Process()
                process.executableURL = old.executableURL
                process.arguments = old.arguments
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                return process
            }
        }
        let verify = try marac("audit", "verify")
        #expect(verify.status == 0, "\(verify.err)")
        #expect(verify.out.contains("holds: 18 rows"), "\(verify.out)")
    }

    @Test func badUsageExits64AndUnknownRecords65() throws {
        let marac = try AuditCLITests.trail()
        #expect(try marac("audit", "verify", "--anchor", "nothex:3").status == 64)
        #expect(try marac("audit", "access").status == 64)
        #expect(try marac("audit", "access", "BR-1", "--person", "1").status == 64)
        let missing = try marac("audit", "access", "BR-NOPE")
        #expect(missing.status == 65 && missing.errorLines.count == 1)
        #expect(try marac("audit", "access", "--person", "424242").status == 65)
        let glass = try marac("audit", "break-glass", "--format", "json")
        #expect(glass.status == 0)
        #expect((try glass.json() as? [Any])?.isEmpty == true)
    }
}
