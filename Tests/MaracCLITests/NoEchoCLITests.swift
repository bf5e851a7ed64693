import Foundation
import MaracCore
import Testing

/// contracts.md: no error line ever repeats a value given, from a file, a flag
/// or argv. Each value below looks like an identity (a date of birth, a name,
/// a name typed like a code, a postcode); each goes into every column of the
/// import format, every column of a research return and every option of
/// `referral add`, in an otherwise valid row or command, through the real
/// binary. stderr must never contain it; and some of them must be refused, or
/// the test would prove nothing.
@Suite struct NoEchoCLITests {
    static let secrets = ["1971-05-24", "Zebedee Quartermaine", "zebedee_quartermaine", "QX9 9ZZ"]

    /// Every column of the import format, with each value in an otherwise valid row.
    @Test(arguments: ReferralField.all.map(\.column))
    func noImportColumnEchoesItsValue(column: String) throws {
        let marac = try MaracRun()
        var refused = 0
        for (index, secret) in Self.secrets.enumerated() {
            var row: [(String, String)] = [("referral_ref", "E-\(index)"), ("referred_on", "2026-11-01"),
                                           ("referring_agency", "police"), ("victim_name", "Ann Example \(index)")]
            if let at = row.firstIndex(where: { $0.0 == column }) { row[at].1 = secret } else { row.append((column, secret)) }
            let csv = row.map(\.0).joined(separator: ",") + "\n" + row.map { "\"\($0.1)\"" }.joined(separator: ",") + "\n"
            let result = try marac("import", "referrals", try marac.file("echo-\(index).csv", csv))
            #expect(!result.err.contains(secret), "\(column): \(result.err)")
            if result.status != 0 {
                refused += 1
                // The shape stays: FILE:LINE: column: message.
                #expect(result.errorLines.allSatisfy { $0.contains("echo-\(index).csv:") }, "\(result.err)")
            }
        }
        // Text and name columns may take any of these; a coded, dated, counted or checklist column refuses some.
        switch ReferralField.byColumn[column]?.kind {
        case .code?, .day?, .count?, .checklistAnswers?:
            #expect(refused > 0, "\(column): every value was accepted, nothing was checked")
        default: break
        }
    }

    /// Every option of `referral add` (the field table's flags).
    @Test(arguments: ReferralField.all.filter(\.enteredByPeople).map(\.flag))
    func noReferralAddOptionEchoesItsValue(flag: String) throws {
        let marac = try MaracRun()
        for (index, secret) in Self.secrets.enumerated() {
            var options = [("ref", "A-\(index)"), ("agency", "police"), ("victim-name", "Ann Example \(index)")]
            if let at = options.firstIndex(where: { $0.0 == flag }) { options[at].1 = secret } else { options.append((flag, secret)) }
            let result = try marac.run(["--db", marac.db, "referral", "add", "--plain"] + options.flatMap { ["--\($0.0)", $0.1] })
            #expect(!result.err.contains(secret), "--\(flag): \(result.err)")
        }
    }

    /// The issue's own example, and other commands' options and arguments.
    @Test func otherOptionsAndArgumentsNeverEchoTheirValue() throws {
        let marac = try MaracRun()
        #expect(try marac("init").status == 0)
        let date = "1981-02-03", name = "Zebedee Quartermaine", code = "zebedee_quartermaine"
        let agency = try marac("referral", "add", "--plain", "--ref", "X-1", "--agency", date, "--victim-name", "Ann")
        #expect(agency.status == 65 && agency.errorLines == ["error: referring_agency: the value is not a referral route; use one of "
            + ReferralRoute.allCases.map(\.rawValue).joined(separator: " ")], "\(agency.err)")
        let cases: [[String]] = [
            ["referral", "list", "--plain", "--agency", name], ["referral", "list", "--plain", "--status", code],
            ["referral", "list", "--plain", "--band", name], ["referral", "list", "--plain", "--since", date + "x"],
            ["referral", "list", "--plain", "--limit", name], ["referral", "show", "--plain", name],
            ["referral", "add", "--plain", name], ["action", "add", "R-1", "--agency", code, "--owner", "x", "--due", "2026-12-01", "text"],
            ["stats", "--quarter", name], ["config", "set", code, "1"], ["user", "add", name, "--name", "x", "--role", "idva"],
            ["user", "add", "someone", "--name", "x", "--role", code], ["agency", "key", code, "age1abc"],
            ["export", "referrals", "--recipient", name], ["meeting", "create", name], ["audit", "access", name],
            ["action", "list", "--plain", "--agency", code, "--limit", date],
        ]
        var refused = 0
        for arguments in cases {
            let result = try marac.run(["--db", marac.db] + arguments)
            if result.status != 0 { refused += 1 }
            for secret in [date, name, code] { #expect(!result.err.contains(secret), "\(arguments): \(result.err)") }
        }
        #expect(refused == cases.count)
        // The parser's own words stay: the roles it lists, not the value given.
        let role = try marac("user", "add", "someone", "--name", "x", "--role", code)
        #expect(role.status == 64 && role.err.contains("'idva'") && !role.err.contains(code), "\(role.err)")
    }

    /// A research return is read from a file too: each value in each column.
    @Test(arguments: ResearchReturnInput.columns)
    func noResearchReturnColumnEchoesItsValue(column: String) throws {
        let marac = try ResearchCLITests.prepared()
        let header = ResearchReturnInput.columns
        for (index, secret) in Self.secrets.enumerated() {
            var row = Dictionary(uniqueKeysWithValues: header.map { ($0, "") })
            row["referral_ref"] = "KIDS"; row["agency"] = "police"; row["known"] = "no"; row["returned_on"] = "2026-11-23"
            row[column] = secret
            let csv = header.joined(separator: ",") + "\n" + header.map { "\"\(row[$0] ?? "")\"" }.joined(separator: ",") + "\n"
            let result = try marac("meeting", "research-return", "2026-12-03", try marac.file("return-\(index).csv", csv))
            #expect(!result.err.contains(secret), "\(column): \(result.err)")
        }
    }

    // MARK: A passphrase on the command line

    @Test(arguments: [["export", "referrals", "--passphrase", "Tangerine-Walrus-6433012"],
                      ["export", "referrals", "--passphrase=Tangerine-Walrus-6433012"],
                      ["meeting", "agenda", "2026-12-03", "--passphrase", "Tangerine-Walrus-6433012", "--out", "x.age"],
                      ["person", "export", "1", "--out", "sar.age", "--passphrase", "Tangerine-Walrus-6433012"]])
    func aPassphraseOnTheCommandLineIsRefusedWithoutRepeatingIt(arguments: [String]) throws {
        let marac = try MaracRun()
        let result = try marac.run(["--db", marac.db] + arguments)
        #expect(result.status == 64)
        #expect(!result.err.contains("Tangerine") && !result.out.contains("Tangerine"), "\(result.err)")
        #expect(result.errorLines.count == 1 && result.err.contains("MARAC_PASSPHRASE"), "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: marac.db), "refused before the database was touched")
    }

    // MARK: A URL is never a file path

    @Test(arguments: ["postgresql://jsmith@db.council.example/marac", "postgres://db.example:5432/marac", "file:///tmp/marac-url.db"])
    func aURLIsNeverTakenForAFilePath(url: String) throws {
        let marac = try MaracRun()
        let folder = marac.folder.path
        // Through --db and through MARAC_DB, run from the test's folder: no folder `postgresql:` appears.
        let process = { (arguments: [String], environment: [String: String]) throws -> MaracRun.Result in
            try marac.run(["sh", "-c", "cd \"$0\" && exec \"$@\"", folder, MaracRun.binary.path] + arguments,
                          environment: environment, executable: "/usr/bin/env")
        }
        for result in [try process(["--db", url, "referral", "list", "--plain"], [:]),
                       try process(["referral", "list", "--plain"], ["MARAC_DB": url]),
                       try process(["--db", url, "init"], [:])] {
            #expect(result.status == 64, "\(result.err)")
            #expect(result.errorLines.count == 1 && !result.err.contains("jsmith") && !result.err.contains("db.") && !result.err.contains("/tmp/marac-url"),
                    "\(result.err)")
            if url.hasPrefix("postgres") { #expect(result.err.contains("PostgreSQL is not supported yet")) }
        }
        let made = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(":") }
        #expect(made.isEmpty, "\(made)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/marac-url.db"))
    }

    // MARK: --version

    @Test func versionPrintsTheOneVersionConstant() throws {
        let marac = try MaracRun()
        let result = try marac.run(["--version"])
        #expect(result.status == 0 && result.out == MaracVersion.text + "\n", "\(result.out) \(result.err)")
        #expect(MaracVersion.text.split(separator: ".").count == 3)
    }
}
