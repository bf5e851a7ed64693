import Crypto
import CryptoExtras
import Foundation

/// Wrapping and unwrapping the file key for each kind of recipient, as the
/// age v1 spec lays out: X25519 with an ephemeral share, scrypt with a salt
/// and work factor. The wrap is ChaCha20-Poly1305 under a zero nonce, safe
/// because every wrap key is used exactly once.
enum AgeStanzas {
    static let x25519Label = "age-encryption.org/v1/X25519"
    static let scryptLabel = "age-encryption.org/v1/scrypt"
    static let zeroNonce = Data(repeating: 0, count: 12)
    /// The file key is 16 bytes; wrapped, it gains a 16-byte tag.
    static let fileKeySize = 16
    static let wrappedSize = fileKeySize + Age.tagSize

    static func seal(_ fileKey: SymmetricKey, with wrapKey: SymmetricKey) throws -> Data {
        let box = try ChaChaPoly.seal(fileKey.withUnsafeBytes { Data($0) }, using: wrapKey, nonce: ChaChaPoly.Nonce(data: zeroNonce))
        return box.ciphertext + box.tag
    }

    /// The file key, or nil when this wrap key does not open the body.
    static func open(_ body: Data, with wrapKey: SymmetricKey) -> SymmetricKey? {
        guard body.count == wrappedSize,
              let nonce = try? ChaChaPoly.Nonce(data: zeroNonce),
              let box = try? ChaChaPoly.SealedBox(nonce: nonce, ciphertext: body.prefix(fileKeySize), tag: body.suffix(Age.tagSize)),
              let key = try? ChaChaPoly.open(box, using: wrapKey) else { return nil }
        return SymmetricKey(data: key)
    }

    // MARK: X25519

    static func wrap(_ fileKey: SymmetricKey, to recipient: AgePublicKey) throws -> AgeStanza {
        let ephemeral = Curve25519.KeyAgreement.PrivateKey()
        let share = ephemeral.publicKey.rawRepresentation
        let theirs = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: recipient.rawRepresentation)
        let wrapKey = try x25519WrapKey(secret: ephemeral.sharedSecretFromKeyAgreement(with: theirs),
                                        share: share, recipient: recipient.rawRepresentation)
        return AgeStanza(type: "X25519", arguments: [UnpaddedBase64.encode(share)], body: try seal(fileKey, with: wrapKey))
    }

    /// The file key if this stanza was written to the identity; nil if not.
    static func unwrap(_ stanza: AgeStanza, with identity: AgeIdentity) throws -> SymmetricKey? {
        guard stanza.arguments.count == 1, let share = UnpaddedBase64.decode(Substring(stanza.arguments[0])), share.count == 32 else {
            throw AgeError.malformedHeader("an X25519 stanza is not well formed")
        }
        guard stanza.body.count == wrappedSize else { throw AgeError.malformedHeader("an X25519 stanza body has the wrong length") }
        guard let theirs = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: share),
              let secret = try? identity.privateKey.sharedSecretFromKeyAgreement(with: theirs) else {
            throw AgeError.malformedHeader("an X25519 share is not a valid point")
        }
        let wrapKey = try x25519WrapKey(secret: secret, share: share, recipient: identity.publicKey.rawRepresentation)
        return open(stanza.body, with: wrapKey)
    }

    private static func x25519WrapKey(secret: SharedSecret, share: Data, recipient: Data) throws -> SymmetricKey {
        // A low-order share gives an all-zero secret; the spec says refuse it.
        guard secret.withUnsafeBytes({ $0.contains { $0 != 0 } }) else {
            throw AgeError.malformedHeader("an X25519 share gives an all-zero secret")
        }
        return secret.hkdfDerivedSymmetricKey(using: SHA256.self, salt: share + recipient,
                                              sharedInfo: Data(x25519Label.utf8), outputByteCount: 32)
    }

    // MARK: scrypt

    static func wrap(_ fileKey: SymmetricKey, passphrase: String, workFactor: Int) throws -> AgeStanza {
        var salt = Data(count: 16)
        salt.withUnsafeMutableBytes { bytes in
            var generator = SystemRandomNumberGenerator()
            for i in bytes.indices { bytes[i] = generator.next() }
        }
        let wrapKey = try scryptKey(passphrase: passphrase, salt: salt, workFactor: workFactor)
        return AgeStanza(type: "scrypt", arguments: [UnpaddedBase64.encode(salt), String(workFactor)],
                         body: try seal(fileKey, with: wrapKey))
    }

    static func unwrap(_ stanza: AgeStanza, passphrase: String) throws -> SymmetricKey {
        guard stanza.arguments.count == 2, let salt = UnpaddedBase64.decode(Substring(stanza.arguments[0])), salt.count == 16,
              let logN = workFactor(stanza.arguments[1]) else {
            throw AgeError.malformedHeader("the scrypt stanza is not well formed")
        }
        guard stanza.body.count == wrappedSize else { throw AgeError.malformedHeader("the scrypt stanza body has the wrong length") }
        guard logN <= Age.maximumWorkFactor else { throw AgeError.workFactorTooHigh(logN) }
        guard let fileKey = open(stanza.body, with: try scryptKey(passphrase: passphrase, salt: salt, workFactor: logN)) else {
            throw AgeError.wrongPassphrase
        }
        return fileKey
    }

    /// A decimal work factor with no sign or leading zero, 1 to 63.
    private static func workFactor(_ text: String) -> Int? {
        guard let first = text.utf8.first, first != UInt8(ascii: "0"), text.utf8.count <= 2,
              text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = Int(text), value >= 1, value <= 63 else { return nil }
        return value
    }

    private static func scryptKey(passphrase: String, salt: Data, workFactor: Int) throws -> SymmetricKey {
        do {
            return try KDF.Scrypt.deriveKey(from: Data(passphrase.utf8), salt: Data(scryptLabel.utf8) + salt,
                                            outputByteCount: 32, rounds: 1 << workFactor, blockSize: 8, parallelism: 1)
        } catch {
            throw AgeError.cryptoFailure("scrypt could not run at work factor 2^\(workFactor)")
        }
    }
}
