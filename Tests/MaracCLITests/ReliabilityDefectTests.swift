import Foundation
import Testing

/// One test per defect found in issue 8, each on the real binary and real
/// SQLite files: it failed before the fix and passes after.
@Suite struct ReliabilityDefectTests {
    static let header = "referral_ref,referred_on,referring_agency,victim_name,victim_dob,referrer,relationship,consent,consent_note"

    // MARK: 1. File modes

    @Test func databaseFilesAreOwnerOnlyEvenWhenTheyExistedLooser() throws {
        let marac = try MaracRun()
        #expect(try marac("init").status == 0)
        #expect(FileCheck.leaked(marac.db).isEmpty, "\(FileCheck.modes(marac.db))")
        // Another process keeps the WAL open, so -wal and -shm persist; loosen everything.
        let holder = try SQLite.holdWriteLock(marac.db, seconds: 1)
        usleep(300_000)
        for path in FileCheck.modes(marac.db).keys { chmod(path, 0o644) }
        #expect(FileCheck.modes(marac.db).count >= 2, "the WAL should be open: \(FileCheck.modes(marac.db))")
        holder.waitUntilExit()
        let holder2 = try SQLite.holdWriteLock(marac.db, seconds: 0)
        holder2.waitUntilExit()
        for path in FileCheck.modes(marac.db).keys { chmod(path, 0o644) }
        // Any command tightens them again, every time the database is opened.
        #expect(try marac("meeting", "list").status == 0)
        #expect(FileCheck.leaked(marac.db).isEmpty, "\(FileCheck.modes(marac.db))")
    }

    @Test func filesMaracWritesAreOwnerOnlyAndReplacedWhole() throws {
        let marac = try MaracRun()
        let csv = try marac.file("in.csv", Self.header + "\nM-1,2026-11-01,police,Ann Smith,,,,,\n")
        #expect(try marac("import", "referrals", csv).status == 0)
        // A file left at 0644 (and longer than the new contents) is tightened and truncated.
        let out = try marac.file("export.csv", String(repeating: "stale line\n", count: 10_000))
        chmod(out, 0o644)
        #expect(try marac("export", "referrals", "--out", out, "--plain").status == 0)
        #expect(FileCheck.mode(out) == 0o600)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(!text.contains("stale line"))
        let report = try marac.file("report.html", "old")
        chmod(report, 0o666)
        #expect(try marac("report", "--year", "2026", "--out", report).status == 0)
        #expect(FileCheck.mode(report) == 0o600)
        // Nothing marac made in its folder is readable by others.
        for name in try FileManager.default.contentsOfDirectory(atPath: marac.folder.path) where name.hasPrefix("marac.db") {
            #expect(FileCheck.mode(marac.folder.appendingPathComponent(name).path).map { $0 & 0o077 } == 0, "\(name)")
        }
    }

    // MARK: 2. Limits at the boundary

    @Test func overlongReferrerAndRelationshipAreRejectedNotStoredAsNull() throws {
        let marac = try MaracRun()
        let long = String(repeating: "r", count: 2001)
        let csv = try marac.file("long.csv", Self.header + "\nL-1,2026-11-01,police,Ann Smith,,\(long),\(long),,\n")
        let result = try marac("import", "referrals", csv)
        #expect(result.status == 65)
        #expect(result.errorLines.contains { $0.hasSuffix("long.csv:2: referrer: is longer than 2000 characters") })
        #expect(result.errorLines.contains { $0.hasSuffix("long.csv:2: relationship: is longer than 2000 characters") })
        #expect(try marac.referrals().isEmpty)
        let add = try marac("referral", "add", "--plain", "--ref", "L-2", "--agency", "police", "--victim-name", "Ann", "--referrer", long)
        #expect(add.status == 65)
        #expect(add.err.contains("referrer: is longer than 2000 characters"))
        #expect(try marac.referrals().isEmpty)
        // At the limit it is stored exactly.
        let exact = String(repeating: "é", count: 2000)
        #expect(try marac("referral", "add", "--plain", "--ref", "L-3", "--agency", "police", "--victim-name", "Ann", "--referrer", exact, "--relationship", exact).status == 0)
        let shown = try marac("referral", "show", "--plain", "L-3", "--format", "json").json() as? [String: Any]
        #expect(shown?["referrer"] as? String == exact)
        #expect(shown?["relationship"] as? String == exact)
    }

    @Test func aNulByteIsRefusedNotCutShort() throws {
        let marac = try MaracRun()
        let csv = try marac.file("nul.csv", Self.header + "\nN-1,2026-11-01,police,Ann\u{0}Smith,,,,,\n")
        let result = try marac("import", "referrals", csv)
        #expect(result.status == 65)
        #expect(result.errorLines == ["error: \(csv):2: victim_name: contains a NUL character; remove it"])
        #expect(try marac.referrals().isEmpty)
    }

    @Test func aTenMegabyteFieldIsRefused() throws {
        let marac = try MaracRun()
        let huge = String(repeating: "x", count: 10_000_000)
        let csv = try marac.file("huge.csv", Self.header + "\nH-1,2026-11-01,police,Ann Smith,,,,not_given,\(huge)\n")
        let result = try marac("import", "referrals", csv)
        #expect(result.status == 65)
        #expect(result.errorLines.count == 1)
        #expect(result.err.contains("huge.csv:2: consent_note: is longer than 2000 characters"))
        #expect(result.err.utf8.count < 1000)
        #expect(try marac.referrals().isEmpty)
    }

    // MARK: 3. No identities in errors or crashes

    @Test func anUndecodableRowIsAnErrorNamingTableAndIdNotACrash() throws {
        let marac = try MaracRun()
        let csv = try marac.file("in.csv", Self.header + "\nU-1,2026-11-01,police,Amina Begum,1990-05-01,,,,\n")
        #expect(try marac("import", "referrals", csv).status == 0)
        try SQLite.run(marac.db, "UPDATE referral SET children_in_household = 'Amina Begum 1990-05-01' WHERE ref = 'U-1'")
        for command in [["referral", "show", "--plain", "U-1"], ["referral", "list", "--plain"], ["export", "referrals", "--plain"], ["referral", "queue", "--plain"]] {
            let result = try marac.run(["--db", marac.db] + command)
            #expect(result.status == 74, "\(command)")
            #expect(result.errorLines == ["error: database: referral row 1 cannot be read (column children_in_household); nothing was changed. Check the file with `sqlite3 FILE 'PRAGMA integrity_check'` and restore from backup"], "\(command)")
            #expect(!result.err.contains("Amina") && !result.out.contains("Amina"))
        }
        try SQLite.run(marac.db, "UPDATE referral SET children_in_household = 0; UPDATE person SET name = X'00FF'")
        let show = try marac("referral", "show", "--plain", "U-1")
        #expect(show.status == 74)
        #expect(show.err.contains("person row 1 cannot be read (column name)"))
    }

    @Test func aMissingHeaderRowIsNamedWithoutEchoingTheRecord() throws {
        let marac = try MaracRun()
        let csv = try marac.file("nohead.csv", "N-1,2026-11-01,police,Amina Begum,1990-05-01,BR1 1AA\nN-2,2026-11-02,police,Jo Bloggs,1991-01-01,BR2 2BB\n")
        let result = try marac("import", "referrals", csv)
        #expect(result.status == 65)
        #expect(result.errorLines == ["error: \(csv):1: header: the first row is not a header row (no known column names); add the header row (see docs/import.md)"])
        for secret in ["Amina", "1990-05-01", "BR1"] { #expect(!result.err.contains(secret)) }
    }

    @Test func columnsInTheWrongOrderNeverEchoIdentities() throws {
        let marac = try MaracRun()
        // Name and gender swapped; a stray header cell holding a name is named by position.
        let csv = try marac.file("swap.csv", "referral_ref,referred_on,referring_agency,victim_gender,victim_name,Amina Begum\nS-1,2026-11-01,police,Amina Begum,female,x\n")
        let result = try marac("import", "referrals", csv)
        #expect(result.status == 65)
        #expect(result.errorLines == ["error: \(csv):1: column 6: unknown column"])
        let swapped = try marac.file("swap2.csv", "referral_ref,referred_on,referring_agency,victim_gender,victim_name,victim_ethnicity\nS-1,2026-11-01,Amina Begum,Amina Begum,female,Begum\n")
        let second = try marac("import", "referrals", swapped)
        #expect(second.status == 65)
        #expect(second.errorLines.contains { $0.hasSuffix("swap2.csv:2: victim_gender: the value is not allowed; use one of female male other unknown") })
        #expect(second.errorLines.contains { $0.contains("swap2.csv:2: referring_agency: the value is not a referral route") })
        #expect(!second.err.contains("Amina") && !second.err.contains("Begum"))
    }

    // MARK: 4. Every argument bounded

    @Test(arguments: [
        ["audit", "--limit", "9223372036854775807"], ["action", "list", "--plain", "--limit", "9223372036854775807"],
        ["meeting", "list", "--limit", "9223372036854775807"], ["referral", "list", "--plain", "--limit", "99999999999999999999"],
        ["audit", "--limit", "0"], ["stats", "--financial-year", "9999"], ["stats", "--quarter", "9999Q4"],
        ["stats", "--from", "0001-01-01", "--to", "9999-12-31"], ["stats", "--year", "9999"], ["stats", "--year", "1"],
        ["report", "--year", "9999", "--out", "/dev/null"], ["stats", "--quarter", "0000Q1"],
        ["stats", "--year", "2026", "--adult-female-population", "9223372036854775807"],
    ])
    func oddArgumentsAreUsageErrorsNeverCrashes(_ arguments: [String]) throws {
        let marac = try MaracRun()
        let result = try marac.run(["--db", marac.db] + arguments)
        #expect(result.status == 64, "\(arguments): \(result.err)")
        #expect(!result.err.contains("Fatal error") && !result.err.contains("Signal"))
        #expect(result.err.contains("must be") || result.err.contains("is not") || result.err.contains("invalid"), "\(result.err)")
        // One contract line, like every other error.
        #expect(result.err.hasPrefix("error: ") && result.err.split(separator: "\n").count == 1, "\(result.err)")
    }

    @Test func datesOutsideTheSupportedYearsAreRefusedWithAMessage() throws {
        let marac = try MaracRun()
        let meeting = try marac("meeting", "create", "9999-12-31")
        #expect(meeting.status == 65)
        #expect(meeting.errorLines == ["error: date: must be between 1900-01-01 and 2199-12-31"])
        let csv = try marac.file("old.csv", Self.header + "\nD-1,0001-01-01,police,Ann Smith,1850-01-01,,,,\n")
        let result = try marac("import", "referrals", csv)
        #expect(result.status == 65)
        #expect(result.errorLines.count == 2)
        #expect(result.err.contains("old.csv:2: referred_on: must be between 1900-01-01 and 2199-12-31"))
        #expect(result.err.contains("old.csv:2: victim_dob: must be between 1900-01-01 and 2199-12-31"))
        #expect(try marac("meeting", "list").out.split(separator: "\n").count == 1)
    }

    // MARK: 5. Versions on the command line

    @Test func anOldExportNeverRevertsANewerEditUnlessForced() throws {
        let marac = try MaracRun()
        let csv = try marac.file("in.csv", Self.header + "\nV-1,2026-11-01,police,Ann Smith,,Desk A,,,\n")
        #expect(try marac("import", "referrals", csv).status == 0)
        let old = try marac("export", "referrals", "--plain").out
        #expect(old.split(separator: "\r\n").first?.hasSuffix(",version") == true)
        // A colleague edits the record (version 1 → 2).
        let edited = try marac.file("edit.csv", old.replacingOccurrences(of: "Desk A", with: "Desk B"))
        #expect(try marac("import", "referrals", "--update", edited).status == 0)
        let before = try marac("export", "referrals", "--plain").out
        // Re-importing the old export is refused, names the row, writes nothing.
        let stale = try marac("import", "referrals", "--update", try marac.file("old.csv", old))
        #expect(stale.status == 65)
        #expect(stale.errorLines.count == 1)
        #expect(stale.errorLines.first?.contains("old.csv:2: version: V-1 is at version 2") == true)
        #expect(try marac("export", "referrals", "--plain").out == before)
        // --force overwrites, and the audit trail says so.
        #expect(try marac("import", "referrals", "--update", "--force", try marac.file("old2.csv", old)).status == 0)
        #expect((try marac("referral", "show", "--plain", "V-1", "--format", "json").json() as? [String: Any])?["referrer"] as? String == "Desk A")
        #expect(try marac("audit", "--entity", "referral").out.contains("forced=yes"))
        #expect(try marac("import", "referrals", "--force", edited).status == 64)
    }

    @Test func twoConcurrentUpdatesNeverSilentlyLoseAnEdit() throws {
        for trial in 0..<3 {
            let marac = try MaracRun()
            let csv = try marac.file("in.csv", Self.header + "\nC-1,2026-11-01,police,Ann Smith,,Desk A,,,\n")
            #expect(try marac("import", "referrals", csv).status == 0)
            let exported = try marac("export", "referrals", "--plain").out
            let a = try marac.file("a.csv", exported.replacingOccurrences(of: "Desk A", with: "Edit A"))
            let b = try marac.file("b.csv", exported.replacingOccurrences(of: "Desk A", with: "Edit B"))
            let first = try Child(["--db", marac.db, "import", "referrals", "--update", a], folder: marac.folder)
            let second = try Child(["--db", marac.db, "import", "referrals", "--update", b], folder: marac.folder)
            let (one, two) = (first.wait(), second.wait())
            // Exactly one wins; the other is told (exit 65), never both exit 0.
            #expect([one.status, two.status].sorted() == [0, 65], "trial \(trial): \(one.err) \(two.err)")
            let referrer = (try marac("referral", "show", "--plain", "C-1", "--format", "json").json() as? [String: Any])?["referrer"] as? String
            #expect(referrer == (one.status == 0 ? "Edit A" : "Edit B"))
        }
    }

    // MARK: 6. Exports that round-trip and cannot attack

    @Test func crlfAndFormulaCellsRoundTripExactlyAndAreNeutralised() throws {
        let marac = try MaracRun()
        let rows = [
            "X-1,2026-11-01,police,\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",,+44 20,-2,not_given,\"line one\r\nline two\"",
            "X-2,2026-11-01,police,@SUM(A1),,,,not_given,\"quote \"\" and, comma\rCR\"",
        ]
        let csv = try marac.file("x.csv", Self.header + "\r\n" + rows.joined(separator: "\r\n") + "\r\n")
        let imported = try marac("import", "referrals", csv)
        #expect(imported.status == 0, "\(imported.err)")
        // Values that already begin with a quote (typed, not imported) keep it through a round trip.
        #expect(try marac("referral", "add", "--plain", "--ref", "X-3", "--agency", "police", "--victim-name", "Ann", "--referred-on", "2026-11-01",
                          "--referrer", "'=already", "--relationship", "'plain").status == 0)
        let one = try marac("referral", "show", "--plain", "X-1", "--format", "json").json() as? [String: Any]
        #expect(one?["consent_note"] as? String == "line one\r\nline two")
        #expect((one?["victim"] as? [String: Any])?["name"] as? String == "=HYPERLINK(\"http://evil\",\"x\")")
        let exported = try marac("export", "referrals", "--plain").out
        // Nothing in the export starts a cell with a formula character.
        #expect(exported.contains(",\"'=HYPERLINK(") && exported.contains(",'+44 20,'-2,") && exported.contains(",'@SUM(A1),"))
        #expect(exported.contains(",''=already,'plain,"))
        #expect(exported.contains("\"line one\r\nline two\""))
        // Round trip: a fresh database gives the same export, and the same values.
        let copy = try MaracRun()
        #expect(try copy("import", "referrals", try copy.file("e.csv", exported)).status == 0)
        #expect(try copy("export", "referrals", "--plain").out == exported)
        let two = try copy("referral", "show", "--plain", "X-2", "--format", "json").json() as? [String: Any]
        #expect(two?["consent_note"] as? String == "quote \" and, comma\rCR")
        #expect((two?["victim"] as? [String: Any])?["name"] as? String == "@SUM(A1)")
        let three = try copy("referral", "show", "--plain", "X-3", "--format", "json").json() as? [String: Any]
        #expect(three?["referrer"] as? String == "'=already")
        #expect(three?["relationship"] as? String == "'plain")
    }

    // MARK: 8. Busy

    @Test func aWriterThatCannotGetTheLockExits75WithOneLine() throws {
        let marac = try MaracRun()
        #expect(try marac("init").status == 0)
        let holder = try SQLite.holdWriteLock(marac.db, seconds: 3)
        usleep(500_000)
        let result = try Child.run(["--db", marac.db, "referral", "add", "--plain", "--ref", "B-1", "--agency", "police", "--victim-name", "Ann"],
                                   folder: marac.folder, environment: ["MARAC_BUSY_TIMEOUT": "0.5"])
        holder.waitUntilExit()
        #expect(result.status == 75, "\(result.err)")
        #expect(result.err == "error: database busy: another marac command kept it locked for more than 0.5 s; nothing was written, run the command again\n")
        #expect(try marac.referrals().isEmpty)
    }

    // MARK: 9. Demo stays demo

    @Test func realRecordsCannotBeAddedToADemoDatabase() throws {
        let marac = try MaracRun()
        #expect(try marac("demo").status == 0)
        let before = try marac("export", "referrals", "--plain").out
        let add = try marac("referral", "add", "--plain", "--ref", "R-1", "--agency", "police", "--victim-name", "Real Person")
        #expect(add.status == 77)
        #expect(add.err.contains("DEMO database"))
        let csv = try marac.file("real.csv", Self.header + "\nR-2,2026-11-01,police,Real Person,,,,,\n")
        #expect(try marac("import", "referrals", csv).status == 77)
        #expect(try marac("export", "referrals", "--plain").out == before)
    }

    // MARK: 10. Error lines keep FILE:LINE: column: message

    @Test func everyImportErrorLineHasAColumnPart() throws {
        let marac = try MaracRun()
        let cases: [(String, Data, String)] = [
            ("count.csv", Data("referral_ref,referred_on,referring_agency,victim_name\nA-1,2026-11-01,police\n".utf8), ":2: row: row has 3 fields; the header has 4"),
            ("quote.csv", Data("referral_ref,referred_on,referring_agency,victim_name\nA-1,2026-11-01,police,Ann \"Jo\" Smith\n".utf8), ":2: csv: a quote inside an unquoted field"),
            ("open.csv", Data("referral_ref,referred_on,referring_agency,victim_name\nA-1,2026-11-01,police,\"Ann\n".utf8), ":2: csv: a quoted field is never closed"),
            ("latin1.csv", Data("referral_ref,referred_on,referring_agency,victim_name\nA-1,2026-11-01,police,Zo".utf8) + Data([0xEB, 0x0A]), ":2: file: the file is not UTF-8 text"),
            ("empty.csv", Data(), ":1: file: the file is empty; it needs a header row"),
        ]
        let pattern = try Regex("^error: [^:]+:[0-9]+: [a-z_0-9 ]+: .+$")
        for (name, data, tail) in cases {
            let path = marac.folder.appendingPathComponent(name).path
            FileManager.default.createFile(atPath: path, contents: data)
            let result = try marac("import", "referrals", path)
            #expect(result.status == 65, "\(name)")
            #expect(result.errorLines.count == 1, "\(name): \(result.err)")
            #expect(result.errorLines.first?.hasPrefix("error: \(path)\(tail)") == true, "\(name): \(result.err)")
            #expect(result.errorLines.allSatisfy { $0.wholeMatch(of: pattern) != nil }, "\(name): \(result.err)")
        }
    }

    // MARK: 7. Terminal output escaped, whatever the format

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) for a terminal (util-linux)"))
    func controlCharactersNeverReachATerminalInAnyFormat() throws {
        let marac = try MaracRun()
        #expect(try marac("referral", "add", "--plain", "--ref", "T-1", "--agency", "police", "--victim-name", "Ann", "--referred-on", "2026-11-01").status == 0)
        #expect(try marac("meeting", "create", "2026-11-20").status == 0)
        // Screening in lists the case on the meeting in the same step.
        #expect(try marac("referral", "screen", "T-1", "--accept", "--meeting", "2026-11-20").status == 0)
        #expect(try marac("action", "add", "T-1", "--agency", "police", "--owner", "PC Ann", "--due", "2026-12-01", "Safety", "plan").status == 0)
        #expect(try marac("meeting", "heard", "2026-11-20", "T-1").status == 0)
        // Data stored before the limits, or written by another tool: every control a terminal obeys.
        let evil = "X'||char(27)||'[2J'||char(7)||char(8)||char(13)||char(155)||'31m'||char(8238)||'Y"
        try SQLite.run(marac.db, "UPDATE action SET owner = '\(evil)', description = '\(evil)'; UPDATE person SET name = '\(evil)'")
        // Whatever holds data, a command printing to a terminal never emits raw C0/C1 or bidi controls.
        let commands: [[String]] = [
            ["meeting", "minutes", "2026-11-02", "--format", "csv"], ["meeting", "minutes", "2026-11-02"],
            ["action", "list", "--plain", "--format", "csv"], ["action", "list", "--plain", "--format", "json"], ["referral", "list", "--plain", "--format", "csv"],
            ["export", "referrals", "--plain"], ["import", "referrals", marac.folder.appendingPathComponent("no\u{1B}]0;such\u{07}.csv").path],
        ]
        for command in commands {
            let line = ([MaracRun.binary.path, "--db", marac.db] + command).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", line, "/dev/null"]
            var environment = ProcessInfo.processInfo.environment
            environment["MARAC_TODAY"] = "2026-11-24"
            process.environment = environment
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            let raw = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) }
            #expect(raw.isEmpty, "\(command): \(raw.map { String($0.value, radix: 16) })")
        }
    }
}
