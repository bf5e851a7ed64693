import MaracCore

/// One table of counts as the steering group reads it: labelled rows, value
/// columns, row and column totals, and what suppression hides. Every output
/// (table, CSV, JSON, the HTML report) is drawn from these, so a hidden cell
/// is hidden everywhere alike.
struct FigureTable {
    var id: String
    var title: String
    var rowHeader: String
    var columns: [String]
    var rows: [(label: String, values: [Double])]
    /// Whether rows add up to a meaningful total row and column.
    var totals: Bool
    var mask: Suppression.Mask?
    /// Counts under this are primary (`<5` by default).
    var threshold: Int
    /// Joint referrals count 0.5 to each agency.
    var halves: Bool

    /// With `suppress`, the table is protected on its own; FiguresDocument
    /// then re-protects the tables that share a total together.
    init(id: String, title: String, rowHeader: String, columns: [String], rows: [(String, [Double])], totals: Bool, suppress: Bool,
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

    var suppressionTable: Suppression.Table {
        Suppression.Table(rows.map(\.values), columns: columns.count, halves: halves)
    }

    /// How a hidden value reads: `<5` under the threshold, `[c]` when hidden
    /// to protect another (and everything in a withheld table).
    func label(_ value: Double) -> String {
        mask?.withheld == true ? "[c]" : Suppression.label(value, threshold: threshold)
    }

    func hidden(_ row: Int, _ column: Int) -> Bool { mask?.cells[row][column] ?? false }
    func rowTotal(_ row: Int) -> Double { rows[row].values.reduce(0, +) }
    func columnTotal(_ column: Int) -> Double { rows.reduce(0) { $0 + $1.values[column] } }
    var grandTotal: Double { rows.reduce(0) { $0 + $1.values.reduce(0, +) } }

    func value(_ value: Double, hidden: Bool) -> FigureValue { .init(value, hidden: hidden, label: label(value)) }
    func cell(_ row: Int, _ column: Int) -> FigureValue { value(rows[row].values[column], hidden: hidden(row, column)) }
    func rowTotalValue(_ row: Int) -> FigureValue { value(rowTotal(row), hidden: mask?.rowTotals[row] ?? false) }
    func columnTotalValue(_ column: Int) -> FigureValue { value(columnTotal(column), hidden: mask?.columnTotals[column] ?? false) }
    var grandTotalValue: FigureValue { value(grandTotal, hidden: mask?.grandTotal ?? false) }
}

/// A count or share, or its label where it is suppressed: `<5` for a count
/// under the threshold, `[c]` for one hidden to protect another.
struct FigureValue {
    var value: Double
    var hidden: Bool
    var label: String

    init(_ value: Double, hidden: Bool, label: String = "<5") {
        self.value = value
        self.hidden = hidden
        self.label = label
    }

    var text: String {
        if hidden { return label }
        return value == value.rounded() ? String(Int(value)) : String(value)
    }

    var json: JSON {
        if hidden { return .string(label) }
        return value == value.rounded() && !isFractional ? .int(Int(value)) : .number(value)
    }

    /// Route counts are halves; keep them numbers with a decimal point in JSON.
    var isFractional = false
}
