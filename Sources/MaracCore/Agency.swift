import Foundation

/// The 14 referral routes SafeLives reports on. They double as the agencies at
/// the table; a partnership adds its local agencies beside them (store: agency table).
public enum ReferralRoute: String, CaseIterable, Sendable, Codable {
    case police
    case idva
    case childrensSocialCare = "childrens_social_care"
    case adultSocialCare = "adult_social_care"
    case primaryCare = "primary_care"
    case acuteHealth = "acute_health"
    case mentalHealth = "mental_health"
    case substanceMisuse = "substance_misuse"
    case probation
    case voluntary
    case mash
    case education
    case housing
    case other

    public var displayName: String {
        switch self {
        case .police: "Police"
        case .idva: "IDVA service"
        case .childrensSocialCare: "Children's social care"
        case .adultSocialCare: "Adult social care"
        case .primaryCare: "Primary care"
        case .acuteHealth: "Acute health"
        case .mentalHealth: "Mental health"
        case .substanceMisuse: "Substance misuse"
        case .probation: "Probation"
        case .voluntary: "Voluntary sector"
        case .mash: "MASH"
        case .education: "Education"
        case .housing: "Housing"
        case .other: "Other"
        }
    }

    public static func parse(_ text: String, field: String) throws(FieldError) -> ReferralRoute {
        let code = text.trimmed(.whitespaces).lowercased()
        guard let route = ReferralRoute(rawValue: code) else {
            throw FieldError(field, "\(FieldLimits.quoted(text))is not a referral route; use one of \(allCases.map(\.rawValue).joined(separator: " "))")
        }
        return route
    }
}

/// An agency code: one of the 14 routes or a local agency the partnership added.
/// Codes are lower-case words joined by underscores so they survive CSV and shells.
public struct AgencyCode: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(_ route: ReferralRoute) { rawValue = route.rawValue }

    public init(validating text: String, field: String = "agency") throws(FieldError) {
        let code = text.trimmed(.whitespaces).lowercased()
        guard !code.isEmpty, code.count <= 40,
              code.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            throw FieldError(field, "\(FieldLimits.quoted(text))is not an agency code (lower-case letters, digits and _)")
        }
        rawValue = code
    }

    public var route: ReferralRoute? { ReferralRoute(rawValue: rawValue) }
    public var description: String { rawValue }

    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
