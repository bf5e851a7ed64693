import MaracCore

/// The SafeLives MARAC data return as SafeLives collects it: one line per
/// meeting held in the period, the form's counts in the form's order, and the
/// period's total line. Its columns add up to the period's counts (cases
/// heard, repeat cases, the police route…), so they are protected with every
/// other table of the figures (`FiguresDocument.perMeeting`, issue 21): a
/// meeting's hidden count cannot be worked out from the period's totals.
public struct DataReturnDocument {
    public let period: FiguresPeriod
    public let suppress: Bool
    public let threshold: Int
    public let meetings: [Day]
    /// One table a column, rows = meetings, in `MeetingReturn.columns` order.
    public var columns: [FigureTable]

    public init(_ f: Figures, suppress: Bool, threshold: Int = Suppression.defaultThreshold, rounding: Int? = nil) {
        self.init(FiguresDocument(f, suppress: suppress, threshold: threshold, rounding: rounding))
    }

    /// The meeting-by-meeting tables of figures already protected together.
    public init(_ document: FiguresDocument) {
        let f = document.figures
        period = f.period
        suppress = document.suppress
        threshold = document.threshold
        meetings = f.byMeeting.map(\.heldOn)
        columns = document.perMeeting.isEmpty
            ? MeetingReturn.columns.map { column in
                FigureTable(id: "data_return_" + column.key, title: column.label, rowHeader: "meeting", columns: [column.key],
                            rows: [], totals: true, suppress: false, halves: column.halves, threshold: document.threshold)
            }
            : document.perMeeting
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
