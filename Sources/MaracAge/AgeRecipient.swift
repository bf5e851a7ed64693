import Crypto
import Foundation

/// Who a file is encrypted to: an X25519 public key (`age1…`), as an agency
/// gives it from `age-keygen`, or a passphrase for an agency with no key.
public enum AgeRecipient: Sendable, Equatable, CustomStringConvertible {
    case x25519(AgePublicKey)
    case passphrase(String)

    /// Parses an `age1…` public key.
    public init(parsing text: String) throws {
        self = .x25519(try AgePublicKey(parsing: text))
    }

    /// The key as written (`age1…`), or "passphrase"; never the passphrase itself.
    public var description: String {
        switch self {
        case .x25519(let key): key.description
        case .passphrase: "passphrase"
        }
    }
}

/// An X25519 public key, spelled `age1…` (bech32, lower case).
public struct AgePublicKey: Sendable, Hashable, CustomStringConvertible {
    /// The 32 raw bytes of the Curve25519 point.
    public let rawRepresentation: Data

    public init(rawRepresentation: Data) throws {
        guard rawRepresentation.count == 32 else { throw AgeError.invalidRecipient }
        self.rawRepresentation = rawRepresentation
    }

    /// A key known to be 32 bytes (from a Curve25519 key).
    init(checked rawRepresentation: Data) { self.rawRepresentation = rawRepresentation }

    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // Public keys are lower case; age itself refuses an upper-case spelling.
        guard trimmed == trimmed.lowercased(),
              let decoded = Bech32.decode(trimmed), decoded.hrp == "age", decoded.data.count == 32 else {
            throw AgeError.invalidRecipient
        }
        rawRepresentation = Data(decoded.data)
    }

    public var description: String { Bech32.encode(hrp: "age", data: Array(rawRepresentation)) }
}
