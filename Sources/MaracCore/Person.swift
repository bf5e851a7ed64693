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

/// Who a person is for matching: the same victim is the same name and date
/// of birth, the name folded exactly as search folds it (`NameFolding`:
/// case, accents, apostrophes of every kind, hyphens and spacing do not
/// matter), so "Siobhán O'Connor" and "Siobhan O’Connor" born the same day
/// are one person, and search and matching can never disagree.
public struct IdentityKey: Hashable, Sendable {
    public let name: String
    public let dob: Day?

    public init(name: String, dob: Day?) {
        self.name = IdentityKey.normalise(name)
        self.dob = dob
    }

    /// The name as `person.name_key` holds it.
    public static func normalise(_ name: String) -> String { NameFolding.fold(name) }
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
