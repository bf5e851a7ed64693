import Foundation
import MaracAge
import Testing

/// marac's age against the real `age` program, both ways, at the sizes where
/// the chunking can go wrong: empty, exactly one chunk, one byte over, and
/// several MiB.
@Suite("age interoperability with /usr/bin/age")
struct AgeInteropTests {
    static let sizes = [0, 1, 65_536, 65_537, 3 * 1_048_576 + 12_345]

    @Test("marac encrypts to several keys; age -d opens it with each", arguments: sizes)
    func maracToAge(size: Int) throws {
        let tool = try AgeTool()
        let first = try tool.keygen("one.key"), second = try tool.keygen("two.key")
        let plaintext = sampleBytes(size)
        let file = try Age.encrypt(plaintext, to: [try AgeRecipient(parsing: first.publicKey), try AgeRecipient(parsing: second.publicKey)])
        let encrypted = try tool.write("pack.age", file)
        for key in [first.file, second.file] {
            // To stdout: age creates no -o file for an empty plaintext.
            let result = try tool.age("-d", "-i", key, encrypted)
            #expect(result.status == 0, "\(result.err)")
            #expect(result.out == plaintext)
        }
    }

    @Test("age -r encrypts; marac decrypts", arguments: sizes)
    func ageToMarac(size: Int) throws {
        let tool = try AgeTool()
        let key = try tool.keygen("agency.key")
        let plaintext = sampleBytes(size, seed: 3)
        let input = try tool.write("plain", plaintext)
        let result = try tool.age("-r", key.publicKey, "-o", tool.path("in.age"), input)
        #expect(result.status == 0, "\(result.err)")
        let identities = try AgeIdentity.parseFile(try String(contentsOfFile: key.file, encoding: .utf8))
        #expect(try Age.decrypt(try tool.read("in.age"), identities: identities) == plaintext)
    }

    @Test("age -a (armored) encrypts; marac decrypts")
    func armored() throws {
        let tool = try AgeTool()
        let key = try tool.keygen("k")
        let plaintext = sampleBytes(100_000)
        let input = try tool.write("plain", plaintext)
        #expect(try tool.age("-a", "-r", key.publicKey, "-o", tool.path("in.age"), input).status == 0)
        let armored = try tool.read("in.age")
        #expect(String(decoding: armored.prefix(34), as: UTF8.self) == "-----BEGIN AGE ENCRYPTED FILE-----")
        let identities = try AgeIdentity.parseFile(try String(contentsOfFile: key.file, encoding: .utf8))
        #expect(try Age.decrypt(armored, identities: identities) == plaintext)
        #expect(Age.looksEncrypted(armored))
    }

    @Test("the key age-keygen writes parses to the same public key; ours reads back with age-keygen -y")
    func keys() throws {
        let tool = try AgeTool()
        let key = try tool.keygen("k")
        let identity = try AgeIdentity.parseFile(try String(contentsOfFile: key.file, encoding: .utf8))[0]
        #expect(identity.publicKey.description == key.publicKey)
        let ours = AgeIdentity.generate()
        let file = try tool.write("ours.key", Data((ours.secretKeyText + "\n").utf8))
        let result = try tool.run("/usr/bin/age-keygen", ["-y", file])
        #expect(result.status == 0, "\(result.err)")
        #expect(String(decoding: result.out, as: UTF8.self) == ours.publicKey.description + "\n")
        #expect(ours.secretKeyText.hasPrefix("AGE-SECRET-KEY-1"))
        #expect(ours.publicKey.description.hasPrefix("age1"))
    }

    @Test("marac encrypts with a passphrase; age -d opens it at its terminal prompt")
    func passphraseToAge() throws {
        let tool = try AgeTool()
        let plaintext = sampleBytes(70_000)
        let file = try Age.encrypt(plaintext, to: [.passphrase("correct horse battery")])
        #expect(String(decoding: file.prefix(64), as: UTF8.self).contains("-> scrypt "))
        #expect(String(decoding: file.prefix(80), as: UTF8.self).contains(" 18\n"))
        let encrypted = try tool.write("p.age", file)
        let result = try tool.ageWithTerminal(["-d", "-o", tool.path("out"), encrypted], typing: ["correct horse battery"])
        #expect(result.status == 0, "\(result.err)")
        #expect(try tool.read("out") == plaintext)
        let wrong = try tool.ageWithTerminal(["-d", "-o", tool.path("out2"), encrypted], typing: ["wrong horse"])
        #expect(wrong.status != 0)
        let leftover = (try? tool.read("out2")) ?? Data()
        #expect(leftover.isEmpty)
    }

    @Test("age -p encrypts; marac decrypts with the passphrase and refuses a wrong one")
    func ageToMaracPassphrase() throws {
        let tool = try AgeTool()
        let plaintext = sampleBytes(65_537)
        let input = try tool.write("plain", plaintext)
        let result = try tool.ageWithTerminal(["-p", "-o", tool.path("p.age"), input], typing: ["a long passphrase", "a long passphrase"])
        #expect(result.status == 0, "\(result.err)")
        let file = try tool.read("p.age")
        #expect(try Age.decrypt(file, passphrase: "a long passphrase") == plaintext)
        #expect(throws: AgeError.wrongPassphrase) { try Age.decrypt(file, passphrase: "a wrong passphrase") }
        #expect(throws: AgeError.passphraseRequired) { try Age.decrypt(file, identities: [AgeIdentity.generate()]) }
        #expect(try AgeDecryptor.needsPassphrase(AgeDataSource(file)))
    }
}
