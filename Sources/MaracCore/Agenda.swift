/// The sections of a MARAC agenda in the order SafeLives suggests: after the
/// introductions and the confidentiality statement, actions still open from
/// earlier meetings, then cases with children (so children's agencies can
/// leave), then adult-only cases, then cases that had lapsed and return.
public enum AgendaSection: Int, CaseIterable, Sendable, Codable, Comparable {
    case openActionsReview = 0
    case casesWithChildren = 1
    case adultOnlyCases = 2
    case lapsedCases = 3

    public var title: String {
        switch self {
        case .openActionsReview: "Review of open actions"
        case .casesWithChildren: "Cases with children"
        case .adultOnlyCases: "Adult-only cases"
        case .lapsedCases: "Lapsed cases"
        }
    }

    public var code: String {
        switch self {
        case .openActionsReview: "open_actions"
        case .casesWithChildren: "children"
        case .adultOnlyCases: "adult_only"
        case .lapsedCases: "lapsed"
        }
    }

    public static func < (lhs: AgendaSection, rhs: AgendaSection) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Which section a case belongs in.
    public static func forCase(childrenInHousehold: Int, relistedAfterLapse: Bool) -> AgendaSection {
        if relistedAfterLapse { return .lapsedCases }
        return childrenInHousehold > 0 ? .casesWithChildren : .adultOnlyCases
    }
}

/// One case on a meeting's agenda, with what ordering needs.
public struct AgendaItem: Sendable, Equatable {
    public let referralRef: String
    public let section: AgendaSection
    public let band: RiskBand
    public let score: Int?
    public let listedPosition: Int

    public init(referralRef: String, section: AgendaSection, band: RiskBand, score: Int?, listedPosition: Int) {
        self.referralRef = referralRef
        self.section = section
        self.band = band
        self.score = score
        self.listedPosition = listedPosition
    }

    /// SafeLives order by section; within a section the highest risk first, then
    /// the order cases were listed, so the agenda is stable between prints.
    public static func ordered(_ items: [AgendaItem]) -> [AgendaItem] {
        items.sorted {
            ($0.section, $0.band.urgency, -($0.score ?? -1), $0.listedPosition)
                < ($1.section, $1.band.urgency, -($1.score ?? -1), $1.listedPosition)
        }
    }
}

/// About 10 minutes a case, 15 at most (SafeLives).
public enum MeetingTiming {
    public static let targetMinutesPerCase = 10
    public static let maximumMinutesPerCase = 15
    public static let typicalCasesPerMeeting = 16
}
