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

    /// With `suppress`, the table is protected on its own; FiguresDocument
    /// then re-protects the tables that share a total together.
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
                mask = Suppression.masks([suppressionTable], sharingGrandTotal: false, threshold: threshold)[0]
            } else {
                // Without totals nothing can be subtracted: primary suppression only.
                let primary = { (value: Double) in Suppression.isPrimary(value, threshold: threshold) }
                mask = Suppression.Mask(cells: rows.map { $0.1.map(primary) }, rowTotals: rows.map { _ in false },
                                        columnTotals: columns.map { _ in false }, grandTotal: false)
            }
        }
    }

    public var suppressionTable: Suppression.Table {
        Suppression.Table(rows.map(\.values), columns: columns.count, halves: halves)
    }

    /// How a hidden value reads: `<5` under the threshold, `[c]` when hidden
    /// to protect another (and everything in a withheld table).
    public func label(_ value: Double) -> String {
        mask?.withheld == true ? "[c]" : Suppression.label(value, threshold: threshold)
    }

    public func hidden(_ row: Int, _ column: Int) -> Bool { mask?.cells[row][column] ?? false }
    public func rowTotal(_ row: Int) -> Double { rows[row].values.reduce(0, +) }
    public func columnTotal(_ column: Int) -> Double { rows.reduce(0) { $0 + $1.values[column] } }
    public var grandTotal: Double { rows.reduce(0) { $0 + $1.values.reduce(0, +) } }

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
