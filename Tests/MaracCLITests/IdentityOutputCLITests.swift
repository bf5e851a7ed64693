import Foundation
import Testing

/// One pack rule for every output with identities (contracts.md, issue 28):
/// every command that prints identities, run with standard output to a file
/// (as a pipe or a redirect is), without `--plain`: exit 64, one error line
/// naming `--plain`, nothing on stdout, and nothing written to the database
/// (not even an access record). With `--plain`: it works and the identities
/// are there.
@Suite struct IdentityOutputCLITests {
    /// The research fixture (KIDS, ADULT listed for 2026-12-03, police
    /// confirmed), plus a referral waiting in the queue, an action due
    /// tomorrow and a research return.
    static func prepared() throws -> MaracRun {
        let marac = try ResearchCLITests.prepared()
        for arguments in [
            ["referral", "add", "--plain", "--ref", "WAIT-1", "--agency", "police", "--victim-name", "Wanda Waiting", "--ric-score", "15"],
            ["action", "add", "KIDS", "--agency", "police", "--owner", "DC Olwen Owner", "--due", "2026-11-25", "Visit", "Kira"],
            ["meeting", "research-record", "2026-12-03", "KIDS", "--agency", "police", "--known", "yes", "--summary", "Kira Child known to police"],
        ] {
            let result = try marac.run(["--db", marac.db] + arguments)
            #expect(result.status == 0, "\(arguments): \(result.err)")
        }
        return marac
    }

    /// Each command and a name its output shows.
    static let commands: [(arguments: [String], shows: String)] = [
        (["referral", "list"], "Kira Child"),
        (["referral", "list", "--format", "json", "--limit", "10000"], "Kira Child"),
        (["referral", "show", "KIDS"], "Kira Child"),
        (["referral", "show", "KIDS", "--format", "json"], "Kira Child"),
        (["referral", "queue"], "Wanda Waiting"),
        (["referral", "add", "--ref", "NEW-1", "--agency", "police", "--victim-name", "Nina New"], "Nina New"),
        (["action", "list"], "DC Olwen Owner"),
        (["action", "list", "--format", "json"], "DC Olwen Owner"),
        (["action", "chase"], "DC Olwen Owner"),
        (["meeting", "returns", "2026-12-03"], "Kira Child known"),
        (["meeting", "agenda", "2026-12-03"], "KIDS"),
        (["meeting", "minutes", "2026-12-03"], "2026-12-03"),
        (["export", "referrals"], "Kira Child"),
    ]

    static func rows(_ db: String) throws -> String {
        try SQLite.run(db, "SELECT (SELECT COUNT(*) FROM access), (SELECT COUNT(*) FROM audit), (SELECT COUNT(*) FROM referral)")
    }

    @Test func everyCommandPrintingIdentitiesRefusesAPipeWithoutPlain() throws {
        let marac = try Self.prepared()
        for (arguments, shows) in Self.commands {
            let before = try Self.rows(marac.db)
            let refused = try marac.run(["--db", marac.db] + arguments)
            #expect(refused.status == 64, "\(arguments): \(refused.status) \(refused.err)")
            #expect(refused.out.isEmpty, "\(arguments): \(refused.out)")
            #expect(refused.errorLines.count == 1 && refused.err.contains("--plain"), "\(arguments): \(refused.err)")
            #expect(try Self.rows(marac.db) == before, "\(arguments) wrote to the database")

            let plain = try marac.run(["--db", marac.db] + arguments + ["--plain"])
            #expect(plain.status == 0, "\(arguments) --plain: \(plain.err)")
            #expect(plain.out.contains(shows), "\(arguments) --plain: \(plain.out.prefix(300))")
        }
    }

    /// The same rule through a real pipe (`| cat`), not only a file.
    @Test func aRealPipeIsRefusedToo() throws {
        let marac = try Self.prepared()
        let script = "out=$(\"$0\" --db \"$1\" referral list --format json); echo \"status=$? bytes=${#out}\""
        let piped = try marac.run(["-c", script, MaracRun.binary.path, marac.db], executable: "/bin/sh")
        #expect(piped.out == "status=64 bytes=0\n", "\(piped.out) \(piped.err)")
        #expect(!piped.err.contains("Kira"))
    }
}
