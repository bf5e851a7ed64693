import Foundation

public enum PersonRole: String, Sendable, Codable {
    case victim, perpetrator, child
}

public enum Gender: String, CaseIterable, Sendable, Codable {
    case female, male, other, unknown
}

public enum Ethnicity: String, CaseIterable, Sendable, Codable {
    case white, mixed, asian, black, other, unknown

    /// SafeLives' "racially minoritised": any recorded ethnicity other than white.
    public var isRaciallyMinoritised: Bool? {
        switch self {
        case .white: false
        case .unknown: nil
        default: true
        }
    }
}

/// yes / no / unknown, as the referral form records disability and LGBT+.
public enum TriState: String, CaseIterable, Sendable, Codable {
    case yes, no, unknown
}

/// Who a person is for matching: the same victim is the same normalised name
/// and date of birth. Names are compared case-, accent-width- and
/// space-insensitively so "Amina  Begum" and "amina begum" are one person.
public struct IdentityKey: Hashable, Sendable {
    public let name: String
    public let dob: Day?

    public init(name: String, dob: Day?) {
        self.name = IdentityKey.normalise(name)
        self.dob = dob
    }

    public static func normalise(_ name: String) -> String {
        normaliseASCII(name) ?? normaliseUnicode(name)
    }

    /// The general rule, for any name.
    static func normaliseUnicode(_ name: String) -> String {
        let folded = name.precomposedStringWithCanonicalMapping.lowercased()
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The same for a name that is all ASCII, without Unicode normalisation:
    /// ASCII is already composed, lower-casing it is A–Z to a–z, and its only
    /// white space is tab to carriage return and the space. Nil otherwise.
    /// `IdentityKeyTests` checks the two agree.
    static func normaliseASCII(_ name: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for byte in name.utf8 {
            if byte >= 0x80 { return nil }
            if byte == 0x20 || (0x09...0x0D).contains(byte) { pendingSpace = true; continue }
            if pendingSpace, !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Validates the closed vocabularies of the import format.
public enum Vocabulary {
    public static func parse<T: RawRepresentable & CaseIterable>(_ text: String, as: T.Type, field: String) throws(FieldError) -> T where T.RawValue == String {
        let code = text.trimmed(.whitespaces).lowercased()
        guard let value = T(rawValue: code) else {
            throw FieldError(field, "\(FieldLimits.quoted(text))is not allowed; use one of \(T.allCases.map(\.rawValue).joined(separator: " "))")
        }
        return value
    }
}
