/// A reporting period, inclusive at both ends, and the SafeLives arithmetic
/// on it (contracts.md): whole calendar months count 1/12 of a year each; a
/// period that is not whole months counts days ÷ 365.
public struct FiguresPeriod: Sendable, Equatable {
    public let from: Day
    public let to: Day

    public init(from: Day, to: Day) throws(FieldError) {
        guard from <= to else { throw FieldError("from", "is after --to") }
        self.init(ordered: from, to)
    }

    /// For periods built in order by construction (a quarter's first and last day).
    init(ordered from: Day, _ to: Day) {
        self.from = from
        self.to = to
    }

    /// `2016Q2` → 1 April to 30 June 2016.
    public static func quarter(_ text: String) throws(FieldError) -> FiguresPeriod {
        guard let quarter = Quarter(text), ArgumentBounds.years.contains(quarter.year) else {
            throw FieldError("quarter", "is not a quarter like 2016Q2")
        }
        return quarter.period
    }

    public static func year(_ year: Int) throws(FieldError) -> FiguresPeriod {
        try ArgumentBounds.checkYear(year, option: "year")
        guard let start = Day(year: year, month: 1, day: 1) else { throw FieldError("year", "is not a year") }
        return try FiguresPeriod(from: start, to: Day(year: year, month: 12, day: 31)!)
    }

    /// April to March, as councils report: `2022` is 1 April 2022 – 31 March 2023.
    public static func financialYear(_ year: Int) throws(FieldError) -> FiguresPeriod {
        try ArgumentBounds.checkYear(year, option: "financial-year")
        guard let start = Day(year: year, month: 4, day: 1) else { throw FieldError("financial-year", "is not a year") }
        return try FiguresPeriod(from: start, to: Day(year: year + 1, month: 3, day: 31)!)
    }

    /// Whole calendar months covered, when the period is exactly whole months.
    public var wholeMonths: Int? {
        guard from.day == 1, to == to.lastOfMonth else { return nil }
        return (to.year - from.year) * 12 + (to.month - from.month) + 1
    }

    public var days: Int { from.days(until: to) + 1 }

    public var years: Double {
        if let months = wholeMonths { return Double(months) / 12 }
        return Double(days) / 365
    }

    /// Every month the period touches, so months with nothing still appear.
    public var months: [String] {
        var keys: [String] = []
        var month = from.firstOfMonth
        while month <= to {
            keys.append(month.monthKey)
            month = month.adding(months: 1)
        }
        return keys
    }

    /// The same period a year earlier, for comparison.
    public var yearBefore: FiguresPeriod {
        // Clamping keeps 29 Feb → 28 Feb and month ends as month ends.
        let end = to == to.lastOfMonth ? to.adding(months: -12).lastOfMonth : to.adding(months: -12)
        return try! FiguresPeriod(from: from.adding(months: -12), to: end)
    }
}

/// SafeLives' recommended volume: 40 cases a year per 10,000 adult women.
public enum Coverage {
    public static let recommendedPer10k = 40.0

    public static func recommendedCases(population: Int, years: Double) -> Double {
        recommendedPer10k * Double(population) / 10_000 * years
    }

    public static func rate(casesHeard: Int, population: Int, years: Double) -> Double {
        Double(casesHeard) / years / (Double(population) / 10_000)
    }

    /// Rounded to 4 places, as the contract prints rates.
    public static func round4(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
    public static func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}

