import Crypto
import Foundation

/// Opens an age file (binary or ASCII-armored) with identities or a
/// passphrase, handing the plaintext to a sink chunk by chunk. A chunk is
/// handed over only once it has authenticated; a caller that must not act on
/// part of a file (an import) collects everything and acts only when
/// `decrypt` returns.
public struct AgeDecryptor {
    enum Key {
        case identities([AgeIdentity])
        case passphrase(String)
    }
    let key: Key

    public init(identities: [AgeIdentity]) { key = .identities(identities) }
    public init(passphrase: String) { key = .passphrase(passphrase) }

    /// Whether the file is protected by a passphrase (one scrypt stanza),
    /// read from its header alone.
    public static func needsPassphrase(_ source: AgeByteSource) throws -> Bool {
        var reader = AgeHeaderReader(source: try AgeArmor.unwrapIfArmored(source))
        return try reader.read().stanzas.contains { $0.type == "scrypt" }
    }

    public func decrypt(from source: AgeByteSource, to sink: (Data) throws -> Void) throws {
        var reader = AgeHeaderReader(source: try AgeArmor.unwrapIfArmored(source))
        let header = try reader.read()
        let fileKey = try unwrapFileKey(header)
        try header.verify(fileKey: fileKey)
        var input = AgePrefixedSource(prefix: reader.remainder, rest: reader.source)
        try Self.readPayload(from: &input, fileKey: fileKey, to: sink)
    }

    private func unwrapFileKey(_ header: AgeHeader) throws -> SymmetricKey {
        let scrypt = header.stanzas.filter { $0.type == "scrypt" }
        if !scrypt.isEmpty, header.stanzas.count > 1 { throw AgeError.scryptNotAlone }
        switch key {
        case .passphrase(let passphrase):
            guard let stanza = scrypt.first else { throw AgeError.identityRequired }
            return try AgeStanzas.unwrap(stanza, passphrase: passphrase)
        case .identities(let identities):
            guard scrypt.isEmpty else { throw AgeError.passphraseRequired }
            for stanza in header.stanzas where stanza.type == "X25519" {
                for identity in identities {
                    if let fileKey = try AgeStanzas.unwrap(stanza, with: identity) { return fileKey }
                }
            }
            throw AgeError.noIdentityMatches
        }
    }

    /// Reads whole sealed chunks, keeping one byte of look-ahead so each is
    /// known to be last or not before it is opened.
    private static func readPayload(from input: inout AgePrefixedSource, fileKey: SymmetricKey, to sink: (Data) throws -> Void) throws {
        var nonce = Data()
        while nonce.count < 16 {
            let more = try input.read(upTo: 16 - nonce.count)
            guard !more.isEmpty else { throw AgeError.cutShort }
            nonce.append(more)
        }
        var payload = AgePayload(fileKey: fileKey, nonce: nonce)
        let sealedSize = Age.chunkSize + Age.tagSize
        var buffer = Data()
        var atEnd = false
        while true {
            while !atEnd, buffer.count <= sealedSize {
                let more = try input.read(upTo: sealedSize + 1 - buffer.count)
                if more.isEmpty { atEnd = true } else { buffer.append(more) }
            }
            if buffer.count > sealedSize {
                let chunk = Data(buffer.prefix(sealedSize))
                guard let plain = try payload.open(chunk, last: false) else {
                    // A full last chunk with bytes after it: the file itself is fine.
                    var probe = payload
                    if try probe.open(chunk, last: true) != nil { throw AgeError.trailingData }
                    throw AgeError.payloadAltered
                }
                try sink(plain)
                buffer = Data(buffer.dropFirst(sealedSize))
                continue
            }
            // The input ended: what is left must be the last chunk.
            if buffer.isEmpty { throw AgeError.cutShort }
            guard let plain = try payload.open(buffer, last: true) else {
                // A whole chunk that opens as "not last" means the real last one was cut off.
                var probe = payload
                if buffer.count == sealedSize, try probe.open(buffer, last: false) != nil { throw AgeError.cutShort }
                if buffer.count < Age.tagSize { throw AgeError.cutShort }
                throw AgeError.payloadAltered
            }
            // Only the first chunk of an empty file may be empty.
            if plain.isEmpty, payload.counter > 1 { throw AgeError.payloadAltered }
            try sink(plain)
            return
        }
    }
}
