/// Why an age file could not be read or written. Each case is one sentence a
/// coordinator can act on; none carries key material or file contents.
public enum AgeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input does not start with the age v1 header (or armor around one).
    case notAgeFile
    /// The header is not well formed (a stanza, its body or the MAC line).
    case malformedHeader(String)
    /// None of the given identities opens any of the file's recipient stanzas.
    case noIdentityMatches
    /// The file is protected by a passphrase but keys were offered.
    case passphraseRequired
    /// The file is encrypted to keys but a passphrase was offered.
    case identityRequired
    /// The scrypt stanza did not open with this passphrase.
    case wrongPassphrase
    /// A passphrase file must carry exactly one stanza; this one has others too.
    case scryptNotAlone
    /// The scrypt work factor is above the cap (2^22); opening it could take
    /// gigabytes of memory and minutes, so it is refused.
    case workFactorTooHigh(Int)
    /// The header MAC does not match: the header was altered after writing.
    case headerAltered
    /// The file ends before its final chunk (or inside the header or nonce).
    case cutShort
    /// A payload chunk failed authentication: the content was altered (or cut
    /// inside a chunk, which cannot be told apart from an alteration).
    case payloadAltered
    /// Bytes follow the final chunk.
    case trailingData
    /// Encrypting needs at least one recipient.
    case noRecipients
    /// A recipient string is not an `age1…` public key.
    case invalidRecipient
    /// An identity string is not an `AGE-SECRET-KEY-1…` secret key.
    case invalidIdentity
    /// The passphrase is empty.
    case emptyPassphrase
    /// More was written after the file was sealed.
    case writeAfterFinish
    /// The underlying primitive failed (scrypt could not get its memory, say).
    case cryptoFailure(String)

    public var description: String {
        switch self {
        case .notAgeFile: "the file is not an age-encrypted file"
        case .malformedHeader(let what): "the age header is malformed: \(what)"
        case .noIdentityMatches: "no key here opens this file: it was encrypted to other recipients (wrong key)"
        case .passphraseRequired: "the file is protected by a passphrase, not encrypted to a key"
        case .identityRequired: "the file is encrypted to keys, not protected by a passphrase"
        case .wrongPassphrase: "wrong passphrase: the file did not open with it"
        case .scryptNotAlone: "a passphrase-protected age file must have no other recipients"
        case .workFactorTooHigh(let logN): "the passphrase work factor 2^\(logN) is above the limit 2^\(Age.maximumWorkFactor); refusing to spend the memory and time"
        case .headerAltered: "the age header was altered: its MAC does not match"
        case .cutShort: "the file is cut short: it ends before its final chunk"
        case .payloadAltered: "the file was altered or cut inside a chunk: its content failed authentication"
        case .trailingData: "the file has data after its final chunk"
        case .noRecipients: "encrypting needs at least one recipient or a passphrase"
        case .invalidRecipient: "not an age public key (expected age1…)"
        case .invalidIdentity: "not an age secret key (expected AGE-SECRET-KEY-1…)"
        case .emptyPassphrase: "the passphrase is empty"
        case .writeAfterFinish: "nothing can be added to an age file after its last chunk is sealed"
        case .cryptoFailure(let what): "encryption failed: \(what)"
        }
    }
}
