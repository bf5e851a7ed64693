import Crypto
import Foundation

/// The payload stream: the plaintext cut into 64 KiB chunks, each sealed with
/// ChaCha20-Poly1305 under a nonce of an 11-byte big-endian counter and a
/// last-chunk flag, so chunks can be neither reordered, dropped nor cut off.
struct AgePayload {
    let key: SymmetricKey
    private(set) var counter: UInt64 = 0

    /// The payload key from the file key and the 16-byte nonce that starts the payload.
    init(fileKey: SymmetricKey, nonce: Data) {
        key = HKDF<SHA256>.deriveKey(inputKeyMaterial: fileKey, salt: nonce, info: Data("payload".utf8), outputByteCount: 32)
    }

    private func nonce(last: Bool) throws -> ChaChaPoly.Nonce {
        var bytes = Data(repeating: 0, count: 12)
        var value = counter
        for i in stride(from: 10, through: 3, by: -1) {
            bytes[i] = UInt8(value & 0xff)
            value >>= 8
        }
        bytes[11] = last ? 1 : 0
        return try ChaChaPoly.Nonce(data: bytes)
    }

    mutating func seal(_ chunk: Data, last: Bool) throws -> Data {
        let box = try ChaChaPoly.seal(chunk, using: key, nonce: nonce(last: last))
        counter += 1
        return box.ciphertext + box.tag
    }

    /// The plaintext, or nil when the chunk does not authenticate as this
    /// position (and last-or-not).
    mutating func open(_ chunk: Data, last: Bool) throws -> Data? {
        guard chunk.count >= Age.tagSize,
              let box = try? ChaChaPoly.SealedBox(nonce: nonce(last: last), ciphertext: chunk.dropLast(Age.tagSize), tag: chunk.suffix(Age.tagSize)),
              let plain = try? ChaChaPoly.open(box, using: key) else { return nil }
        counter += 1
        return plain
    }
}
