import Foundation
import GRDB
import MaracCore

/// The steering group's figures, computed by SQL aggregates over indexes:
/// never by loading referrals into memory. Counts only; no identities.
public struct FiguresService: Sendable {
    public let database: MaracDatabase

    public init(database: MaracDatabase) { self.database = database }

    public struct BandCounts: Sendable, Equatable {
        public var high = 0, medium = 0, standard = 0, notCompleted = 0
        public var total: Int { high + medium + standard + notCompleted }

        mutating func add(_ band: String, _ count: Int) {
            switch RiskBand(rawValue: band) {
            case .high: high += count
            case .medium: medium += count
            case .standard: standard += count
            case .notCompleted, nil: notCompleted += count
            }
        }
    }

    public struct Figures: Sendable {
        public var period: FiguresPeriod
        public var population: Int?
        public var byRisk = BandCounts()
        public var byMonth: [(month: String, counts: BandCounts)] = []
        public var casesHeard = 0
        public var repeatCases = 0
        public var childrenInHouseholds = 0
        public var routes: [String: Double] = [:]

        public var repeatRate: Double? { casesHeard == 0 ? nil : Coverage.round4(Double(repeatCases) / Double(casesHeard)) }
        public var recommendedCases: Double? {
            population.map { Coverage.round2(Coverage.recommendedCases(population: $0, years: period.years)) }
        }
        public var coverage: Double? {
            guard let population else { return nil }
            let recommended = Coverage.recommendedCases(population: population, years: period.years)
            return recommended == 0 ? nil : Coverage.round4(Double(casesHeard) / recommended)
        }
        public var casesPer10kAdultWomen: Double? {
            guard let population, population > 0 else { return nil }
            return Coverage.round2(Coverage.rate(casesHeard: casesHeard, population: population, years: period.years))
        }
    }

    public func figures(_ period: FiguresPeriod, population: Int?) throws -> Figures {
        try database.pool.read { db in
            var figures = Figures(period: period, population: population)
            let range: StatementArguments = [period.from.description, period.to.description]
            var months: [String: BandCounts] = Dictionary(uniqueKeysWithValues: period.months.map { ($0, BandCounts()) })
            let rows = try Row.fetchAll(db, sql: """
                SELECT substr(referred_on, 1, 7) AS month, risk_band, COUNT(*) AS n FROM referral
                WHERE referred_on BETWEEN ? AND ? GROUP BY month, risk_band
                """, arguments: range)
            for row in rows {
                let month: String = row["month"], band: String = row["risk_band"], n: Int = row["n"]
                months[month, default: BandCounts()].add(band, n)
                figures.byRisk.add(band, n)
            }
            figures.byMonth = period.months.map { ($0, months[$0]!) }
            let heard = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS cases, COALESCE(SUM(is_repeat), 0) AS repeats,
                       COALESCE(SUM(children_in_household), 0) AS children
                FROM referral WHERE heard_on BETWEEN ? AND ?
                """, arguments: range)!
            figures.casesHeard = heard["cases"]
            figures.repeatCases = heard["repeats"]
            figures.childrenInHouseholds = heard["children"]
            for route in ReferralRoute.allCases { figures.routes[route.rawValue] = 0 }
            let routeRows = try Row.fetchAll(db, sql: """
                SELECT referring_agency AS agency, second_agency AS second, COUNT(*) AS n FROM referral
                WHERE heard_on BETWEEN ? AND ? GROUP BY referring_agency, second_agency
                """, arguments: range)
            for row in routeRows {
                let n: Int = row["n"]
                // A joint referral counts 0.5 to each agency.
                if let second: String = row["second"] {
                    figures.routes[row["agency"], default: 0] += Double(n) / 2
                    figures.routes[second, default: 0] += Double(n) / 2
                } else {
                    figures.routes[row["agency"], default: 0] += Double(n)
                }
            }
            return figures
        }
    }
}
