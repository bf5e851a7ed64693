/// A calendar quarter, `2026Q3`: the steering group's unit of reporting.
public struct Quarter: Sendable, Hashable, Comparable, CustomStringConvertible {

    public let year: Int
    /// 1 to 4.
    public let number: Int
    /// Its first day.
    public let first: Day

    public init?(year: Int, number: Int) {
        guard (1...4).contains(number), let first = Day(year: year, month: (number - 1) * 3 + 1, day: 1),
              Day(year: year, month: 12, day: 31) != nil else { return nil }
        self.year = year
        self.number = number
        self.first = first
    }

    /// The quarter a day falls in.
    public init(containing day: Day) {
        year = day.year
        number = (day.month - 1) / 3 + 1
        first = day.firstOfMonth.adding(months: -((day.month - 1) % 3))
    }

    /// `2016Q2` (any case).
    public init?(_ text: String) {
        let parts = text.uppercased().split(separator: "Q", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 1,
              let year = Int(parts[0]), let number = Int(parts[1]) else { return nil }
        self.init(year: year, number: number)
    }

    public var last: Day { first.adding(months: 2).lastOfMonth }

    /// The quarter `count` quarters later (earlier when negative).
    public func adding(_ count: Int) -> Quarter? {
        let index = year * 4 + (number - 1) + count
        return Quarter(year: index / 4, number: index % 4 + 1)
    }

    public var period: FiguresPeriod { FiguresPeriod(ordered: first, last) }

    public var description: String { "\(year)Q\(number)" }

    public static func < (lhs: Quarter, rhs: Quarter) -> Bool { (lhs.year, lhs.number) < (rhs.year, rhs.number) }
}
