import Crypto
import Foundation

/// One recipient stanza: `-> TYPE ARG...` and a base64 body wrapped at 64 columns.
struct AgeStanza: Equatable {
    var type: String
    var arguments: [String]
    var body: Data

    /// The stanza as it appears in the header, each line ending in a newline.
    /// A body whose encoding fills its last line exactly is followed by an
    /// empty line, so a reader knows the body ended.
    var text: String {
        var lines = "-> " + ([type] + arguments).joined(separator: " ") + "\n"
        let encoded = Array(UnpaddedBase64.encode(body))
        var start = 0
        while true {
            let end = min(start + Age.columns, encoded.count)
            lines += String(encoded[start..<end]) + "\n"
            if end - start < Age.columns { break }
            start = end
        }
        return lines
    }
}

/// The header of an age v1 file: the version line, the stanzas and the MAC.
struct AgeHeader {
    static let versionLine = "age-encryption.org/v1"
    var stanzas: [AgeStanza]
    var mac: Data

    /// The bytes the MAC covers: everything up to and including `---`.
    static func macInput(_ stanzas: [AgeStanza]) -> Data {
        Data((versionLine + "\n" + stanzas.map(\.text).joined() + "---").utf8)
    }

    static func mac(fileKey: SymmetricKey, stanzas: [AgeStanza]) -> Data {
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: fileKey, salt: Data(), info: Data("header".utf8), outputByteCount: 32)
        return Data(HMAC<SHA256>.authenticationCode(for: macInput(stanzas), using: key))
    }

    /// The full header text, ending with the MAC line's newline.
    static func encode(stanzas: [AgeStanza], fileKey: SymmetricKey) -> Data {
        macInput(stanzas) + Data((" " + UnpaddedBase64.encode(mac(fileKey: fileKey, stanzas: stanzas)) + "\n").utf8)
    }

    /// Checks the MAC against the file key a stanza gave.
    func verify(fileKey: SymmetricKey) throws {
        // HMAC's own comparison is constant-time.
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: fileKey, salt: Data(), info: Data("header".utf8), outputByteCount: 32)
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Self.macInput(stanzas), using: key) else {
            throw AgeError.headerAltered
        }
    }
}

/// Reads a header line by line from a byte source, keeping what follows it
/// (the payload) for the stream reader. Parsing is strict, as the reference
/// implementation's: single spaces, canonical base64, bodies wrapped at 64.
struct AgeHeaderReader {
    /// A header larger than this is refused rather than buffered without end.
    static let maximumSize = 1 << 20

    var source: AgeByteSource
    private(set) var buffer = Data()
    private var consumed = 0
    private var atEnd = false

    init(source: AgeByteSource) { self.source = source }

    /// The bytes read past the header: the start of the payload.
    var remainder: Data { buffer.subdata(in: buffer.startIndex + consumed..<buffer.endIndex) }

    /// The next line without its newline; nil at the end of the input.
    private mutating func line() throws -> Substring? {
        while true {
            let start = buffer.startIndex + consumed
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                consumed = newline + 1 - buffer.startIndex
                guard let text = String(data: buffer[start..<newline], encoding: .utf8) else {
                    throw AgeError.malformedHeader("a line is not text")
                }
                return Substring(text)
            }
            if atEnd { return nil }
            guard buffer.count < Self.maximumSize else { throw AgeError.malformedHeader("the header is too large") }
            let more = try source.read(upTo: 16 * 1024)
            if more.isEmpty { atEnd = true } else { buffer.append(more) }
        }
    }

    /// Reads until the buffer holds `count` bytes or the input ends.
    private mutating func fill(_ count: Int) throws {
        while !atEnd, buffer.count < count {
            let more = try source.read(upTo: 16 * 1024)
            if more.isEmpty { atEnd = true } else { buffer.append(more) }
        }
    }

    mutating func read() throws -> AgeHeader {
        // Anything that does not begin like an age file is refused before
        // reading further, whatever its size.
        let version = Data((AgeHeader.versionLine + "\n").utf8)
        try fill(version.count)
        let start = buffer.prefix(version.count)
        guard version.starts(with: start) else { throw AgeError.notAgeFile }
        guard start.count == version.count else { throw start.isEmpty ? AgeError.notAgeFile : AgeError.cutShort }
        guard let first = try line(), first == AgeHeader.versionLine else { throw AgeError.notAgeFile }
        var stanzas: [AgeStanza] = []
        guard var current = try line() else { throw AgeError.cutShort }
        while true {
            if current.hasPrefix("---") {
                let parts = current.split(separator: " ", omittingEmptySubsequences: false)
                guard parts.count == 2, parts[0] == "---", let mac = UnpaddedBase64.decode(parts[1]), mac.count == 32 else {
                    throw AgeError.malformedHeader("the MAC line is not well formed")
                }
                guard !stanzas.isEmpty else { throw AgeError.malformedHeader("the header has no recipients") }
                return AgeHeader(stanzas: stanzas, mac: mac)
            }
            guard current.hasPrefix("-> ") else { throw AgeError.malformedHeader("a line is neither a stanza nor the MAC") }
            let words = current.dropFirst(3).split(separator: " ", omittingEmptySubsequences: false)
            guard !words.isEmpty, words.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 33 && $0 <= 126 } }) else {
                throw AgeError.malformedHeader("a stanza's arguments are not well formed")
            }
            var body = Data()
            while true {
                guard let bodyLine = try line() else { throw AgeError.cutShort }
                guard bodyLine.utf8.count <= Age.columns, let bytes = UnpaddedBase64.decode(bodyLine) else {
                    throw AgeError.malformedHeader("a stanza body is not base64 wrapped at 64 columns")
                }
                body.append(bytes)
                if bodyLine.utf8.count < Age.columns { break }
            }
            stanzas.append(AgeStanza(type: String(words[0]), arguments: words.dropFirst().map(String.init), body: body))
            guard let next = try line() else { throw AgeError.cutShort }
            current = next
        }
    }
}
