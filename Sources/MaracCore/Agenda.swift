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
    /// The place the coordinator gave the case by hand within its section
    /// (1 = first), or nil: ordered by risk. Never crosses a section.
    public let handPosition: Int?

    public init(referralRef: String, section: AgendaSection, band: RiskBand, score: Int?, listedPosition: Int, handPosition: Int? = nil) {
        self.referralRef = referralRef
        self.section = section
        self.band = band
        self.score = score
        self.listedPosition = listedPosition
        self.handPosition = handPosition
    }

    /// SafeLives order by section, always first, so no hand order can break it.
    /// Within a section: cases placed by hand in their places, then the rest
    /// with the highest risk first, then the order cases were listed, so the
    /// agenda is stable between prints.
    public static func ordered(_ items: [AgendaItem]) -> [AgendaItem] {
        items.sorted {
            ($0.section, $0.handPosition == nil ? 1 : 0, $0.handPosition ?? 0, $0.band.urgency, -($0.score ?? -1), $0.listedPosition)
                < ($1.section, $1.handPosition == nil ? 1 : 0, $1.handPosition ?? 0, $1.band.urgency, -($1.score ?? -1), $1.listedPosition)
        }
    }
}

/// Reordering cases by hand within an agenda section. The section a case is
/// in follows from the case (children, lapse), so a move only ever changes
/// the order within it; every case of the section gets its place, so the
/// order the coordinator sees is exactly the order kept.
public enum AgendaHandOrder {
    /// Where a case stands within its section: 1-based place and how many cases the section has.
    public static func place(of ref: String, in items: [AgendaItem]) -> (section: AgendaSection, place: Int, count: Int)? {
        guard let item = items.first(where: { $0.referralRef == ref }) else { return nil }
        let section = AgendaItem.ordered(items).filter { $0.section == item.section }
        guard let index = section.firstIndex(where: { $0.referralRef == ref }) else { return nil }
        return (item.section, index + 1, section.count)
    }

    /// The new hand place of every case in the section of `ref`, after moving
    /// `ref` to `place` (1-based within its section).
    public static func move(_ ref: String, to place: Int, in items: [AgendaItem]) throws(CaseError) -> [(ref: String, handPosition: Int)] {
        guard let current = self.place(of: ref, in: items) else {
            throw CaseError(.invalid, "\(ref) is not on this agenda")
        }
        guard (1...current.count).contains(place) else {
            throw CaseError(.invalid, field: "to", current.count == 1
                ? "\(ref) is the only case in \(current.section.title.lowercased()); there is nothing to reorder"
                : "\(current.section.title) has \(current.count) cases; the place must be 1 to \(current.count)")
        }
        var refs = AgendaItem.ordered(items).filter { $0.section == current.section }.map(\.referralRef)
        refs.remove(at: current.place - 1)
        refs.insert(ref, at: place - 1)
        return refs.enumerated().map { ($0.element, $0.offset + 1) }
    }

    /// One place up (`by: -1`) or down (`by: 1`) within the section; the edge
    /// of the section is an error naming it, never a step into the next section.
    public static func step(_ ref: String, by offset: Int, in items: [AgendaItem]) throws(CaseError) -> [(ref: String, handPosition: Int)] {
        guard let current = self.place(of: ref, in: items) else {
            throw CaseError(.invalid, "\(ref) is not on this agenda")
        }
        let target = current.place + offset
        if target < 1 { throw CaseError(.invalid, "\(ref) is already first in \(current.section.title.lowercased())") }
        if target > current.count { throw CaseError(.invalid, "\(ref) is already last in \(current.section.title.lowercased())") }
        return try move(ref, to: target, in: items)
    }
}

/// About 10 minutes a case, 15 at most (SafeLives).
public enum MeetingTiming {
    public static let targetMinutesPerCase = 10
    public static let maximumMinutesPerCase = 15
    public static let typicalCasesPerMeeting = 16
}
