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
        #expect(access.out.contains("sent in a pack encrypted to agency police"))
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
        #expect(try marac("audit", "access", "P-01").out.contains("sent in a pack encrypted to a passphrase"))
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
}
