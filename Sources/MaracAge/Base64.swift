import Foundation

/// age writes base64 (standard alphabet) without padding, and reads it
/// strictly: a non-canonical spelling is a different file, so it is refused.
enum UnpaddedBase64 {
    static func encode(_ data: some DataProtocol) -> String {
        var text = Data(data).base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    static func decode(_ text: Substring) -> Data? {
        guard !text.contains("=") else { return nil }
        var padded = String(text)
        switch padded.utf8.count % 4 {
        case 0: break
        case 2: padded += "=="
        case 3: padded += "="
        default: return nil
        }
        guard let data = Data(base64Encoded: padded), encode(data) == text else { return nil }
        return data
    }
}
