import Foundation
import MaracAge
import Testing

/// Every way a file can be wrong is refused with its own error, never with
/// partial output taken as the whole.
@Suite("age rejects wrong keys, cut-short and altered files")
struct AgeRejectionTests {
    let identity = AgeIdentity.generate()
    /// Three chunks: two full and a short last one.
    let plaintext = sampleBytes(2 * 65_536 + 1_000)

    func sealed() throws -> Data { try Age.encrypt(plaintext, to: [identity.recipient]) }

    /// Where the header ends (after the MAC line's newline).
    func headerLength(_ file: Data) -> Int {
        let marker = Data("\n--- ".utf8)
        let start = file.range(of: marker)!.upperBound
        return file[start...].firstIndex(of: 0x0A)! + 1
    }

    func decrypt(_ file: Data) throws -> Data { try Age.decrypt(file, identities: [identity]) }

    @Test("round trip, and the output of each size decrypts to itself")
    func roundTrip() throws {
        for size in [0, 65_535, 65_536, 65_537, 131_072] {
            let data = sampleBytes(size)
            #expect(try Age.decrypt(try Age.encrypt(data, to: [identity.recipient]), identities: [identity]) == data)
        }
    }

    @Test("a wrong key: no identity matches")
    func wrongKey() throws {
        #expect(throws: AgeError.noIdentityMatches) { try Age.decrypt(try sealed(), identities: [AgeIdentity.generate()]) }
        #expect(throws: AgeError.identityRequired) { try Age.decrypt(try sealed(), passphrase: "anything") }
    }

    @Test("a plain file is not an age file")
    func notAge() throws {
        #expect(throws: AgeError.notAgeFile) { try decrypt(Data("referral_ref,referred_on\n".utf8)) }
        #expect(throws: AgeError.notAgeFile) { try decrypt(Data()) }
        #expect(!Age.looksEncrypted(Data("referral_ref,referred_on\n".utf8)))
    }

    @Test("cut short at several offsets")
    func cutShort() throws {
        let file = try sealed()
        let header = headerLength(file)
        let sealedChunk = 65_536 + 16
        // Inside the version line, inside a stanza, before the MAC, inside the
        // payload nonce, right after the nonce, and at each chunk boundary.
        for cut in [5, 30, header - 10, header + 8, header + 16, header + 16 + sealedChunk, header + 16 + 2 * sealedChunk] {
            #expect(throws: AgeError.cutShort, "cut at \(cut)") { try decrypt(file.prefix(cut)) }
        }
        // Inside a chunk, a cut cannot be told from an alteration.
        for cut in [header + 16 + 100, header + 16 + sealedChunk + 5_000, file.count - 1] {
            #expect(throws: AgeError.payloadAltered, "cut at \(cut)") { try decrypt(file.prefix(cut)) }
        }
    }

    @Test("one flipped byte in the MAC: header altered")
    func headerFlip() throws {
        var file = try sealed()
        let macStart = file.range(of: Data("\n--- ".utf8))!.upperBound
        file[macStart + 3] = file[macStart + 3] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: AgeError.headerAltered) { try decrypt(file) }
    }

    @Test("an altered stanza the key does not use still breaks the header MAC; an altered version line is not age")
    func stanzaFlip() throws {
        let other = AgeIdentity.generate()
        // Our key's stanza first, another recipient's second.
        var file = try Age.encrypt(plaintext, to: [identity.recipient, other.recipient])
        let text = String(decoding: file.prefix(headerLength(file)), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // Line 4 is the second stanza's body; change one base64 character.
        let offset = lines.prefix(4).reduce(0) { $0 + $1.utf8.count + 1 } + 5
        file[offset] = file[offset] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: AgeError.headerAltered) { try decrypt(file) }
        // The other recipient's own stanza is now wrong: for them no key matches.
        #expect(throws: AgeError.noIdentityMatches) { try Age.decrypt(file, identities: [other]) }
        var version = try sealed()
        version[15] ^= 0x01
        #expect(throws: AgeError.notAgeFile) { try decrypt(version) }
    }

    @Test("one flipped byte in the payload's first chunk, the last chunk, the nonce")
    func payloadFlips() throws {
        let file = try sealed()
        let header = headerLength(file)
        for offset in [header + 2, header + 16 + 10, file.count - 20, file.count - 1] {
            var altered = file
            altered[offset] ^= 0x01
            #expect(throws: AgeError.payloadAltered, "flip at \(offset)") { try decrypt(altered) }
        }
    }

    @Test("data after the final chunk")
    func trailing() throws {
        // After a short last chunk the extra bytes make that chunk fail to
        // authenticate (as in the reference implementation): still refused.
        #expect(throws: AgeError.payloadAltered) { try decrypt(try sealed() + Data([0x00])) }
        let full = try Age.encrypt(sampleBytes(65_536), to: [identity.recipient])
        #expect(throws: AgeError.trailingData) { try decrypt(full + Data(repeating: 9, count: 40)) }
    }

    @Test("a passphrase file: wrong passphrase, too high a work factor, scrypt beside another stanza")
    func passphraseRules() throws {
        let file = try Age.encrypt(Data("text".utf8), to: [.passphrase("right")], workFactor: 10)
        #expect(try Age.decrypt(file, passphrase: "right") == Data("text".utf8))
        #expect(throws: AgeError.wrongPassphrase) { try Age.decrypt(file, passphrase: "wrong") }
        let salt = "AAAAAAAAAAAAAAAAAAAAAA", body = String(repeating: "A", count: 43)
        let high = Data("age-encryption.org/v1\n-> scrypt \(salt) 23\n\(body)\n--- \(body)\n".utf8) + Data(count: 40)
        #expect(throws: AgeError.workFactorTooHigh(23)) { try Age.decrypt(high, passphrase: "right") }
        let mixed = Data("age-encryption.org/v1\n-> X25519 \(body)\n\(body)\n-> scrypt \(salt) 10\n\(body)\n--- \(body)\n".utf8) + Data(count: 40)
        #expect(throws: AgeError.scryptNotAlone) { try Age.decrypt(mixed, passphrase: "right") }
        #expect(throws: AgeError.scryptNotAlone) { try Age.encrypt(Data(), to: [.passphrase("p"), identity.recipient]) }
        #expect(throws: AgeError.noRecipients) { try Age.encrypt(Data(), to: []) }
    }

    @Test("keys: a bad checksum, mixed case or wrong prefix is refused")
    func keyParsing() throws {
        let good = identity.publicKey.description
        #expect(try AgePublicKey(parsing: good) == identity.publicKey)
        var bad = Array(good)
        bad[10] = bad[10] == "q" ? "p" : "q"
        #expect(throws: AgeError.invalidRecipient) { try AgeRecipient(parsing: String(bad)) }
        #expect(throws: AgeError.invalidRecipient) { try AgeRecipient(parsing: good.uppercased()) }
        #expect(throws: AgeError.invalidRecipient) { try AgeRecipient(parsing: "age1") }
        #expect(throws: AgeError.invalidRecipient) { try AgeRecipient(parsing: identity.secretKeyText) }
        #expect(throws: AgeError.invalidIdentity) { try AgeIdentity(parsing: good) }
        #expect(try AgeIdentity(parsing: identity.secretKeyText).publicKey == identity.publicKey)
    }

    @Test("the encryptor streams: no write is larger than a sealed chunk, whatever is handed to it")
    func streams() throws {
        var pieces: [Int] = []
        var output = Data()
        let encryptor = try AgeEncryptor(recipients: [identity.recipient]) { pieces.append($0.count); output.append($0) }
        let data = sampleBytes(5 * 65_536 + 17)
        try encryptor.write(data.prefix(100))
        try encryptor.write(data.dropFirst(100))
        try encryptor.finish()
        #expect(pieces.count == 1 + 6)
        #expect(pieces.dropFirst().allSatisfy { $0 <= 65_536 + 16 })
        var plain: [Int] = []
        try AgeDecryptor(identities: [identity]).decrypt(from: AgeDataSource(output)) { plain.append($0.count) }
        #expect(plain == [65_536, 65_536, 65_536, 65_536, 65_536, 17])
        // A write after the seal is an error, not a crash, and adds nothing.
        #expect(throws: AgeError.writeAfterFinish) { try encryptor.write(Data("more".utf8)) }
        #expect(pieces.count == 1 + 6)
    }
}
