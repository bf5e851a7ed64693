import Foundation
import Testing

/// Circulation packs through the real binary, opened with the real `age`
/// (/usr/bin/age, installed by scripts/setup).
@Suite struct PackCLITests {
    static let csv = [
        "referral_ref,referred_on,referring_agency,victim_name,victim_dob,ric_score",
        "P-01,2026-10-01,police,Amina Begum,1990-05-01,15",
        "P-02,2026-10-02,idva,Zoë Smith,1999-09-09,16",
        "P-03,2026-10-03,housing,Áine O'Neill,,",
    ].joined(separator: "\n") + "\n"

    /// A database with three referrals.
    static func loaded() throws -> MaracRun {
        let marac = try MaracRun()
        let result = try marac("import", "referrals", try marac.file("in.csv", csv))
        #expect(result.status == 0, "\(result.err)")
        return marac
    }

    struct Tool {
        var status: Int32
        var out: Data
        var err: String
    }

    /// Runs a program with its output in files (never a full pipe).
    static func tool(_ path: String, _ arguments: [String], in folder: URL, input: Data = Data()) throws -> Tool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let id = UUID().uuidString
        let outURL = folder.appendingPathComponent("tool-out-\(id)"), errURL = folder.appendingPathComponent("tool-err-\(id)")
        let inURL = folder.appendingPathComponent("tool-in-\(id)")
        try input.write(to: inURL)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL), stdin = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        process.waitUntilExit()
        try out.close(); try err.close(); try stdin.close()
        return Tool(status: process.terminationStatus, out: try Data(contentsOf: outURL),
                    err: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// A key pair from age-keygen: the identity file and its public key.
    static func keygen(_ marac: MaracRun, _ name: String) throws -> (file: String, publicKey: String) {
        let file = marac.folder.appendingPathComponent(name).path
        let result = try tool("/usr/bin/age-keygen", ["-o", file], in: marac.folder)
        #expect(result.status == 0, "\(result.err)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("# public key: ") })
        return (file, String(line.dropFirst("# public key: ".count)))
    }

    static func ageDecrypt(_ marac: MaracRun, key: String, _ file: String) throws -> Tool {
        try tool("/usr/bin/age", ["-d", "-i", key, file], in: marac.folder)
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func anExportToRecipientsOpensWithAgeToTheSameCSVAsPlain() throws {
        let marac = try Self.loaded()
        let one = try Self.keygen(marac, "one.key"), two = try Self.keygen(marac, "two.key")
        let out = marac.folder.appendingPathComponent("pack.age").path
        let result = try marac("export", "referrals", "--out", out, "--recipient", one.publicKey, "--recipient", two.publicKey)
        #expect(result.status == 0, "\(result.err)")
        #expect(try Self.mode(out) == 0o600)
        let raw = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(raw.starts(with: Data("age-encryption.org/v1\n".utf8)))
        #expect(raw.range(of: Data("Amina".utf8)) == nil)
        let plain = try marac("export", "referrals", "--plain")
        #expect(plain.status == 0)
        #expect(plain.out.contains("Amina Begum"))
        for key in [one.file, two.file] {
            let opened = try Self.ageDecrypt(marac, key: key, out)
            #expect(opened.status == 0, "\(opened.err)")
            #expect(String(decoding: opened.out, as: UTF8.self) == plain.out)
        }
        // Someone else's key does not open it.
        let other = try Self.keygen(marac, "other.key")
        #expect(try Self.ageDecrypt(marac, key: other.file, out).status != 0)
    }

    @Test func anExportToAFileOrPipeWithoutProtectionIsRefusedAndWritesNothing() throws {
        let marac = try Self.loaded()
        let out = marac.folder.appendingPathComponent("x.csv").path
        let before = try marac("audit", "access", "P-01").out
        let toFile = try marac("export", "referrals", "--out", out)
        #expect(toFile.status == 64)
        #expect(toFile.errorLines.count == 1)
        #expect(toFile.errorLines.first?.contains("--recipient") == true)
        #expect(toFile.errorLines.first?.contains("--passphrase") == true)
        #expect(toFile.errorLines.first?.contains("--plain") == true)
        #expect(!FileManager.default.fileExists(atPath: out))
        let toPipe = try marac("export", "referrals")
        #expect(toPipe.status == 64)
        #expect(toPipe.out.isEmpty)
        // Nothing recorded as shown either.
        #expect(try marac("audit", "access", "P-01").out == before)
        // Contradictions are usage errors too.
        #expect(try marac("export", "referrals", "--out", out, "--plain", "--passphrase").status == 64)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aPlainExportToAFileIsOwnerOnlyAndLogged() throws {
        let marac = try Self.loaded()
        let out = marac.folder.appendingPathComponent("plain.csv").path
        let result = try marac("export", "referrals", "--out", out, "--plain")
        #expect(result.status == 0, "\(result.err)")
        #expect(try Self.mode(out) == 0o600)
        let access = try marac("audit", "access", "P-02")
        #expect(access.out.contains("written in plain text to a file"))
    }

    @Test func agencyKeysAreValidatedStoredListedAndUsedForPacks() throws {
        let marac = try Self.loaded()
        let police = try Self.keygen(marac, "police.key")
        let agenciesBefore = try marac("agency", "list", "--format", "csv").out
        let bad = try marac("agency", "key", "police", "age1notakey")
        #expect(bad.status == 65)
        #expect(bad.errorLines.count == 1)
        #expect(bad.errorLines.first?.contains("not an age public key") == true)
        #expect(try marac("agency", "list", "--format", "csv").out == agenciesBefore)
        #expect(try marac("agency", "key", "nosuchagency", police.publicKey).status == 65)

        #expect(try marac("agency", "key", "police", police.publicKey).status == 0)
        let listed = try marac("agency", "list", "--format", "csv").out
        #expect(listed.contains("police,Police,referral route,yes"))
        #expect(listed.contains("housing,Housing,referral route,no"))
        #expect(!listed.contains(police.publicKey))

        let out = marac.folder.appendingPathComponent("police.age").path
        let result = try marac("export", "referrals", "--out", out, "--agency", "police")
        #expect(result.status == 0, "\(result.err)")
        let opened = try Self.ageDecrypt(marac, key: police.file, out)
        #expect(opened.status == 0, "\(opened.err)")
        #expect(String(decoding: opened.out, as: UTF8.self) == (try marac("export", "referrals", "--plain").out))
        let access = try marac("audit", "access", "P-03")
        #expect(access.out.contains("sent to agency police in a pack"))
        #expect(access.out.contains("exportReferrals"))
        let audit = try marac("audit", "list", "--entity", "agency").out
        #expect(audit.contains("set_key"))

        // An agency with no key: refused unless a passphrase is asked for.
        let none = marac.folder.appendingPathComponent("none.age").path
        let refused = try marac("export", "referrals", "--out", none, "--agency", "housing")
        #expect(refused.status == 65)
        #expect(refused.errorLines.first?.contains("housing has no key") == true)
        #expect(!FileManager.default.fileExists(atPath: none))
    }

    @Test func aPassphrasePackOpensWithAgeAtItsPrompt() throws {
        let marac = try Self.loaded()
        let out = marac.folder.appendingPathComponent("pass.age").path
        // No terminal here: the passphrase comes from the environment, never the command line.
        let missing = try marac.run(["--db", marac.db, "export", "referrals", "--out", out, "--agency", "housing", "--passphrase"])
        #expect(missing.status == 64)
        #expect(missing.errorLines.first?.contains("MARAC_PASSPHRASE") == true)
        #expect(!FileManager.default.fileExists(atPath: out))
        let result = try marac.run(["--db", marac.db, "export", "referrals", "--out", out, "--agency", "housing", "--passphrase"],
                                   environment: ["MARAC_PASSPHRASE": "tulip staircase morning"])
        #expect(result.status == 0, "\(result.err)")
        let opened = try Self.tool("/usr/bin/script", ["-q", "-e", "-c", "age -d -o opened.csv '\(out)'", "/dev/null"],
                                   in: marac.folder, input: Data("tulip staircase morning\n".utf8))
        #expect(opened.status == 0, "\(opened.err)")
        let text = try String(contentsOfFile: marac.folder.appendingPathComponent("opened.csv").path, encoding: .utf8)
        #expect(text == (try marac("export", "referrals", "--plain").out))
        #expect(try marac("audit", "access", "P-01").out.contains("sent to a passphrase holder in a pack"))
    }

    @Test func theMaracKeyIsMadeOnceAndOnlyItsPublicHalfIsShown() throws {
        let marac = try Self.loaded()
        let first = try marac("key", "show")
        #expect(first.status == 0, "\(first.err)")
        let key = first.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("age1") && key.count == 62)
        #expect(try marac("key", "show").out == first.out)
        #expect(!first.out.contains("AGE-SECRET-KEY"))
        // age itself accepts it as a recipient.
        let plain = marac.folder.appendingPathComponent("p.txt")
        try Data("hello".utf8).write(to: plain)
        #expect(try Self.tool("/usr/bin/age", ["-r", key, "-o", "p.age", plain.path], in: marac.folder).status == 0)
        // The trail records the key's creation, by its public half only.
        let audit = try marac("audit", "list", "--entity", "marac_key").out
        #expect(audit.contains(key))
        #expect(!audit.contains("AGE-SECRET-KEY"))
    }

    /// A meeting on 20 November with P-01 heard and an action for the police.
    static func withMeeting() throws -> MaracRun {
        let marac = try loaded()
        for command in [["meeting", "create", "2026-11-20"], ["referral", "screen", "P-01", "--accept", "--meeting", "2026-11-20"],
                        ["action", "add", "P-01", "--agency", "police", "--owner", "DC Patel", "--due", "2026-12-01", "Flag", "the", "address"],
                        ["meeting", "heard", "2026-11-20", "P-01"]] {
            let result = try marac.run(["--db", marac.db] + command)
            #expect(result.status == 0, "\(command): \(result.err)")
        }
        return marac
    }

    @Test func minutesAndTheActionLogGoToAnAgencyAsPacks() throws {
        let marac = try Self.withMeeting()
        let police = try Self.keygen(marac, "police.key")
        #expect(try marac("agency", "key", "police", police.publicKey).status == 0)
        for (format, name) in [("md", "minutes.age"), ("csv", "actions.age")] {
            let out = marac.folder.appendingPathComponent(name).path
            let result = try marac("meeting", "minutes", "2026-11-20", "--format", format, "--agency", "police", "--out", out)
            #expect(result.status == 0, "\(result.err)")
            #expect(try Self.mode(out) == 0o600)
            let opened = try Self.ageDecrypt(marac, key: police.file, out)
            #expect(opened.status == 0, "\(opened.err)")
            let plain = try marac("meeting", "minutes", "2026-11-20", "--format", format, "--plain")
            #expect(String(decoding: opened.out, as: UTF8.self) == plain.out)
            #expect(plain.out.contains(format == "csv" ? "Flag the address" : "DC Patel"))
        }
        let agenda = marac.folder.appendingPathComponent("agenda.age").path
        #expect(try marac("meeting", "agenda", "2026-11-20", "--agency", "police", "--out", agenda).status == 0)
        let opened = try Self.ageDecrypt(marac, key: police.file, agenda)
        #expect(String(decoding: opened.out, as: UTF8.self) == (try marac("meeting", "agenda", "2026-11-20", "--plain").out))
        // Without protection, a file or pipe is refused and nothing is written.
        let bare = marac.folder.appendingPathComponent("bare.md").path
        #expect(try marac("meeting", "minutes", "2026-11-20", "--out", bare).status == 64)
        #expect(try marac("meeting", "agenda", "2026-11-20").status == 64)
        #expect(!FileManager.default.fileExists(atPath: bare))
        // The access log says which case went to whom: minutes, action log and agenda.
        let access = try marac("audit", "access", "P-01").out
        let packs = access.split(separator: "\n").filter { $0.contains("sent to agency police in a pack") }
        #expect(packs.count == 3)
        #expect(packs.filter { $0.contains("writeMeetingDocuments") }.count == 2)
        #expect(packs.filter { $0.contains("viewAgenda") }.count == 1)
        #expect(try marac("audit", "verify").status == 0)
    }

    @Test func anImportEncryptedWithAgeToTheMaracKeyLoadsAllOrNothing() throws {
        let marac = try MaracRun()
        let key = try marac("key", "show").out.trimmingCharacters(in: .whitespacesAndNewlines)
        let plain = try marac.file("in.csv", Self.csv)
        let encrypted = marac.folder.appendingPathComponent("in.csv.age").path
        #expect(try Self.tool("/usr/bin/age", ["-r", key, "-o", encrypted, plain], in: marac.folder).status == 0)
        let result = try marac("import", "referrals", encrypted)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.contains("imported 3 new"))
        #expect(try marac.referrals().count == 3)
        #expect(try marac("audit", "list", "--entity", "pack").out.contains("with=own key"))

        // A bad row inside an encrypted file: refused whole, the row named.
        let bad = try marac.file("bad.csv", Self.csv.replacingOccurrences(of: "P-0", with: "Q-0")
                                     .replacingOccurrences(of: "Q-02,2026-10-02,idva", with: "Q-02,2026-10-02,nosuch"))
        let badAge = marac.folder.appendingPathComponent("bad.age").path
        #expect(try Self.tool("/usr/bin/age", ["-r", key, "-o", badAge, bad], in: marac.folder).status == 0)
        let refused = try marac("import", "referrals", badAge)
        #expect(refused.status == 65)
        #expect(refused.errorLines.contains { $0.contains(":3:") && $0.contains("referring_agency") })
        #expect(try marac.referrals().count == 3)

        // Encrypted to someone else: refused, nothing loaded.
        let other = try Self.keygen(marac, "other.key")
        let elsewhere = marac.folder.appendingPathComponent("other.age").path
        #expect(try Self.tool("/usr/bin/age", ["-r", other.publicKey, "-o", elsewhere, bad], in: marac.folder).status == 0)
        let wrong = try marac("import", "referrals", elsewhere)
        #expect(wrong.status == 65)
        #expect(wrong.errorLines.first?.contains("wrong key") == true)
        // Cut short: refused.
        let data = try Data(contentsOf: URL(fileURLWithPath: encrypted))
        let cut = marac.folder.appendingPathComponent("cut.age")
        try data.prefix(data.count - 10).write(to: cut)
        #expect(try marac("import", "referrals", cut.path).status == 65)
        #expect(try marac.referrals().count == 3)
    }

    @Test func openShowsAPackToTheCoordinatorAndRefusesAPipeWithoutPlain() throws {
        let marac = try MaracRun()
        let key = try marac("key", "show").out.trimmingCharacters(in: .whitespacesAndNewlines)
        let plain = try marac.file("note.txt", "research return: known to housing\n")
        let encrypted = marac.folder.appendingPathComponent("note.age").path
        #expect(try Self.tool("/usr/bin/age", ["-r", key, "-o", encrypted, plain], in: marac.folder).status == 0)
        let refused = try marac("open", encrypted)
        #expect(refused.status == 64)
        #expect(refused.out.isEmpty)
        let shown = try marac("open", encrypted, "--plain")
        #expect(shown.status == 0, "\(shown.err)")
        #expect(shown.out == "research return: known to housing\n")
        let out = marac.folder.appendingPathComponent("opened.txt").path
        #expect(try marac("open", encrypted, "--out", out, "--plain").status == 0)
        #expect(try Self.mode(out) == 0o600)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "research return: known to housing\n")
        // A passphrase file needs --passphrase, then opens with the right one only.
        let pass = marac.folder.appendingPathComponent("pass.age").path
        #expect(try marac.run(["--db", marac.db, "export", "referrals", "--passphrase", "--out", pass],
                              environment: ["MARAC_PASSPHRASE": "blue kettle"]).status == 0)
        #expect(try marac("open", pass, "--plain").status == 64)
        let right = try marac.run(["--db", marac.db, "open", pass, "--plain", "--passphrase"], environment: ["MARAC_PASSPHRASE": "blue kettle"])
        #expect(right.status == 0, "\(right.err)")
        #expect(right.out.hasPrefix("referral_ref,"))
        let wrong = try marac.run(["--db", marac.db, "open", pass, "--plain", "--passphrase"], environment: ["MARAC_PASSPHRASE": "red kettle"])
        #expect(wrong.status == 65)
        #expect(wrong.errorLines.first?.contains("wrong passphrase") == true)
        // Not an age file.
        #expect(try marac("open", plain, "--plain").errorLines.first?.contains("not an age-encrypted file") == true)
        // Each attempt that reached a key is in the trail, refused ones too.
        let audit = try marac("audit", "list", "--entity", "pack").out.split(separator: "\n")
        #expect(audit.filter { $0.contains("  open  ") }.count == 3, "\(audit)")
        #expect(audit.filter { $0.contains("  open_refused  ") }.count == 2)
        #expect(audit.contains { $0.contains("open_refused") && $0.contains("wrong passphrase") })
    }

    @Test func anImportProtectedWithAgePassphraseLoadsWithThePassphrase() throws {
        let marac = try MaracRun()
        let plain = try marac.file("in.csv", Self.csv)
        // age asks at its terminal: script(1) gives it one, typed twice.
        let made = try Self.tool("/usr/bin/script", ["-q", "-e", "-c", "age -p -o in.age '\(plain)'", "/dev/null"],
                                 in: marac.folder, input: Data("seven lemons\nseven lemons\n".utf8))
        #expect(made.status == 0, "\(made.err)")
        let file = marac.folder.appendingPathComponent("in.age").path
        let asked = try marac("import", "referrals", file)
        #expect(asked.status == 64)
        #expect(asked.errorLines.first?.contains("--passphrase") == true)
        let wrong = try marac.run(["--db", marac.db, "import", "referrals", file, "--passphrase"], environment: ["MARAC_PASSPHRASE": "six lemons"])
        #expect(wrong.status == 65)
        #expect(try marac.referrals().isEmpty)
        let right = try marac.run(["--db", marac.db, "import", "referrals", file, "--passphrase"], environment: ["MARAC_PASSPHRASE": "seven lemons"])
        #expect(right.status == 0, "\(right.err)")
        #expect(try marac.referrals().count == 3)
    }
}
