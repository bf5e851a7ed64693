/// The kind of abuse or crime a referral or an incident describes (issue 23),
/// in SafeLives' words. A referral or incident may carry several; files and
/// flags write them as codes with `;` between.
public enum AbuseType: String, CaseIterable, Sendable, Comparable {
    case physical
    case sexual
    case coerciveControl = "coercive_control"
    case stalkingHarassment = "stalking_harassment"
    case threats
    case economic
    case damageToProperty = "damage_to_property"
    case breachOfOrderOrBail = "breach_of_order_or_bail"
    case unwantedContact = "unwanted_contact"
    case honourBasedAbuse = "honour_based_abuse"
    case forcedMarriage = "forced_marriage"
    case other

    /// Words for people: `referral show`, the figures' rows.
    public var words: String {
        switch self {
        case .physical: "physical"
        case .sexual: "sexual"
        case .coerciveControl: "coercive or controlling behaviour"
        case .stalkingHarassment: "stalking or harassment"
        case .threats: "threats (to kill, to harm)"
        case .economic: "economic"
        case .damageToProperty: "damage to property"
        case .breachOfOrderOrBail: "breach of an order or bail"
        case .unwantedContact: "unwanted contact"
        case .honourBasedAbuse: "honour-based abuse"
        case .forcedMarriage: "forced marriage"
        case .other: "other"
        }
    }

    /// Declaration order: the order figures list them and stored text writes them.
    var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: AbuseType, rhs: AbuseType) -> Bool { lhs.rank < rhs.rank }

    /// Reads `;`-separated codes (any case, spaces around), each once, in
    /// declaration order. An unknown code is refused naming the field, never
    /// repeating what was typed. Empty text is no types.
    public static func parseList(_ text: String, field: String) throws(FieldError) -> [AbuseType] {
        var found = Set<AbuseType>()
        for part in text.split(separator: ";") {
            let code = part.trimmingCharacters(in: .whitespaces).lowercased()
            if code.isEmpty { continue }
            guard let type = AbuseType(rawValue: code) else {
                throw FieldError(field, "is not a list of abuse types; expected codes from: \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            found.insert(type)
        }
        return found.sorted()
    }

    /// The stored text: codes in declaration order, `;` between.
    public static func text(_ types: [AbuseType]) -> String { types.sorted().map(\.rawValue).joined(separator: ";") }
}
