/// Small-number suppression for figures that leave the MARAC. Counts of 1 to 4
/// are shown as "<5" (primary suppression). Where a shown total and the other
/// shown cells would let a reader work a hidden count out by subtraction, the
/// next smallest cell is hidden too (secondary suppression), until no hidden
/// cell can be recovered from any row or column and its total.
public enum Suppression {
    public static let threshold = 5.0

    public static func isHidden(_ count: Int) -> Bool { count > 0 && Double(count) < threshold }
    public static func isHidden(_ value: Double) -> Bool { value > 0 && value < threshold }

    /// What to hide in a table of counts with row totals, column totals and a
    /// grand total (a one-row table is a list with its total).
    public struct Mask: Sendable, Equatable {
        public var cells: [[Bool]]
        public var rowTotals: [Bool]
        public var columnTotals: [Bool]
        public var grandTotal: Bool

        public init(cells: [[Bool]], rowTotals: [Bool], columnTotals: [Bool], grandTotal: Bool) {
            self.cells = cells
            self.rowTotals = rowTotals
            self.columnTotals = columnTotals
            self.grandTotal = grandTotal
        }
    }

    /// - Parameter columns: the table's width, needed when it has no rows.
    public static func mask(_ values: [[Double]], columns: Int? = nil) -> Mask {
        let rows = values.count
        let columns = columns ?? values.first?.count ?? 0
        let rowTotals = values.map { $0.reduce(0, +) }
        let columnTotals = (0..<columns).map { c in values.reduce(0) { $0 + $1[c] } }
        let grand = rowTotals.reduce(0, +)
        var mask = Mask(cells: values.map { $0.map(isHidden) }, rowTotals: rowTotals.map(isHidden),
                        columnTotals: columnTotals.map(isHidden), grandTotal: isHidden(grand))

        // One linear constraint: members sum to a total. If the total is shown and
        // exactly one member is hidden, that member can be recovered: hide another.
        func protect(members: [(value: Double, hidden: Bool)], totalHidden: Bool) -> Int? {
            guard !totalHidden, members.filter(\.hidden).count == 1 else { return nil }
            let candidates = members.indices.filter { !members[$0].hidden && members[$0].value > 0 }
            return candidates.min { members[$0].value < members[$1].value } ?? -1
        }

        var changed = true
        while changed {
            changed = false
            for r in 0..<rows {
                let members = (0..<columns).map { (values[r][$0], mask.cells[r][$0]) }
                if let pick = protect(members: members, totalHidden: mask.rowTotals[r]) {
                    if pick >= 0 { mask.cells[r][pick] = true } else { mask.rowTotals[r] = true }
                    changed = true
                }
            }
            for c in 0..<columns where rows > 1 {
                let members = (0..<rows).map { (values[$0][c], mask.cells[$0][c]) }
                if let pick = protect(members: members, totalHidden: mask.columnTotals[c]) {
                    if pick >= 0 { mask.cells[pick][c] = true } else { mask.columnTotals[c] = true }
                    changed = true
                }
            }
            if rows > 1 {
                let members = (0..<rows).map { (rowTotals[$0], mask.rowTotals[$0]) }
                if let pick = protect(members: members, totalHidden: mask.grandTotal) {
                    if pick >= 0 { mask.rowTotals[pick] = true } else { mask.grandTotal = true }
                    changed = true
                }
            }
            if columns > 1 {
                let members = (0..<columns).map { (columnTotals[$0], mask.columnTotals[$0]) }
                if let pick = protect(members: members, totalHidden: mask.grandTotal) {
                    if pick >= 0 { mask.columnTotals[pick] = true } else { mask.grandTotal = true }
                    changed = true
                }
            }
        }
        return mask
    }
}
