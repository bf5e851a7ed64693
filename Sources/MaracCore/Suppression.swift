/// Small-number suppression for figures that leave the MARAC.
///
/// - Counts from 1 to threshold−1 (1–4 by default) are hidden and read `<5`
///   (primary suppression). Zeros are shown: a zero is no person.
/// - Cells hidden only so that a primary cell cannot be worked out read `[c]`
///   (the ONS convention); they always hold the threshold or more, so a reader
///   who knows the rule knows that too, and the bounds below assume they do.
/// - A total hidden to protect its cells reads `<5` when it is under the
///   threshold and `[c]` otherwise.
///
/// Which values to hide is decided over all the tables published together
/// (`masks(_:links:threshold:)`, JointSuppression.swift): every primary value
/// keeps the whole range its label allows, and no secondary is hidden that
/// protection does not need. Where not even hiding everything can do that
/// (four 1s under a total of 4, which `<5` for the total gives away), the
/// whole table is withheld: every value reads `[c]`.
public enum Suppression {
    public static let defaultThreshold = 5
    public static let threshold = Double(defaultThreshold)

    public static func isHidden(_ count: Int) -> Bool { isPrimary(Double(count), threshold: defaultThreshold) }
    public static func isHidden(_ value: Double) -> Bool { isPrimary(value, threshold: defaultThreshold) }
    public static func isPrimary(_ count: Int, threshold: Int) -> Bool { isPrimary(Double(count), threshold: threshold) }
    public static func isPrimary(_ value: Double, threshold: Int) -> Bool { value > 0 && value < Double(threshold) }

    /// How a hidden value reads: `<5` for a count under the threshold, `[c]`
    /// for one hidden to protect another.
    public static func label(_ value: Double, threshold: Int) -> String {
        isPrimary(value, threshold: threshold) ? "<\(threshold)" : "[c]"
    }

    /// What to hide in a table of counts with row totals, column totals and a
    /// grand total (a one-column table is a list with its total).
    public struct Mask: Sendable, Equatable {
        public var cells: [[Bool]]
        public var rowTotals: [Bool]
        public var columnTotals: [Bool]
        public var grandTotal: Bool
        /// Nothing of the table can be shown safely: every value reads `[c]`.
        public var withheld: Bool

        public init(cells: [[Bool]], rowTotals: [Bool], columnTotals: [Bool], grandTotal: Bool, withheld: Bool = false) {
            self.cells = cells
            self.rowTotals = rowTotals
            self.columnTotals = columnTotals
            self.grandTotal = grandTotal
            self.withheld = withheld
        }

        func hides(_ variable: SuppressionModel.Variable) -> Bool {
            switch variable {
            case let .cell(r, c): return cells[r][c]
            case let .rowTotal(r): return rowTotals[r]
            case let .columnTotal(c): return columnTotals[c]
            case .grandTotal: return grandTotal
            }
        }

        mutating func hide(_ variable: SuppressionModel.Variable) {
            switch variable {
            case let .cell(r, c): cells[r][c] = true
            case let .rowTotal(r): rowTotals[r] = true
            case let .columnTotal(c): columnTotals[c] = true
            case .grandTotal: grandTotal = true
            }
        }
    }

    /// A table of counts as printed: its values, whether it prints row totals
    /// (tables of more than one column do), and whether counts come in halves
    /// (a joint referral counts 0.5 to each agency).
    public struct Table: Sendable {
        public var values: [[Double]]
        public var columns: Int
        public var halves: Bool
        /// Whether its totals are printed (a list of separate counts has none).
        public var totals: Bool
        /// It counts cases though its cells come in halves (a meeting's cases
        /// discussed, split between the police and partner agencies): its row
        /// totals are whole, and each `<5` of it (and whatever prints the same
        /// value) is protected as a whole count, keeping 1–4 rather than
        /// 0.5–4.5 (a cell beside a shown zero is its row's whole count).
        public var wholeRowTotals = false

        public init(_ values: [[Double]], columns: Int? = nil, halves: Bool = false, totals: Bool = true) {
            self.values = values
            self.columns = columns ?? values.first?.count ?? 0
            self.halves = halves
            self.totals = totals
        }

        var unit: Int { halves ? 2 : 1 }
        /// A one-column table's row totals are its cells, and a one-row
        /// table's column totals are: they stand or fall with them.
        var showsRowTotals: Bool { columns > 1 }
        var showsColumnTotals: Bool { values.count > 1 }
        var units: [[Int]] { values.map { $0.map { Int(($0 * Double(unit)).rounded()) } } }
        public var grandTotal: Double { values.reduce(0) { $0 + $1.reduce(0, +) } }
    }

    // MARK: One table

    /// The mask for one table on its own.
    public static func mask(_ values: [[Double]], columns: Int? = nil, threshold: Int = defaultThreshold) -> Mask {
        masks([Table(values, columns: columns)], links: [], threshold: threshold)[0]
    }

    /// Masks for the tables of one output; with `sharingGrandTotal`, their
    /// grand totals are one figure (see `masks(_:links:threshold:)`).
    public static func masks(_ tables: [Table], sharingGrandTotal: Bool, threshold: Int = defaultThreshold) -> [Mask] {
        masks(tables, links: sharingGrandTotal && tables.count > 1 ? [.sameTotal(Array(tables.indices))] : [], threshold: threshold)
    }

    /// What the reader knows of each value of one table under a mask.
    static func model(_ table: Table, _ mask: Mask, shared: ClosedRange<Double>?, threshold: Int) -> SuppressionModel {
        let unit = table.unit, small = threshold * unit
        return SuppressionModel(values: table.units, columns: table.columns) { variable, actual in
            if case .rowTotal = variable, !table.showsRowTotals { return 0...SuppressionModel.unbounded }
            if case .columnTotal = variable, !table.showsColumnTotals { return 0...SuppressionModel.unbounded }
            var range: ClosedRange<Int>
            if !mask.hides(variable) {
                range = actual...actual
            } else if actual > 0 && actual < small {
                range = 1...(small - 1)
            } else {
                range = small...SuppressionModel.unbounded
            }
            if case .grandTotal = variable, let shared {
                let low = max(range.lowerBound, Int((shared.lowerBound * Double(unit)).rounded(.up)))
                let high = min(range.upperBound, Int(min(shared.upperBound * Double(unit), Double(SuppressionModel.unbounded)).rounded(.down)))
                range = low...max(low, high)
            }
            return range
        }
    }

    static func withheld(_ table: Table) -> Mask {
        Mask(cells: table.values.map { $0.map { _ in true } }, rowTotals: table.values.map { _ in true },
             columnTotals: (0..<table.columns).map { _ in true }, grandTotal: true, withheld: true)
    }

    // MARK: Checking

    /// The exact feasible range of every hidden value of a table under a mask,
    /// in counts (halves where the table has them): what a reader can work out.
    public static func feasibleRanges(_ table: Table, _ mask: Mask, sharedGrandTotal: ClosedRange<Double>? = nil,
                                      threshold: Int = defaultThreshold) -> [SuppressionModel.Variable: ClosedRange<Double>] {
        guard !mask.withheld else { return [:] }
        let model = model(table, mask, shared: sharedGrandTotal, threshold: threshold)
        var result: [SuppressionModel.Variable: ClosedRange<Double>] = [:]
        for (i, variable) in model.variables.enumerated() where mask.hides(variable) {
            if case .rowTotal = variable, !table.showsRowTotals { continue }
            if case .columnTotal = variable, !table.showsColumnTotals { continue }
            let range = model.range(i)
            let high = range.upperBound >= SuppressionModel.unbounded ? Double.infinity : Double(range.upperBound) / Double(table.unit)
            result[variable] = (Double(range.lowerBound) / Double(table.unit))...high
        }
        return result
    }
}
