import MaracCore

/// The SafeLives MARAC data return as SafeLives collects it: one line per
/// meeting held in the period, the form's counts in the form's order, and the
/// period's total line. Each column is a list of meetings with its total, so
/// it is suppressed as such a table (`FigureTable`, the suppression API);
/// one column's hidden cells never show through another's.
public struct DataReturnDocument {
    public let period: FiguresPeriod
    public let suppress: Bool
    public let threshold: Int
    public let meetings: [Day]
    /// One table a column, rows = meetings, in `MeetingReturn.columns` order.
    public var columns: [FigureTable]

    public init(_ f: Figures, suppress: Bool, threshold: Int = Suppression.defaultThreshold) {
        period = f.period
        self.suppress = suppress
        self.threshold = threshold
        meetings = f.byMeeting.map(\.heldOn)
        columns = MeetingReturn.columns.enumerated().map { c, column in
            FigureTable(id: "data_return_" + column.key, title: column.label, rowHeader: "meeting", columns: [column.key],
                        rows: f.byMeeting.map { ($0.heldOn.description, [$0.counts[c]]) },
                        totals: true, suppress: suppress, halves: column.halves, threshold: threshold)
        }
    }

    /// The meeting's row as printed: each count, `<5` or `[c]` where hidden.
    public func line(_ meeting: Int) -> [FigureValue] { columns.map { $0.cell(meeting, 0) } }
    /// The period's totals, hidden where a column's total must be.
    public var total: [FigureValue] { columns.map(\.grandTotalValue) }

    /// Rows for a table or CSV: `held_on` then the form's columns, the total last.
    public var rows: [[String]] {
        meetings.indices.map { i in [meetings[i].description] + line(i).map(\.text) } + [["total"] + total.map(\.text)]
    }

    public static var header: [String] { ["held_on"] + MeetingReturn.columns.map(\.key) }

    public func json() -> JSON {
        func object(_ values: [FigureValue]) -> [(String, JSON)] {
            zip(MeetingReturn.columns, values).map { column, value in
                var value = value
                value.isFractional = column.halves
                return (column.key, value.json)
            }
        }
        return .object([
            ("period", .object([("from", .string(period.from.description)), ("to", .string(period.to.description)),
                                ("words", .string(period.spoken))])),
            ("suppressed", .bool(suppress)),
            ("meetings", .array(meetings.indices.map { i in .object([("held_on", .string(meetings[i].description))] + object(line(i))) })),
            ("total", .object(object(total))),
        ])
    }
}
