import Foundation

/// The head of the chain as a coordinator writes it down: `HASH:COUNT`, the
/// hex SHA-256 of the last row and the number of rows in the chain.
public struct AuditAnchor: Sendable, Equatable, CustomStringConvertible {
    public var hash: Data
    public var count: Int64

    /// Parses `HASH:COUNT` (64 hex digits, any case; a count ≥ 0).
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 64, let count = Int64(parts[1]), count >= 0 else { return nil }
        var bytes: [UInt8] = []
        var iterator = parts[0].makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let h = high.hexDigitValue, let l = low.hexDigitValue else { return nil }
            bytes.append(UInt8(h << 4 | l))
        }
        self.hash = Data(bytes)
        self.count = count
    }

    public var description: String { hash.map { String(format: "%02x", $0) }.joined() + ":\(count)" }

    public init(hash: Data, count: Int64) {
        self.hash = hash
        self.count = count
    }
}

public enum AuditVerification: Sendable, Equatable {
    /// The chain holds; its head now.
    case intact(AuditAnchor)
    /// The first row where it breaks, as one line (no identities: logins,
    /// times, actions and ids only).
    case broken(position: Int64, message: String)
}
