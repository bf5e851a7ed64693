import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCore
@testable import MaracCases
@testable import MaracStore

/// Figures against expectations worked out by hand.
@Suite struct FiguresGoldenTests {
    func figures(_ test: TestDatabase, _ period: FiguresPeriod, population: Int? = nil) throws -> Figures {
        try test.session.figures(period, population: population)
    }

    static let high = String(repeating: "Y", count: 14) + String(repeating: "N", count: 10)
    static let medium = String(repeating: "Y", count: 10) + String(repeating: "D", count: 14)
    static let standard = String(repeating: "Y", count: 9) + String(repeating: "-", count: 15)

    @Test func bandsByMonthAcrossALeapDay() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2024-01-10", ["victim_name": "A", "ric_answers": Self.high])
        try test.add("B", on: "2024-01-20", ["victim_name": "B", "ric_answers": Self.medium])
        try test.add("C", on: "2024-02-29", ["victim_name": "C", "ric_answers": Self.standard])
        try test.add("D", on: "2024-02-29", ["victim_name": "D", "ric_answers": ""])
        try test.add("E", on: "2024-03-31", ["victim_name": "E", "ric_answers": Self.high])
        try test.add("OUT", on: "2024-04-01", ["victim_name": "F", "ric_answers": Self.high])
        let f = try figures(test, .quarter("2024Q1"))
        #expect(f.byMonth.map(\.month) == ["2024-01", "2024-02", "2024-03"])
        #expect(f.byMonth.map(\.counts.values) == [[1, 1, 0, 0], [0, 0, 1, 1], [1, 0, 0, 0]])
        #expect(f.byRisk.values == [2, 1, 1, 1])
        #expect(f.byRisk.total == 5)
        #expect(f.years == 0.25)
    }

    @Test func periodLengths() throws {
        #expect(try FiguresPeriod(from: Day("2024-02-01")!, to: Day("2024-02-29")!).wholeMonths == 1)
        #expect(try FiguresPeriod.year(2024).years == 1)
        #expect(try FiguresPeriod.financialYear(2022).from == Day("2022-04-01"))
        #expect(try FiguresPeriod.financialYear(2022).to == Day("2023-03-31"))
        #expect(try FiguresPeriod.financialYear(2022).years == 1)
        // 15 Jan to 14 Feb is not whole months: 31 days of 365.
        let odd = try FiguresPeriod(from: Day("2024-01-15")!, to: Day("2024-02-14")!)
        #expect(odd.wholeMonths == nil)
        #expect(odd.days == 31)
        #expect(odd.years == 31.0 / 365.0)
        #expect(odd.months == ["2024-01", "2024-02"])
        // A leap February that stops a day short is not a whole month either.
        #expect(try FiguresPeriod(from: Day("2024-02-01")!, to: Day("2024-02-28")!).wholeMonths == nil)
        #expect(try FiguresPeriod.quarter("2016Q2") == FiguresPeriod(from: Day("2016-04-01")!, to: Day("2016-06-30")!))
        #expect(throws: FieldError.self) { try FiguresPeriod.quarter("2016Q5") }
        #expect(throws: FieldError.self) { try FiguresPeriod(from: Day("2024-02-01")!, to: Day("2024-01-01")!) }
    }

    @Test func oddDaysCoverage() throws {
        let test = try TestDatabase()
        let f = try figures(test, FiguresPeriod(from: Day("2024-01-15")!, to: Day("2024-02-14")!), population: 100_000)
        // 40 × 100,000 / 10,000 × 31/365 = 33.972…
        #expect(f.recommendedCases == 33.97)
        #expect(f.coverage == 0)
    }

    @Test func anEmptyPeriodStillListsEveryMonth() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2024-01-10")
        let f = try figures(test, FiguresPeriod(from: Day("2020-01-01")!, to: Day("2020-06-30")!), population: 130_000)
        #expect(f.byMonth.count == 6)
        #expect(f.byMonth.allSatisfy { $0.counts.total == 0 })
        #expect(f.byRisk.total == 0)
        #expect(f.casesHeard == 0)
        #expect(f.repeatRate == nil)
        #expect(f.casesPer10kAdultWomen == 0)
        #expect(f.recommendedCases == 260)
    }

    @Test func jointReferralsCountHalfToEachAgency() throws {
        let test = try TestDatabase()
        try test.add("J1", on: "2025-01-05", ["victim_name": "A", "referring_agency": "police", "second_agency": "idva", "heard_on": "2025-01-20"])
        try test.add("J2", on: "2025-01-06", ["victim_name": "B", "referring_agency": "police", "heard_on": "2025-01-20"])
        try test.add("J3", on: "2025-01-07", ["victim_name": "C", "referring_agency": "housing", "second_agency": "idva", "heard_on": "2025-02-03"])
        let f = try figures(test, .quarter("2025Q1"))
        #expect(f.routes["police"] == 1.5)
        #expect(f.routes["idva"] == 1.0)
        #expect(f.routes["housing"] == 0.5)
        #expect(f.routes.values.reduce(0, +) == 3)
        #expect(f.partnerAgencyRate == 0.5)
    }

    @Test func yearOnYearWithNoEarlierData() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2025-01-05", ["heard_on": "2025-01-20"])
        let f = try figures(test, .year(2025))
        #expect(f.casesHeard == 1)
        #expect(f.casesHeardYearBefore == 0)
        #expect(f.yearOnYearChange == nil)
    }

    @Test func yearOnYearChange() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2024-01-05", ["victim_name": "A", "heard_on": "2024-01-20"])
        try test.add("B", on: "2024-03-05", ["victim_name": "B", "heard_on": "2024-03-20"])
        try test.add("C", on: "2025-01-05", ["victim_name": "C", "heard_on": "2025-01-20"])
        let f = try figures(test, .quarter("2025Q1"))
        #expect(f.casesHeardYearBefore == 2)
        #expect(f.yearOnYearChange == -0.5)
    }

    @Test func equalityFiguresCountCasesHeard() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2025-01-05", ["victim_name": "A", "victim_dob": "2008-06-01", "victim_ethnicity": "black",
                                             "victim_gender": "male", "perpetrator_dob": "2008-01-01", "heard_on": "2025-01-20"])
        try test.add("B", on: "2025-01-05", ["victim_name": "B", "victim_ethnicity": "white", "victim_lgbt": "yes",
                                             "victim_disability": "yes", "heard_on": "2025-01-20"])
        try test.add("C", on: "2025-01-05", ["victim_name": "C", "victim_ethnicity": "unknown"])
        let f = try figures(test, .quarter("2025Q1"))
        #expect(f.equality == .init(raciallyMinoritised: 1, lgbt: 1, disabled: 1, male: 1, aged16to17: 1, perpetrators17OrUnder: 1))
        #expect(f.byAgeBand[.under18] == 1)
        #expect(f.byAgeBand[.from25to34] == 2)
    }

    @Test func trendCoversEightQuartersEndingWithThePeriod() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2024-01-05", ["victim_name": "A", "heard_on": "2024-01-20"])
        try test.add("B", on: "2025-11-05", ["victim_name": "B", "heard_on": "2025-11-20"])
        let f = try figures(test, .quarter("2025Q4"))
        #expect(f.trend.map(\.quarter) == ["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4"])
        #expect(f.trend.map(\.casesHeard) == [1, 0, 0, 0, 0, 0, 0, 1])
    }

    /// For random data, the parts always add up to the whole.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func partsSumToTheWhole(seed: UInt64) throws {
        let test = try TestDatabase()
        var generator = SeededGenerator(seed: seed)
        let start = Day("2024-01-01")!
        var inputs: [String] = []
        for i in 0..<200 {
            let day = start.adding(days: generator.int(0...700))
            let letters = (0..<24).map { _ in generator.pick(["Y", "N", "D", "-"]) }.joined()
            inputs.append("R\(i),\(day),\(generator.pick(ReferralRoute.allCases).rawValue),V\(generator.int(0...80)),\(generator.chance(0.2) ? "" : letters)")
        }
        let csv = "referral_ref,referred_on,referring_agency,victim_name,ric_answers\n" + inputs.joined(separator: "\n") + "\n"
        _ = try test.session.importReferrals(csv: csv, fileName: "r.csv", update: false)
        let period = try FiguresPeriod(from: start.adding(days: generator.int(0...100)), to: start.adding(days: generator.int(300...700)))
        let f = try figures(test, period)
        #expect(f.byRisk.total == f.byRisk.values.reduce(0, +))
        for band in 0..<4 { #expect(f.byMonth.map { $0.counts.values[band] }.reduce(0, +) == f.byRisk.values[band]) }
        let inPeriod = try test.database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM referral WHERE referred_on BETWEEN ? AND ?",
                             arguments: [period.from.description, period.to.description])
        }
        #expect(f.byRisk.total == inPeriod)
        #expect(f.byMonth.count == period.months.count)
        #expect(f.bySource.values.reduce(0, +) == Double(f.byRisk.total))
    }
}
