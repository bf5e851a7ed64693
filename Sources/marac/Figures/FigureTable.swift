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

    init(id: String, title: String, rowHeader: String, columns: [String], rows: [(String, [Double])], totals: Bool, suppress: Bool) {
        self.id = id
        self.title = title
        self.rowHeader = rowHeader
        self.columns = columns
        self.rows = rows.map { (label: $0.0, values: $0.1) }
        self.totals = totals
        if suppress {
            if totals {
                mask = Suppression.mask(rows.map(\.1), columns: columns.count)
            } else {
                // Without totals nothing can be subtracted: primary suppression only.
                mask = Suppression.Mask(cells: rows.map { $0.1.map(Suppression.isHidden) }, rowTotals: rows.map { _ in false },
                                        columnTotals: columns.map { _ in false }, grandTotal: false)
            }
        }
    }

    func hidden(_ row: Int, _ column: Int) -> Bool { mask?.cells[row][column] ?? false }
    func rowTotal(_ row: Int) -> Double { rows[row].values.reduce(0, +) }
    func columnTotal(_ column: Int) -> Double { rows.reduce(0) { $0 + $1.values[column] } }
    var grandTotal: Double { rows.reduce(0) { $0 + $1.values.reduce(0, +) } }

    func cell(_ row: Int, _ column: Int) -> FigureValue { .init(rows[row].values[column], hidden: hidden(row, column)) }
    func rowTotalValue(_ row: Int) -> FigureValue { .init(rowTotal(row), hidden: mask?.rowTotals[row] ?? false) }
    func columnTotalValue(_ column: Int) -> FigureValue { .init(columnTotal(column), hidden: mask?.columnTotals[column] ?? false) }
    var grandTotalValue: FigureValue { .init(grandTotal, hidden: mask?.grandTotal ?? false) }
}

/// A count or share, or "<5" where it is suppressed.
struct FigureValue {
    var value: Double
    var hidden: Bool

    init(_ value: Double, hidden: Bool) {
        self.value = value
        self.hidden = hidden
    }

    var text: String {
        if hidden { return "<5" }
        return value == value.rounded() ? String(Int(value)) : String(value)
    }

    var json: JSON {
        if hidden { return .string("<5") }
        return value == value.rounded() && !isFractional ? .int(Int(value)) : .number(value)
    }

    /// Route counts are halves; keep them numbers with a decimal point in JSON.
    var isFractional = false
}
