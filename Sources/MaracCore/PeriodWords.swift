/// A period as the board says it: "2026 Q3, July to September", "2025–26,
/// April to March", "2025, January to December", or its two days written out.
/// Every heading of the report and every table of figures carries it, so a
/// page printed on its own still says what it covers.
extension FiguresPeriod {
    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"]

    public var spoken: String {
        let first = Self.monthNames[from.month - 1], last = Self.monthNames[to.month - 1]
        if let months = wholeMonths {
            if months == 3, from.month % 3 == 1 {
                return "\(from.year) Q\((from.month - 1) / 3 + 1), \(first) to \(last)"
            }
            if months == 12, from.month == 1 { return "\(from.year), January to December" }
            if months == 12, from.month == 4 { return "\(from.year)–\(((from.year + 1) % 100 < 10 ? "0" : "") + String((from.year + 1) % 100)), April to March" }
            if months == 1 { return "\(first) \(from.year)" }
            return from.year == to.year ? "\(first) to \(last) \(to.year)" : "\(first) \(from.year) to \(last) \(to.year)"
        }
        return "\(Self.written(from)) to \(Self.written(to))"
    }

    /// "3 July 2026".
    public static func written(_ day: Day) -> String { "\(day.day) \(monthNames[day.month - 1]) \(day.year)" }

    /// The quarter before, when the period is a calendar quarter.
    public var quarterBefore: FiguresPeriod? {
        guard wholeMonths == 3, from.month % 3 == 1, let quarter = Quarter(containing: from).adding(-1) else { return nil }
        return quarter.period
    }
}
