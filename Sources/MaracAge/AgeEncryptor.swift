import Crypto
import Foundation

/// Writes an age file piece by piece: the header at once, then each 64 KiB
/// chunk as soon as the next byte shows it is not the last, so a
/// million-row export passes through without being held whole.
public final class AgeEncryptor {
    private let sink: (Data) throws -> Void
    private var payload: AgePayload
    private var pending = Data()
    private var finished = false

    /// - Parameters:
    ///   - recipients: keys and/or one passphrase. A passphrase must be the only
    ///     recipient (the spec's rule: otherwise anyone holding the passphrase
    ///     could not tell whether others can read the file too).
    ///   - workFactor: scrypt's log2(N) for a passphrase (18 unless testing).
    ///   - sink: receives the encrypted bytes in order.
    public init(recipients: [AgeRecipient], workFactor: Int = Age.encryptionWorkFactor, sink: @escaping (Data) throws -> Void) throws {
        guard !recipients.isEmpty else { throw AgeError.noRecipients }
        let passphrases = recipients.filter { if case .passphrase = $0 { true } else { false } }
        guard passphrases.isEmpty || recipients.count == 1 else { throw AgeError.scryptNotAlone }
        let fileKey = SymmetricKey(size: .bits128)
        let stanzas = try recipients.map { recipient -> AgeStanza in
            switch recipient {
            case .x25519(let key): return try AgeStanzas.wrap(fileKey, to: key)
            case .passphrase(let passphrase):
                guard !passphrase.isEmpty else { throw AgeError.emptyPassphrase }
                return try AgeStanzas.wrap(fileKey, passphrase: passphrase, workFactor: workFactor)
            }
        }
        let nonce = Data(SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) })
        self.sink = sink
        payload = AgePayload(fileKey: fileKey, nonce: nonce)
        try sink(AgeHeader.encode(stanzas: stanzas, fileKey: fileKey) + nonce)
    }

    /// Adds plaintext. Full chunks go out once more bytes follow them.
    public func write(_ data: Data) throws {
        // Bytes after the last chunk would make a file no reader accepts.
        guard !finished else { throw AgeError.writeAfterFinish }
        pending.append(data)
        guard pending.count > Age.chunkSize else { return }
        // Seal from an offset and keep the rest once: copying the remainder
        // after every chunk made a 1 MiB write cost sixteen copies of itself.
        var start = pending.startIndex
        while pending.endIndex - start > Age.chunkSize {
            let end = start + Age.chunkSize
            try sink(try payload.seal(pending[start..<end], last: false))
            start = end
        }
        pending = Data(pending[start...])
    }

    /// Seals what is left as the last chunk (an empty one only for an empty file).
    public func finish() throws {
        guard !finished else { return }
        finished = true
        try sink(try payload.seal(pending, last: true))
        pending = Data()
    }
}
