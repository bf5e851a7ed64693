import Foundation
import Testing

/// SQLite's temporary files (an import's staged rows, a large sort, a
/// statement journal) hold identities like the database itself: they must be
/// created beside it, under its folder's protection, never in /tmp or
/// /var/tmp. Watched with strace on the real binary importing a file large
/// enough that its staged rows spill out of SQLite's temporary page cache.
@Suite struct TemporaryFilesTests {
    @Test func anImportsTemporaryFilesStayBesideTheDatabase() throws {
        let marac = try MaracRun()
        let strace = try #require(["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                  "strace is needed (scripts/setup installs it)")
        var rows = ["referral_ref,referred_on,referring_agency,victim_name,victim_dob,victim_postcode,perpetrator_name,perpetrator_dob,ric_score"]
        for i in 0..<12_000 {
            rows.append("T-\(i),2026-0\(1 + i % 9)-1\(i % 9),police,Temporary Person \(i),1980-01-0\(1 + i % 9),BR1 \(1 + i % 9)AB,Someone Else \(i),1975-02-0\(1 + i % 9),\(i % 25)")
        }
        let file = try marac.file("rows.csv", rows.joined(separator: "\n") + "\n")
        let trace = marac.folder.appendingPathComponent("trace.txt").path
        // Elsewhere SQLite would look first: a folder of its own, to see it stays empty.
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("marac-elsewhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let result = try marac.run([strace, "-f", "-e", "trace=open,openat", "-o", trace, MaracRun.binary.path, "--db", marac.db,
                                    "import", "referrals", file],
                                   environment: ["TMPDIR": elsewhere.path], executable: strace)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.contains("imported 12000 new"))
        let opened = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").filter { $0.contains("etilqs_") }
        // The test means something only if SQLite did write temporary files.
        #expect(!opened.isEmpty, "no temporary file was opened: the file is too small to spill")
        let outside = opened.filter { !$0.contains("\"\(marac.folder.path)/etilqs_") }
        #expect(outside.isEmpty, "\(outside.prefix(3))")
    }
}
