import Foundation

public struct BandCounts: Sendable, Equatable {
    public var high = 0, medium = 0, standard = 0, notCompleted = 0
    public var total: Int { high + medium + standard + notCompleted }
    public var values: [Int] { [high, medium, standard, notCompleted] }
    public static let keys = ["high", "medium", "standard", "not_completed"]

    package mutating func add(_ band: String, _ count: Int) { add(RiskBand(rawValue: band), count) }

    /// A band already decoded (nil: not a known band, counted as not completed).
    package mutating func add(_ band: RiskBand?, _ count: Int) {
        switch band {
        case .high: high += count
        case .medium: medium += count
        case .standard: standard += count
        case .notCompleted, nil: notCompleted += count
        }
    }

    package mutating func add(_ other: BandCounts) {
        high += other.high; medium += other.medium; standard += other.standard; notCompleted += other.notCompleted
    }

    public init(high: Int = 0, medium: Int = 0, standard: Int = 0, notCompleted: Int = 0) {
        self.high = high
        self.medium = medium
        self.standard = standard
        self.notCompleted = notCompleted
    }
}

/// Counts of cases heard whose victims (or perpetrators) have a characteristic.
public struct Equality: Sendable, Equatable {
    public var raciallyMinoritised = 0, lgbt = 0, disabled = 0, male = 0, aged16to17 = 0, perpetrators17OrUnder = 0

    public init(
        raciallyMinoritised: Int = 0,
        lgbt: Int = 0,
        disabled: Int = 0,
        male: Int = 0,
        aged16to17: Int = 0,
        perpetrators17OrUnder: Int = 0
    ) {
        self.raciallyMinoritised = raciallyMinoritised
        self.lgbt = lgbt
        self.disabled = disabled
        self.male = male
        self.aged16to17 = aged16to17
        self.perpetrators17OrUnder = perpetrators17OrUnder
    }
}

public struct ActionPerformance: Sendable, Equatable {
    public var agency: String

    public var agreed = 0, completedOnTime = 0, completedLate = 0, incomplete = 0, openOverdue = 0, openNotDue = 0
    /// Of the open overdue, those overdue by the escalation days or more: escalated to the chair.
    public var escalated = 0

    public init(
        agency: String,
        agreed: Int = 0,
        completedOnTime: Int = 0,
        completedLate: Int = 0,
        incomplete: Int = 0,
        openOverdue: Int = 0,
        openNotDue: Int = 0,
        escalated: Int = 0
    ) {
        self.agency = agency
        self.agreed = agreed
        self.completedOnTime = completedOnTime
        self.completedLate = completedLate
        self.incomplete = incomplete
        self.openOverdue = openOverdue
        self.openNotDue = openNotDue
        self.escalated = escalated
    }
}

public struct QuarterPoint: Sendable, Equatable {
    public var quarter: String
    public var period: FiguresPeriod
    public var casesHeard: Int

    public init(quarter: String, period: FiguresPeriod, casesHeard: Int) {
        self.quarter = quarter
        self.period = period
        self.casesHeard = casesHeard
    }
}

/// The steering group's figures for a period: counts only, no identities.
public struct Figures: Sendable {
    public var period: FiguresPeriod
    public var population: Int?

    public var byRisk = BandCounts()
    public var byMonth: [(month: String, counts: BandCounts)] = []
    public var bySource: [String: Double] = [:]
    public var byAgeBand: [AgeBand: Int] = [:]
    public var byDistrict: [(district: String, count: Int)] = []
    public var repeatReferrals = 0
    public var repeatVictims = 0
    public var casesHeard = 0
    public var repeatCases = 0
    public var childrenInHouseholds = 0
    public var routes: [String: Double] = [:]
    public var equality = Equality()
    /// Cases heard in the period that were shared without the victim's consent.
    public var sharedWithoutConsent = 0
    public var casesHeardYearBefore = 0
    public var referralsYearBefore = 0
    public var trend: [QuarterPoint] = []
    public var actions: [ActionPerformance] = []
    /// The MARAC's escalation setting the escalated counts were taken with.
    public var escalationDays = ChaseRules.defaultEscalationDays
    /// The SafeLives data return: one line per meeting held in the period
    /// (and per day cases were recorded heard without a meeting, as loaded
    /// history), oldest first.
    public var byMeeting: [MeetingReturn] = []

    public var repeatRate: Double? { fraction(repeatCases, casesHeard) }
    public var years: Double { period.years }
    public var recommendedCases: Double? {
        population.map { Coverage.round2(Coverage.recommendedCases(population: $0, years: years)) }
    }
    public var coverage: Double? {
        guard let population, population > 0 else { return nil }
        return Coverage.round4(Double(casesHeard) / Coverage.recommendedCases(population: population, years: years))
    }
    public var casesPer10kAdultWomen: Double? {
        guard let population, population > 0 else { return nil }
        return Coverage.round2(Coverage.rate(casesHeard: casesHeard, population: population, years: years))
    }
    /// Cases heard that a partner agency, not the police, referred (joint referrals split).
    public var partnerAgencyCases: Double { routes.filter { $0.key != ReferralRoute.police.rawValue }.values.reduce(0, +) }
    public var partnerAgencyRate: Double? {
        casesHeard == 0 ? nil : Coverage.round4(partnerAgencyCases / Double(casesHeard))
    }
    public var yearOnYearChange: Double? {
        casesHeardYearBefore == 0 ? nil : Coverage.round4(Double(casesHeard - casesHeardYearBefore) / Double(casesHeardYearBefore))
    }

    public func fraction(_ part: Int, _ whole: Int) -> Double? {
        whole == 0 ? nil : Coverage.round4(Double(part) / Double(whole))
    }

    public init(
        period: FiguresPeriod,
        population: Int? = nil,
        byRisk: BandCounts = BandCounts(),
        byMonth: [(month: String, counts: BandCounts)] = [],
        bySource: [String: Double] = [:],
        byAgeBand: [AgeBand: Int] = [:],
        byDistrict: [(district: String, count: Int)] = [],
        repeatReferrals: Int = 0,
        repeatVictims: Int = 0,
        casesHeard: Int = 0,
        repeatCases: Int = 0,
        childrenInHouseholds: Int = 0,
        routes: [String: Double] = [:],
        equality: Equality = Equality(),
        sharedWithoutConsent: Int = 0,
        casesHeardYearBefore: Int = 0,
        referralsYearBefore: Int = 0,
        trend: [QuarterPoint] = [],
        actions: [ActionPerformance] = [],
        escalationDays: Int = ChaseRules.defaultEscalationDays
    ) {
        self.period = period
        self.population = population
        self.byRisk = byRisk
        self.byMonth = byMonth
        self.bySource = bySource
        self.byAgeBand = byAgeBand
        self.byDistrict = byDistrict
        self.repeatReferrals = repeatReferrals
        self.repeatVictims = repeatVictims
        self.casesHeard = casesHeard
        self.repeatCases = repeatCases
        self.childrenInHouseholds = childrenInHouseholds
        self.routes = routes
        self.equality = equality
        self.sharedWithoutConsent = sharedWithoutConsent
        self.casesHeardYearBefore = casesHeardYearBefore
        self.referralsYearBefore = referralsYearBefore
        self.trend = trend
        self.actions = actions
        self.escalationDays = escalationDays
    }
}
