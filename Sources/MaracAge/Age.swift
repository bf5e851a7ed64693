import Foundation

/// age v1 (age-encryption.org/v1), the format circulation packs are written
/// in so an agency opens them with the standard `age` tool. Every primitive
/// (X25519, ChaCha20-Poly1305, HKDF-SHA256, HMAC-SHA256, scrypt) is
/// swift-crypto's; this module only lays out the format around them.
public enum Age {
    /// Header lines (stanza bodies) wrap at 64 columns.
    static let columns = 64
    /// Plaintext chunk size of the payload stream.
    static let chunkSize = 64 * 1024
    /// ChaCha20-Poly1305 tag length.
    static let tagSize = 16

    /// The scrypt work factor marac writes: 2^18, age's own default, about a
    /// second and 256 MiB on a laptop, so guessing a passphrase stays costly
    /// while opening a pack stays quick.
    public static let encryptionWorkFactor = 18
    /// The highest work factor accepted on reading (age's own cap): 2^22 already
    /// needs 4 GiB; a higher one in a received file would only exhaust the machine.
    public static let maximumWorkFactor = 22

    /// Encrypts bytes in memory to the recipients (small files; packs stream
    /// through `AgeEncryptor`).
    public static func encrypt(_ plaintext: Data, to recipients: [AgeRecipient], workFactor: Int = encryptionWorkFactor) throws -> Data {
        var output = Data()
        let encryptor = try AgeEncryptor(recipients: recipients, workFactor: workFactor) { output.append($0) }
        try encryptor.write(plaintext)
        try encryptor.finish()
        return output
    }

    /// Decrypts a whole file in memory with any of the identities.
    public static func decrypt(_ file: Data, identities: [AgeIdentity]) throws -> Data {
        var output = Data()
        try AgeDecryptor(identities: identities).decrypt(from: AgeDataSource(file)) { output.append($0) }
        return output
    }

    /// Decrypts a whole passphrase-protected file in memory.
    public static func decrypt(_ file: Data, passphrase: String) throws -> Data {
        var output = Data()
        try AgeDecryptor(passphrase: passphrase).decrypt(from: AgeDataSource(file)) { output.append($0) }
        return output
    }

    /// Whether these first bytes of a file look like age (binary or armored),
    /// so an importer can tell an encrypted file from a plain CSV.
    public static func looksEncrypted(_ prefix: Data) -> Bool {
        let text = prefix.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        return text.starts(with: Data((AgeHeader.versionLine + "\n").utf8)) || text.starts(with: Data(AgeArmor.begin.utf8))
    }
}
