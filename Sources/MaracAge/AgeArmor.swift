import Foundation

/// The ASCII armor age writes with `-a`: a PEM-like block of padded base64,
/// 64 columns. Accepted on reading; marac writes binary.
enum AgeArmor {
    static let begin = "-----BEGIN AGE ENCRYPTED FILE-----"
    static let end = "-----END AGE ENCRYPTED FILE-----"

    /// The binary age file inside armor, or the source unchanged (with what
    /// was peeked put back) when it is not armored. An armored file is decoded
    /// in memory: armor is for pasting into mail, not for large exports.
    static func unwrapIfArmored(_ source: AgeByteSource) throws -> AgeByteSource {
        var source = source
        var peek = Data()
        let marker = Data(begin.utf8)
        // Leading whitespace is allowed before the armor, as age allows it.
        while true {
            let more = try source.read(upTo: 1024)
            if more.isEmpty { break }
            peek.append(more)
            let text = peek.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            if text.count >= marker.count || peek.count > 4096 { break }
        }
        let text = peek.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard text.starts(with: marker) else { return AgePrefixedSource(prefix: peek, rest: source) }
        var all = peek
        while true {
            let more = try source.read(upTo: 64 * 1024)
            if more.isEmpty { break }
            all.append(more)
            guard all.count < 256 << 20 else { throw AgeError.malformedHeader("the armored file is too large") }
        }
        return AgeDataSource(try decode(all))
    }

    static func decode(_ data: Data) throws -> Data {
        guard let text = String(data: data, encoding: .utf8) else { throw AgeError.notAgeFile }
        // "\r\n" is one Character in Swift, so line ends are normalised first.
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        guard lines.first == Substring(begin) else { throw AgeError.notAgeFile }
        guard lines.count >= 2, lines.last == Substring(end) else { throw AgeError.cutShort }
        let body = lines.dropFirst().dropLast()
        var encoded = ""
        for (index, line) in body.enumerated() {
            let isLast = index == body.count - 1
            guard line.count <= Age.columns, isLast || line.count == Age.columns else {
                throw AgeError.malformedHeader("the armor is not base64 wrapped at 64 columns")
            }
            encoded += line
        }
        guard let decoded = Data(base64Encoded: encoded) else { throw AgeError.malformedHeader("the armor is not valid base64") }
        return decoded
    }
}
