import Crypto
import Foundation

/// An X25519 secret key that opens files sent to its public key. Spelled
/// `AGE-SECRET-KEY-1…` (bech32, upper case), the form `age-keygen` writes.
public struct AgeIdentity: Sendable {
    let privateKey: Curve25519.KeyAgreement.PrivateKey

    /// A fresh random key.
    public static func generate() -> AgeIdentity {
        AgeIdentity(privateKey: Curve25519.KeyAgreement.PrivateKey())
    }

    init(privateKey: Curve25519.KeyAgreement.PrivateKey) { self.privateKey = privateKey }

    /// Parses one `AGE-SECRET-KEY-1…` line.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let decoded = Bech32.decode(trimmed), decoded.hrp == "age-secret-key-", decoded.data.count == 32,
              let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: decoded.data) else {
            throw AgeError.invalidIdentity
        }
        privateKey = key
    }

    /// Every identity in an identity file as `age-keygen` writes it: one key a
    /// line, with `#` comments and blank lines ignored.
    public static func parseFile(_ text: String) throws -> [AgeIdentity] {
        let identities = try text.split(whereSeparator: \.isNewline).compactMap { line -> AgeIdentity? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { return nil }
            return try AgeIdentity(parsing: trimmed)
        }
        guard !identities.isEmpty else { throw AgeError.invalidIdentity }
        return identities
    }

    /// The secret key as `age-keygen` writes it. Only for storing it; never print it.
    public var secretKeyText: String {
        Bech32.encode(hrp: "age-secret-key-", data: Array(privateKey.rawRepresentation)).uppercased()
    }

    public var publicKey: AgePublicKey {
        // A Curve25519 public key is always 32 bytes.
        AgePublicKey(checked: privateKey.publicKey.rawRepresentation)
    }

    public var recipient: AgeRecipient { .x25519(publicKey) }
}
