/// Comparators the steering group reads each figure against (domain.md):
/// SafeLives national MARAC data, year to 30 September 2024.
public enum NationalFigures {
    public static let asOf = "year to 30 Sept 2024 (SafeLives)"
    /// Where the national figures come from and the date they run to, as the board reads it.
    public static let source = "SafeLives, year to 30 Sept 2024"
    public static let maracs = 276
    public static let casesHeard = 119_985
    public static let children = 148_270
    public static let casesPer10k = 47.0
    public static let repeatRate = 0.31
    public static let partnerAgencyRate = 0.361
    public static let raciallyMinoritisedRate = 0.141
    public static let lgbtRate = 0.016
    public static let disabledRate = 0.101
    public static let maleRate = 0.064
    public static let aged16to17Rate = 0.013
}

/// Victim age bands of Bromley's quarterly report (seed 002).
public enum AgeBand: String, CaseIterable, Sendable {
    case under18 = "under_18"
    case from18to24 = "18_24"
    case from25to34 = "25_34"
    case from35to44 = "35_44"
    case from45to54 = "45_54"
    case from55to64 = "55_64"
    case over65 = "65_plus"
    case unknown

    public init(age: Int?) {
        guard let age else { self = .unknown; return }
        switch age {
        case ..<18: self = .under18
        case 18...24: self = .from18to24
        case 25...34: self = .from25to34
        case 35...44: self = .from35to44
        case 45...54: self = .from45to54
        case 55...64: self = .from55to64
        default: self = .over65
        }
    }

    public var label: String {
        switch self {
        case .under18: "under 18"
        case .from18to24: "18–24"
        case .from25to34: "25–34"
        case .from35to44: "35–44"
        case .from45to54: "45–54"
        case .from55to64: "55–64"
        case .over65: "65+"
        case .unknown: "unknown"
        }
    }
}
