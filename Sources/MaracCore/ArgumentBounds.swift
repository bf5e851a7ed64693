/// The ranges every command-line number and date must fall in, so an odd
/// argument is a usage error (exit 64) with a message, never an overflow trap.
public enum ArgumentBounds {
    /// Rows per page for every `--limit`.
    public static let pageLimit = 1...10_000
    /// Years a reporting period may touch: MARACs began in 2003; the upper end
    /// keeps every date sum (trends, year on year) far from Day's limits.
    public static let years = 1900...2199

    public static func checkLimit(_ limit: Int, option: String = "--limit") throws(FieldError) {
        guard pageLimit.contains(limit) else {
            throw FieldError(option, "must be \(pageLimit.lowerBound) to \(pageLimit.upperBound)")
        }
    }

    public static func checkYear(_ year: Int, option: String) throws(FieldError) {
        guard years.contains(year) else {
            throw FieldError(option, "must be a year from \(years.lowerBound) to \(years.upperBound)")
        }
    }

    public static func checkDay(_ day: Day, option: String) throws(FieldError) {
        try checkYear(day.year, option: option)
    }
}

extension FiguresPeriod {
    /// The first problem with a period given as options, or nil when it is a
    /// period `stats` and `report` can work out.
    public static func problem(quarter: String?, year: Int?, financialYear: Int?, from: String?, to: String?) -> FieldError? {
        func attempt(_ body: () throws(FieldError) -> FiguresPeriod) -> FieldError? {
            do { _ = try body(); return nil } catch { return error }
        }
        if let quarter, let problem = attempt({ () throws(FieldError) in try FiguresPeriod.quarter(quarter) }) { return problem }
        if let year, let problem = attempt({ () throws(FieldError) in try FiguresPeriod.year(year) }) { return problem }
        if let financialYear, let problem = attempt({ () throws(FieldError) in try FiguresPeriod.financialYear(financialYear) }) { return problem }
        if let from, let to, let problem = attempt({ () throws(FieldError) in
            let start = try ReferralInput.parseDay(from, field: "from"), end = try ReferralInput.parseDay(to, field: "to")
            try ArgumentBounds.checkDay(start, option: "from")
            try ArgumentBounds.checkDay(end, option: "to")
            return try FiguresPeriod(from: start, to: end)
        }) { return problem }
        return nil
    }
}
