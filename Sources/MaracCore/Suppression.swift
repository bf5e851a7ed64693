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
/// Soundness: with everything shown (cells, row, column and grand totals, and
/// the same grand total shown by other tables of the output), no hidden value
/// may have a feasible range of a single value; a primary cell should keep the
/// whole 1–4 where hiding more cells can give it that. Ranges are exact, from
/// `SuppressionModel`. Where no amount of hiding can keep a value from being
/// pinned (for example a row of four 1s under a total of 4, which `<5` for the
/// total gives away), the whole table is withheld: every value reads `[c]`.
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

        public init(_ values: [[Double]], columns: Int? = nil, halves: Bool = false) {
            self.values = values
            self.columns = columns ?? values.first?.count ?? 0
            self.halves = halves
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

    /// The mask for one table on its own (its grand total shown by it alone).
    public static func mask(_ values: [[Double]], columns: Int? = nil, threshold: Int = defaultThreshold) -> Mask {
        masks([Table(values, columns: columns)], sharingGrandTotal: false, threshold: threshold)[0]
    }

    /// Masks for the tables of one output. With `sharingGrandTotal`, the tables'
    /// grand totals are the same figure (the referrals of a period counted by
    /// month, by age, by district): it is shown or hidden in all of them, and
    /// each table's hidden values are bounded knowing what the others allow.
    public static func masks(_ tables: [Table], sharingGrandTotal: Bool, threshold: Int = defaultThreshold) -> [Mask] {
        var masks = tables.map { primary($0, threshold: threshold) }
        guard sharingGrandTotal, tables.count > 1 else {
            return tables.indices.map { protect(tables[$0], masks[$0], shared: nil, threshold: threshold) }
        }
        var grandHidden = masks.contains { $0.grandTotal }
        pass: while true {
            for i in tables.indices {
                if grandHidden { masks[i].hideGrand(tables[i]) }
                let shared: ClosedRange<Double>? = grandHidden ? sharedGrandRange(tables, masks, except: i, threshold: threshold) : nil
                masks[i] = protect(tables[i], masks[i], shared: shared, threshold: threshold)
                if masks[i].grandTotal && !grandHidden {
                    grandHidden = true
                    continue pass
                }
            }
            break
        }
        return masks
    }

    /// Primary suppression alone: counts under the threshold, and totals under it.
    static func primary(_ table: Table, threshold: Int) -> Mask {
        let values = table.values, columns = table.columns
        let rowTotals = values.map { $0.reduce(0, +) }
        let columnTotals = (0..<columns).map { c in values.reduce(0) { $0 + $1[c] } }
        let hidden = { (value: Double) in isPrimary(value, threshold: threshold) }
        var mask = Mask(cells: values.map { $0.map(hidden) }, rowTotals: rowTotals.map(hidden),
                        columnTotals: columnTotals.map(hidden), grandTotal: hidden(table.grandTotal))
        mask.sync(table)
        return mask
    }

    /// What the reader knows of each value of a table under a mask.
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

    /// The range of the shared grand total allowed by the other tables (each
    /// table's allowed totals are an interval, so the intersection is exact).
    static func sharedGrandRange(_ tables: [Table], _ masks: [Mask], except i: Int, threshold: Int) -> ClosedRange<Double>? {
        var low = 0.0, high = Double.infinity
        for j in tables.indices where j != i && !masks[j].withheld {
            let model = model(tables[j], masks[j], shared: nil, threshold: threshold)
            let range = model.range(model.index(of: .grandTotal))
            let unit = Double(tables[j].unit)
            low = max(low, Double(range.lowerBound) / unit)
            if range.upperBound < SuppressionModel.unbounded { high = min(high, Double(range.upperBound) / unit) }
        }
        return low...max(low, high)
    }

    /// Adds suppression to a table until it is sound (see the type's comment).
    static func protect(_ table: Table, _ start: Mask, shared: ClosedRange<Double>?, threshold: Int) -> Mask {
        var mask = start
        var accepted = Set<Int>()
        let width = 2 * table.unit - 1 // two whole values; with halves, two of either parity
        let small = threshold * table.unit
        while true {
            let model = model(table, mask, shared: shared, threshold: threshold)
            let hidden = model.variables.indices.filter { i in
                guard mask.hides(model.variables[i]) else { return false }
                if case .rowTotal = model.variables[i], !table.showsRowTotals { return false }
                if case .columnTotal = model.variables[i], !table.showsColumnTotals { return false }
                if case .cell = model.variables[i] { return true }
                return model.actual[i] > 0 && model.actual[i] < small // a hidden total under the threshold
            }
            // Primary cells first, then the cells hidden to protect them, then totals.
            func rank(_ i: Int) -> Int {
                guard case .cell = model.variables[i] else { return 2 }
                return model.actual[i] < small ? 0 : 1
            }
            let ordered = hidden.sorted { (rank($0), $0) < (rank($1), $1) }
            if let first = ordered.first(where: { !model.spans($0, atLeast: width) }) {
                if let next = nextHides(for: model.variables[first], table, mask) {
                    for variable in next { mask.hide(variable) }
                    mask.sync(table)
                    continue
                }
                // No cell can help: a total. The first that frees the value on
                // its own, else the nearest (another will follow).
                let totals = fallbacks(for: model.variables[first], table, mask)
                guard !totals.isEmpty else { return withheld(table) }
                let freeing = totals.first { total in
                    var trial = mask
                    trial.hide(total)
                    trial.sync(table)
                    return Suppression.model(table, trial, shared: shared, threshold: threshold).spans(first, atLeast: width)
                }
                mask.hide(freeing ?? totals[0])
                mask.sync(table)
                continue
            }
            let narrow = hidden.first { i in
                guard case .cell = model.variables[i], !accepted.contains(i), model.actual[i] < small else { return false }
                return !(model.feasible(i, 1) && model.feasible(i, small - 1))
            }
            if let narrow {
                if let next = nextHides(for: model.variables[narrow], table, mask) {
                    for variable in next { mask.hide(variable) }
                    mask.sync(table)
                } else {
                    accepted.insert(narrow)
                }
                continue
            }
            return mask
        }
    }

    /// The cells to hide next to protect a value. For a cell of a table with
    /// rows and columns, the corners of a rectangle through it (a cell in its
    /// row, one in its column and the one where they cross), all nonzero, so
    /// the four can move together without any total changing: the cheapest by
    /// the sum of what it newly hides, then by the smaller cell in its row.
    /// Otherwise one shown cell in its row or column, preferring one whose
    /// other line already has a hidden cell (no new line opened), then the
    /// smallest.
    static func nextHides(for variable: SuppressionModel.Variable, _ table: Table, _ mask: Mask) -> [SuppressionModel.Variable]? {
        let values = table.values
        if case let .cell(r, c) = variable, values.count > 1, table.columns > 1 {
            var best: (cost: Double, rowPartner: Double, r: Int, c: Int)?
            for r2 in values.indices where r2 != r {
                for c2 in 0..<table.columns where c2 != c {
                    let corners = [(r, c2), (r2, c), (r2, c2)]
                    guard corners.allSatisfy({ values[$0.0][$0.1] > 0 }) else { continue }
                    let added = corners.filter { !mask.cells[$0.0][$0.1] }
                    guard !added.isEmpty else { continue }
                    let cost = added.reduce(0) { $0 + values[$1.0][$1.1] }
                    let key = (cost, values[r][c2], r2, c2)
                    if best == nil || key < (best!.cost, best!.rowPartner, best!.r, best!.c) { best = key }
                }
            }
            if let best {
                return [(r, best.c), (best.r, c), (best.r, best.c)].filter { !mask.cells[$0.0][$0.1] }.map { .cell($0.0, $0.1) }
            }
        }
        var options: [(r: Int, c: Int, sameRow: Bool)] = []
        switch variable {
        case let .cell(r, c):
            options = (0..<table.columns).filter { $0 != c }.map { (r, $0, true) } + values.indices.filter { $0 != r }.map { ($0, c, false) }
        case let .rowTotal(r): options = (0..<table.columns).map { (r, $0, true) }
        case let .columnTotal(c): options = values.indices.map { ($0, c, false) }
        case .grandTotal: options = []
        }
        let open = options.filter { !mask.cells[$0.r][$0.c] && values[$0.r][$0.c] > 0 }
        let best = open.min { a, b in
            func opens(_ o: (r: Int, c: Int, sameRow: Bool)) -> Int {
                let other = o.sameRow ? values.indices.contains { $0 != o.r && mask.cells[$0][o.c] }
                                      : (0..<table.columns).contains { $0 != o.c && mask.cells[o.r][$0] }
                return other ? 0 : 1
            }
            return (opens(a), values[a.r][a.c], a.r, a.c) < (opens(b), values[b.r][b.c], b.r, b.c)
        }
        return best.map { [.cell($0.r, $0.c)] }
    }

    /// When no cell is left to hide: the totals that could help, nearest first.
    static func fallbacks(for variable: SuppressionModel.Variable, _ table: Table, _ mask: Mask) -> [SuppressionModel.Variable] {
        var options: [SuppressionModel.Variable] = []
        switch variable {
        case let .cell(r, c):
            // Its own row and column totals; then the totals of the other lines
            // through its hidden neighbours (so its line's total cannot be got
            // by subtraction from the grand total); the grand total last, as
            // it is the headline figure and other tables share it.
            if table.showsRowTotals { options.append(.rowTotal(r)) }
            if table.showsColumnTotals { options.append(.columnTotal(c)) }
            if table.showsRowTotals {
                options += table.values.indices.filter { $0 != r && mask.cells[$0][c] }.map { .rowTotal($0) }
            }
            if table.showsColumnTotals {
                options += (0..<table.columns).filter { $0 != c && mask.cells[r][$0] }.map { .columnTotal($0) }
            }
            options.append(.grandTotal)
        case let .rowTotal(r):
            options = [.grandTotal] + (table.showsColumnTotals ? (0..<table.columns).filter { mask.cells[r][$0] }.map { .columnTotal($0) } : [])
        case let .columnTotal(c):
            options = [.grandTotal] + (table.showsRowTotals ? table.values.indices.filter { mask.cells[$0][c] }.map { .rowTotal($0) } : [])
        case .grandTotal:
            options = []
        }
        return options.filter { !mask.hides($0) }
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

extension Suppression.Mask {
    /// In a one-column table each row's total is its one cell and the column
    /// total is the grand total; in a one-row table likewise each column's
    /// total is its cell and the row total is the grand total. They are
    /// printed once, so hidden together.
    mutating func sync(_ table: Suppression.Table) {
        if table.columns == 1 {
            for r in cells.indices { rowTotals[r] = cells[r][0] }
            let hidden = columnTotals[0] || grandTotal
            columnTotals[0] = hidden
            grandTotal = hidden
        }
        if cells.count == 1 {
            for c in columnTotals.indices { columnTotals[c] = cells[0][c] }
            let hidden = rowTotals[0] || grandTotal
            rowTotals[0] = hidden
            grandTotal = hidden
        }
    }

    mutating func hideGrand(_ table: Suppression.Table) {
        grandTotal = true
        sync(table)
    }
}
