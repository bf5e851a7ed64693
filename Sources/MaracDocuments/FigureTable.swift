import MaracCore

/// One table of counts as the steering group reads it: labelled rows, value
/// columns, row and column totals, and what suppression hides. Every output
/// (table, CSV, JSON, the HTML report) is drawn from these, so a hidden cell
/// is hidden everywhere alike.
public struct FigureTable {
    public var id: String
    public var title: String
    public var rowHeader: String
    public var columns: [String]
    public var rows: [(label: String, values: [Double])]
    /// Whether rows add up to a meaningful total row and column.
    public var totals: Bool
    public var mask: Suppression.Mask?
    /// Counts under this are primary (`<5` by default).
    public var threshold: Int
    /// Joint referrals count 0.5 to each agency.
    public var halves: Bool
    /// With figures rounded to a base: the totals, each rounded from its
    /// exact value on its own (not the sum of the rounded cells).
    public private(set) var roundedTotals: (rows: [Double], columns: [Double], grand: Double)?
    /// The base values are rounded to, when they are.
    public var rounding: Int? { roundedTotals == nil ? nil : roundingBase }
    private var roundingBase = 0

    /// With `suppress`, the table is protected on its own; FiguresDocument
    /// then protects the tables it publishes together, as one problem.
    public init(id: String, title: String, rowHeader: String, columns: [String], rows: [(String, [Double])], totals: Bool, suppress: Bool,
         halves: Bool = false, threshold: Int = Suppression.defaultThreshold) {
        self.id = id
        self.title = title
        self.rowHeader = rowHeader
        self.columns = columns
        self.rows = rows.map { (label: $0.0, values: $0.1) }
        self.totals = totals
        self.threshold = threshold
        self.halves = halves
        if suppress {
            if totals {
                mask = Suppression.masks([suppressionTable], links: [], threshold: threshold)[0]
            } else {
                // Without totals nothing can be subtracted: primary suppression only.
                let primary = { (value: Double) in Suppression.isPrimary(value, threshold: threshold) }
                mask = Suppression.Mask(cells: rows.map { $0.1.map(primary) }, rowTotals: rows.map { _ in false },
                                        columnTotals: columns.map { _ in false }, grandTotal: false)
            }
        }
    }

    public var suppressionTable: Suppression.Table {
        Suppression.Table(rows.map(\.values), columns: columns.count, halves: halves, totals: totals)
    }

    /// How a hidden value reads: `<5` under the threshold, `[c]` when hidden
    /// to protect another (and everything in a withheld table).
    public func label(_ value: Double) -> String {
        mask?.withheld == true ? "[c]" : Suppression.label(value, threshold: threshold)
    }

    public func hidden(_ row: Int, _ column: Int) -> Bool { mask?.cells[row][column] ?? false }
    public func rowTotal(_ row: Int) -> Double { roundedTotals?.rows[row] ?? rows[row].values.reduce(0, +) }
    public func columnTotal(_ column: Int) -> Double { roundedTotals?.columns[column] ?? rows.reduce(0) { $0 + $1.values[column] } }
    public var grandTotal: Double { roundedTotals?.grand ?? rows.reduce(0) { $0 + $1.values.reduce(0, +) } }

    /// Every value rounded to `base` instead of hidden (FiguresRounding):
    /// the cells themselves, so that nothing drawn from them (a chart's bar)
    /// is exact, and each total from its exact value.
    public mutating func round(to base: Int) {
        let r = { (value: Double) in FiguresRounding.round(value, base: base) }
        roundedTotals = (rows.indices.map { r(rowTotal($0)) }, columns.indices.map { r(columnTotal($0)) }, r(grandTotal))
        rows = rows.map { ($0.label, $0.values.map(r)) }
        roundingBase = base
        mask = nil
    }

    public func value(_ value: Double, hidden: Bool) -> FigureValue { .init(value, hidden: hidden, label: label(value)) }
    public func cell(_ row: Int, _ column: Int) -> FigureValue { value(rows[row].values[column], hidden: hidden(row, column)) }
    public func rowTotalValue(_ row: Int) -> FigureValue { value(rowTotal(row), hidden: mask?.rowTotals[row] ?? false) }
    public func columnTotalValue(_ column: Int) -> FigureValue { value(columnTotal(column), hidden: mask?.columnTotals[column] ?? false) }
    public var grandTotalValue: FigureValue { value(grandTotal, hidden: mask?.grandTotal ?? false) }
}

/// A count or share, or its label where it is suppressed: `<5` for a count
/// under the threshold, `[c]` for one hidden to protect another.
public struct FigureValue {
    public var value: Double
    public var hidden: Bool
    public var label: String

    public init(_ value: Double, hidden: Bool, label: String = "<5") {
        self.value = value
        self.hidden = hidden
        self.label = label
    }

    public var text: String {
        if hidden { return label }
        return value == value.rounded() ? String(Int(value)) : String(value)
    }

    public var json: JSON {
        if hidden { return .string(label) }
        return value == value.rounded() && !isFractional ? .int(Int(value)) : .number(value)
    }

    /// Route counts are halves; keep them numbers with a decimal point in JSON.
    public var isFractional = false
}
