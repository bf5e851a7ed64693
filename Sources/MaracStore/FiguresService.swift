import Foundation
import GRDB
import MaracCore

/// The steering group's figures, computed by SQL aggregates over indexes:
/// never by loading referrals into memory. Counts only; no identities, and
/// postcodes no finer than the district.
public struct FiguresService: Sendable {
    public let database: MaracDatabase
    public let today: Day

    public init(database: MaracDatabase, today: Day) {
        self.database = database
        self.today = today
    }

    public struct BandCounts: Sendable, Equatable {
        public var high = 0, medium = 0, standard = 0, notCompleted = 0
        public var total: Int { high + medium + standard + notCompleted }
        public var values: [Int] { [high, medium, standard, notCompleted] }
        public static let keys = ["high", "medium", "standard", "not_completed"]

        mutating func add(_ band: String, _ count: Int) {
            switch RiskBand(rawValue: band) {
            case .high: high += count
            case .medium: medium += count
            case .standard: standard += count
            case .notCompleted, nil: notCompleted += count
            }
        }
    }

    /// Counts of cases heard whose victims (or perpetrators) have a characteristic.
    public struct Equality: Sendable, Equatable {
        public var raciallyMinoritised = 0, lgbt = 0, disabled = 0, male = 0, aged16to17 = 0, perpetrators17OrUnder = 0
    }

    public struct ActionPerformance: Sendable, Equatable {
        public var agency: String
        public var agreed = 0, completedOnTime = 0, completedLate = 0, incomplete = 0, openOverdue = 0, openNotDue = 0
    }

    public struct QuarterPoint: Sendable, Equatable {
        public var quarter: String
        public var period: FiguresPeriod
        public var casesHeard: Int
    }

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
        public var casesHeardYearBefore = 0
        public var referralsYearBefore = 0
        public var trend: [QuarterPoint] = []
        public var actions: [ActionPerformance] = []

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
    }

    /// Age in whole years at the referral (or hearing) date, in SQL.
    static func age(dob: String, on day: String) -> String {
        "(CAST(substr(\(day), 1, 4) AS INTEGER) - CAST(substr(\(dob), 1, 4) AS INTEGER) - (substr(\(day), 6, 5) < substr(\(dob), 6, 5)))"
    }

    public func figures(_ period: FiguresPeriod, population: Int?) throws -> Figures {
        try database.pool.read { db in
            var f = Figures(period: period, population: population)
            let range: StatementArguments = [period.from.description, period.to.description]

            // Referrals received, by month and band (covering index referral_by_referred_on).
            var months: [String: BandCounts] = Dictionary(uniqueKeysWithValues: period.months.map { ($0, BandCounts()) })
            for row in try Row.fetchAll(db, sql: """
                SELECT substr(referred_on, 1, 7) AS month, risk_band, COUNT(*) AS n FROM referral
                WHERE referred_on BETWEEN ? AND ? GROUP BY month, risk_band
                """, arguments: range) {
                let n: Int = row["n"]
                months[row["month"], default: BandCounts()].add(row["risk_band"], n)
                f.byRisk.add(row["risk_band"], n)
            }
            f.byMonth = period.months.map { ($0, months[$0]!) }

            for route in ReferralRoute.allCases { f.bySource[route.rawValue] = 0; f.routes[route.rawValue] = 0 }
            try addRoutes(db, dateColumn: "referred_on", range: range, into: &f.bySource)
            try addRoutes(db, dateColumn: "heard_on", range: range, into: &f.routes)

            for band in AgeBand.allCases { f.byAgeBand[band] = 0 }
            for row in try Row.fetchAll(db, sql: """
                SELECT CASE WHEN v.dob IS NULL THEN NULL ELSE \(FiguresService.age(dob: "v.dob", on: "r.referred_on")) END AS age,
                       COUNT(*) AS n
                FROM referral r JOIN person v ON v.id = r.victim_id
                WHERE r.referred_on BETWEEN ? AND ? GROUP BY age
                """, arguments: range) {
                f.byAgeBand[AgeBand(age: row["age"]), default: 0] += row["n"] as Int
            }
            f.byDistrict = try Row.fetchAll(db, sql: """
                SELECT COALESCE(v.postcode_district, 'unknown') AS district, COUNT(*) AS n
                FROM referral r JOIN person v ON v.id = r.victim_id
                WHERE r.referred_on BETWEEN ? AND ? GROUP BY district ORDER BY n DESC, district LIMIT 200
                """, arguments: range).map { ($0["district"], $0["n"]) }
            let repeats = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS referrals, COUNT(DISTINCT victim_id) AS victims FROM referral
                WHERE referred_on BETWEEN ? AND ? AND is_repeat = 1
                """, arguments: range)!
            f.repeatReferrals = repeats["referrals"]
            f.repeatVictims = repeats["victims"]

            // Cases heard (partial index referral_by_heard_on), with who the victims are.
            let heard = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS cases, COALESCE(SUM(r.is_repeat), 0) AS repeats,
                       COALESCE(SUM(r.children_in_household), 0) AS children,
                       COALESCE(SUM(v.ethnicity NOT IN ('white', 'unknown')), 0) AS minoritised,
                       COALESCE(SUM(v.lgbt = 'yes'), 0) AS lgbt,
                       COALESCE(SUM(v.disability = 'yes'), 0) AS disabled,
                       COALESCE(SUM(v.gender = 'male'), 0) AS male,
                       COALESCE(SUM(v.dob IS NOT NULL AND \(FiguresService.age(dob: "v.dob", on: "r.referred_on")) BETWEEN 16 AND 17), 0) AS aged16to17,
                       COALESCE(SUM(p.dob IS NOT NULL AND \(FiguresService.age(dob: "p.dob", on: "r.referred_on")) <= 17), 0) AS young_perpetrators
                FROM referral r JOIN person v ON v.id = r.victim_id LEFT JOIN person p ON p.id = r.perpetrator_id
                WHERE r.heard_on BETWEEN ? AND ?
                """, arguments: range)!
            f.casesHeard = heard["cases"]
            f.repeatCases = heard["repeats"]
            f.childrenInHouseholds = heard["children"]
            f.equality = Equality(raciallyMinoritised: heard["minoritised"], lgbt: heard["lgbt"], disabled: heard["disabled"],
                                  male: heard["male"], aged16to17: heard["aged16to17"], perpetrators17OrUnder: heard["young_perpetrators"])

            let before = period.yearBefore
            f.casesHeardYearBefore = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM referral WHERE heard_on BETWEEN ? AND ?",
                                                      arguments: [before.from.description, before.to.description]) ?? 0
            f.referralsYearBefore = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM referral WHERE referred_on BETWEEN ? AND ?",
                                                     arguments: [before.from.description, before.to.description]) ?? 0

            f.trend = try trend(db, endingWith: period.to)
            f.actions = try actionPerformance(db, range: range)
            return f
        }
    }

    /// Cases counted to their referring agency, a joint referral 0.5 to each.
    private func addRoutes(_ db: Database, dateColumn: String, range: StatementArguments, into routes: inout [String: Double]) throws {
        for row in try Row.fetchAll(db, sql: """
            SELECT referring_agency AS agency, second_agency AS second, COUNT(*) AS n FROM referral
            WHERE \(dateColumn) BETWEEN ? AND ? GROUP BY referring_agency, second_agency
            """, arguments: range) {
            let n = Double(row["n"] as Int)
            if let second: String = row["second"] {
                routes[row["agency"], default: 0] += n / 2
                routes[second, default: 0] += n / 2
            } else {
                routes[row["agency"], default: 0] += n
            }
        }
    }

    /// Cases heard in the 8 quarters up to and including the one `end` falls in.
    private func trend(_ db: Database, endingWith end: Day) throws -> [QuarterPoint] {
        let lastStart = Day(year: end.year, month: (end.month - 1) / 3 * 3 + 1, day: 1)!
        let quarters = (0..<8).reversed().map { lastStart.adding(months: -3 * $0) }
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT substr(heard_on, 1, 4) || 'Q' || ((CAST(substr(heard_on, 6, 2) AS INTEGER) + 2) / 3) AS quarter, COUNT(*) AS n
            FROM referral WHERE heard_on BETWEEN ? AND ? GROUP BY quarter
            """, arguments: [quarters[0].description, lastStart.adding(months: 2).lastOfMonth.description]) {
            counts[row["quarter"]] = row["n"]
        }
        return quarters.map { start in
            let key = "\(start.year)Q\((start.month - 1) / 3 + 1)"
            return QuarterPoint(quarter: key, period: try! FiguresPeriod(from: start, to: start.adding(months: 2).lastOfMonth),
                                casesHeard: counts[key] ?? 0)
        }
    }

    /// Actions agreed at meetings in the period, and how each agency did.
    private func actionPerformance(_ db: Database, range: StatementArguments) throws -> [ActionPerformance] {
        try Row.fetchAll(db, sql: """
            SELECT a.agency,
                   COUNT(*) AS agreed,
                   SUM(a.status = 'done' AND a.closed_on <= a.due_on) AS on_time,
                   SUM(a.status = 'done' AND a.closed_on > a.due_on) AS late,
                   SUM(a.status = 'incomplete') AS incomplete,
                   SUM(a.status = 'open' AND a.due_on < ?) AS overdue,
                   SUM(a.status = 'open' AND a.due_on >= ?) AS not_due
            FROM meeting m JOIN action a ON a.meeting_id = m.id
            WHERE m.held_on BETWEEN ? AND ?
            GROUP BY a.agency ORDER BY a.agency
            """, arguments: [today.description, today.description] + range).map { row in
            ActionPerformance(agency: row["agency"], agreed: row["agreed"], completedOnTime: row["on_time"], completedLate: row["late"],
                              incomplete: row["incomplete"], openOverdue: row["overdue"], openNotDue: row["not_due"])
        }
    }
}
