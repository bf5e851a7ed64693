import Crypto
import Foundation

/// The MARAC's Ed25519 signing key (issue 25): age encrypts a transfer to the
/// receiving MARAC but says nothing of who wrote it, so the sending MARAC
/// signs the manifest and the receiver checks it against the key it
/// recorded for that MARAC. swift-crypto does the signing; nothing here is
/// hand-written crypto, only the spelling of keys as text.
public struct SigningKey: Sendable {
    let privateKey: Curve25519.Signing.PrivateKey

    /// A fresh random key.
    public static func generate() -> SigningKey { SigningKey(privateKey: Curve25519.Signing.PrivateKey()) }

    init(privateKey: Curve25519.Signing.PrivateKey) { self.privateKey = privateKey }

    /// Parses the stored secret (`secretKeyText`).
    public init(parsing text: String) throws {
        guard text.hasPrefix(Self.secretPrefix), let raw = Data(base64Encoded: String(text.dropFirst(Self.secretPrefix.count))),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else { throw AgeError.invalidIdentity }
        privateKey = key
    }

    static let secretPrefix = "marac-signing-secret:"

    /// The secret as stored. Only for storing it; never print it.
    public var secretKeyText: String { Self.secretPrefix + privateKey.rawRepresentation.base64EncodedString() }

    /// The public key as peers record it (`ed25519:` and 44 base64 characters).
    public var publicKey: SigningPublicKey { SigningPublicKey(key: privateKey.publicKey) }

    /// The signature of `message`, base64.
    public func signature(for message: Data) throws -> String {
        try privateKey.signature(for: message).base64EncodedString()
    }
}

/// Another MARAC's signing public key, as its `marac key show --signing` prints it.
public struct SigningPublicKey: Sendable, Equatable, CustomStringConvertible {
    let key: Curve25519.Signing.PublicKey

    init(key: Curve25519.Signing.PublicKey) { self.key = key }

    public init(parsing text: String) throws {
        guard text.hasPrefix(Self.prefix), let raw = Data(base64Encoded: String(text.dropFirst(Self.prefix.count))), raw.count == 32,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { throw AgeError.invalidRecipient }
        self.key = key
    }

    static let prefix = "ed25519:"

    public var description: String { Self.prefix + key.rawRepresentation.base64EncodedString() }

    /// Whether `signature` (base64) is this key's signature of `message`.
    public func isValidSignature(_ signature: String, for message: Data) -> Bool {
        guard let bytes = Data(base64Encoded: signature) else { return false }
        return key.isValidSignature(bytes, for: message)
    }

    public static func == (a: SigningPublicKey, b: SigningPublicKey) -> Bool { a.key.rawRepresentation == b.key.rawRepresentation }
}
