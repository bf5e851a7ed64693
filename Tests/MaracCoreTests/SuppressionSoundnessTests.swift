import Testing
@testable import MaracCore

/// An independent check of suppression: enumerate every table a reader could
/// believe in, given what is shown, and see what each hidden value could be.
/// It shares nothing with the flow model but the labels' meaning: `<5` is 1–4,
/// `[c]` is 5 or more, a shown value is itself, zeros are shown.
struct BruteForce {
    let values: [[Int]]
    let mask: Suppression.Mask
    let threshold: Int
    let cap: Int
    /// Other tables' grand total range, when shared.
    var grandRange: ClosedRange<Int>? = nil

    var rows: Int { values.count }
    var columns: Int { values.first?.count ?? 0 }

    func domain(_ actual: Int) -> ClosedRange<Int> { actual < threshold ? 1...(threshold - 1) : threshold...cap }

    func totalFits(_ sum: Int, actual: Int, hidden: Bool) -> Bool {
        if !hidden { return sum == actual }
        return actual < threshold ? (1...(threshold - 1)).contains(sum) : sum >= threshold
    }

    /// The values each hidden cell, and each hidden total under the
    /// threshold, takes across all consistent tables.
    func seen() -> (cells: [[Set<Int>]], rowTotals: [Set<Int>], columnTotals: [Set<Int>], grand: Set<Int>) {
        var cells = values.map { $0.map { _ in Set<Int>() } }
        var rowSeen = values.map { _ in Set<Int>() }, columnSeen = (0..<columns).map { _ in Set<Int>() }, grandSeen = Set<Int>()
        var table = values
        let rowTotals = values.map { $0.reduce(0, +) }
        let columnTotals = (0..<columns).map { c in values.reduce(0) { $0 + $1[c] } }
        let grand = rowTotals.reduce(0, +)
        func rowOK(_ r: Int) -> Bool {
            columns == 1 || totalFits(table[r].reduce(0, +), actual: rowTotals[r], hidden: mask.rowTotals[r])
        }
        func complete() {
            for c in 0..<columns where rows > 1 {
                if !totalFits(table.reduce(0) { $0 + $1[c] }, actual: columnTotals[c], hidden: mask.columnTotals[c]) { return }
            }
            let sum = table.reduce(0) { $0 + $1.reduce(0, +) }
            if !totalFits(sum, actual: grand, hidden: mask.grandTotal) { return }
            if let grandRange, !grandRange.contains(sum) { return }
            for r in 0..<rows { for c in 0..<columns where mask.cells[r][c] { cells[r][c].insert(table[r][c]) } }
            for r in 0..<rows where mask.rowTotals[r] { rowSeen[r].insert(table[r].reduce(0, +)) }
            for c in 0..<columns where mask.columnTotals[c] { columnSeen[c].insert(table.reduce(0) { $0 + $1[c] }) }
            grandSeen.insert(sum)
        }
        func fill(_ k: Int) {
            if k == rows * columns { complete(); return }
            let r = k / columns, c = k % columns
            let next = { if c == columns - 1 { if rowOK(r) { fill(k + 1) } } else { fill(k + 1) } }
            guard mask.cells[r][c] else { next(); return }
            for v in domain(values[r][c]) { table[r][c] = v; next() }
            table[r][c] = values[r][c]
        }
        fill(0)
        return (cells, rowSeen, columnSeen, grandSeen)
    }
}

@Suite struct SuppressionSoundnessTests {
    /// The issue's example: high <5, medium <5, standard 5, not completed 0,
    /// total 7 gave both hidden cells away as 1.
    @Test func theIssuesExampleNoLongerGivesItselfAway() {
        let values: [[Double]] = [[1, 1, 5, 0], [10, 12, 9, 8]]
        let mask = Suppression.mask(values)
        #expect(mask.cells[0][0] && mask.cells[0][1])
        #expect(!mask.cells[0][3], "zeros are shown")
        let ranges = Suppression.feasibleRanges(Suppression.Table(values), mask)
        // Each primary cell could be anything from 1 to 4 for all a reader can tell.
        #expect(ranges[.cell(0, 0)] == 1...4)
        #expect(ranges[.cell(0, 1)] == 1...4)
        // No hidden cell is pinned (a hidden total of 5 or more may be: it hides no small count).
        for (variable, range) in ranges {
            if case .cell = variable { #expect(range.lowerBound < range.upperBound, "\(variable) pinned at \(range)") }
        }
        // Nothing under the threshold is shown.
        for r in values.indices { for c in 0..<4 where Suppression.isHidden(values[r][c]) { #expect(mask.cells[r][c]) } }
        // And the brute force agrees that nothing hidden is pinned.
        let seen = BruteForce(values: values.map { $0.map(Int.init) }, mask: mask, threshold: 5, cap: 17).seen()
        #expect(seen.cells[0][0] == Set(1...4) && seen.cells[0][1] == Set(1...4))
    }

    /// The same row alone: the total has to go, as no other cell can cover
    /// it; and then the 5 need not (1 + 1 + 5 under a hidden total of 5 or
    /// more leaves each 1 anywhere in 1–4), so minimality shows it.
    @Test func aRowThatCanOnlyBeCoveredLosesItsTotal() {
        let mask = Suppression.mask([[1, 1, 5, 0]])
        #expect(mask.cells == [[true, true, false, false]])
        #expect(mask.rowTotals == [true] && mask.grandTotal)
        let ranges = Suppression.feasibleRanges(Suppression.Table([[1, 1, 5, 0]]), mask)
        #expect(ranges[.cell(0, 0)] == 1...4 && ranges[.cell(0, 1)] == 1...4)
    }

    @Test func labelsTellPrimaryFromSecondary() {
        #expect(Suppression.label(3, threshold: 5) == "<5")
        #expect(Suppression.label(8, threshold: 5) == "[c]")
        #expect(Suppression.label(4.5, threshold: 5) == "<5")
        #expect(Suppression.label(7, threshold: 10) == "<10")
        #expect(Suppression.label(12, threshold: 10) == "[c]")
    }

    @Test func theThresholdIsAParameter() {
        let values: [[Double]] = [[6, 30, 40], [9, 20, 50]]
        #expect(Suppression.mask(values) == Suppression.mask(values, threshold: 5))
        #expect(!Suppression.mask(values).cells[0][0])
        let ten = Suppression.mask(values, threshold: 10)
        #expect(ten.cells[0][0] && ten.cells[1][0])
        let ranges = Suppression.feasibleRanges(Suppression.Table(values), ten, threshold: 10)
        #expect(ranges[SuppressionModel.Variable.cell(0, 0)].map { $0.upperBound > $0.lowerBound } == true)
    }

    /// Halves (joint referrals count 0.5 to each agency): 2.5 reads <5 and is not pinned.
    @Test func halvesArePrimaryAndProtected() {
        let values: [[Double]] = [[2.5], [20], [11.5], [0], [7]]
        let table = Suppression.Table(values, halves: true)
        let mask = Suppression.masks([table], sharingGrandTotal: false)[0]
        #expect(mask.cells[0][0])
        let ranges = Suppression.feasibleRanges(table, mask)
        #expect(ranges[.cell(0, 0)] == 0.5...4.5)
        for (variable, range) in ranges { #expect(range.upperBound - range.lowerBound >= 1.5, "\(variable): \(range)") }
    }

    /// Random small tables, seeded: the brute force finds at least two values
    /// for every hidden cell and every hidden total under the threshold, and
    /// the flow model's ranges are exactly the brute force's.
    @Test(arguments: 1...80)
    func noHiddenValueIsPinnedInRandomTables(seed: Int) {
        var state = UInt64(seed) &* 0x9E3779B97F4A7C15 &+ 12345
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let rows = 1 + next(3), columns = 1 + next(3)
        let values = (0..<rows).map { _ in (0..<columns).map { _ in next(3) == 0 ? next(5) : next(10) } }
        let mask = Suppression.mask(values.map { $0.map(Double.init) }, columns: columns)
        let context = "\(values) -> \(mask)"
        if mask.withheld {
            #expect(mask.cells.allSatisfy { $0.allSatisfy { $0 } }, "\(context)")
            return
        }
        for r in 0..<rows {
            for c in 0..<columns {
                if (1...4).contains(values[r][c]) { #expect(mask.cells[r][c], "primary shown: \(context)") }
                if values[r][c] == 0 { #expect(!mask.cells[r][c], "zero hidden: \(context)") }
            }
        }
        let cap = (values.flatMap { $0 }.max() ?? 0) + 6
        let seen = BruteForce(values: values, mask: mask, threshold: 5, cap: cap).seen()
        let ranges = Suppression.feasibleRanges(Suppression.Table(values.map { $0.map(Double.init) }, columns: columns), mask)
        for r in 0..<rows {
            for c in 0..<columns where mask.cells[r][c] {
                #expect(seen.cells[r][c].count >= 2, "cell \(r),\(c) pinned to \(seen.cells[r][c]): \(context)")
                guard let range = ranges[.cell(r, c)], let low = seen.cells[r][c].min(), let high = seen.cells[r][c].max() else {
                    Issue.record("no range for \(r),\(c): \(context)"); continue
                }
                #expect(Int(range.lowerBound) == low, "cell \(r),\(c): model \(range), brute \(low)...\(high): \(context)")
                #expect(min(range.upperBound, Double(cap)) == Double(high), "cell \(r),\(c): model \(range), brute \(low)...\(high): \(context)")
            }
        }
        let rowTotals = values.map { $0.reduce(0, +) }
        for r in 0..<rows where columns > 1 && mask.rowTotals[r] && (1...4).contains(rowTotals[r]) {
            #expect(seen.rowTotals[r].count >= 2, "row total \(r) pinned: \(context)")
        }
        let columnTotals = (0..<columns).map { c in values.reduce(0) { $0 + $1[c] } }
        for c in 0..<columns where rows > 1 && mask.columnTotals[c] && (1...4).contains(columnTotals[c]) {
            #expect(seen.columnTotals[c].count >= 2, "column total \(c) pinned: \(context)")
        }
        if mask.grandTotal && (1...4).contains(rowTotals.reduce(0, +)) {
            #expect(seen.grand.count >= 2, "grand total pinned: \(context)")
        }
    }

    /// Two lists of the same referrals (by age, by district): a grand total
    /// hidden in one is hidden in both, and what one list allows bounds the
    /// other. Brute force over both at once.
    @Test(arguments: 1...40)
    func tablesSharingATotalAreSoundTogether(seed: Int) {
        var state = UInt64(seed) &* 0x2545F4914F6CDD1D &+ 99
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var a = (0..<(2 + next(2))).map { _ in next(2) == 0 ? next(5) : next(9) }
        var b = (0..<(2 + next(2))).map { _ in next(2) == 0 ? next(5) : next(9) }
        let total = max(a.reduce(0, +), b.reduce(0, +))
        a[a.count - 1] += total - a.reduce(0, +)
        b[b.count - 1] += total - b.reduce(0, +)
        let tables = [a, b].map { Suppression.Table($0.map { [Double($0)] }) }
        let masks = Suppression.masks(tables, sharingGrandTotal: true)
        let context = "\(a) \(b) -> \(masks)"
        #expect(masks[0].grandTotal == masks[1].grandTotal || masks.contains { $0.withheld }, "\(context)")
        let cap = total + 6
        // Every grand total a reader could believe, from both lists at once.
        func grands(_ list: [Int], _ mask: Suppression.Mask) -> Set<Int> {
            mask.withheld ? Set(0...cap) : BruteForce(values: list.map { [$0] }, mask: mask, threshold: 5, cap: cap).seen().grand
        }
        let common = grands(a, masks[0]).intersection(grands(b, masks[1]))
        guard let low = common.min(), let high = common.max() else { Issue.record("no consistent total: \(context)"); return }
        for (list, mask) in zip([a, b], masks) where !mask.withheld {
            var brute = BruteForce(values: list.map { [$0] }, mask: mask, threshold: 5, cap: cap)
            brute.grandRange = low...high
            let seen = brute.seen()
            for r in list.indices where mask.cells[r][0] {
                #expect(seen.cells[r][0].count >= 2, "row \(r) of \(list) pinned to \(seen.cells[r][0]): \(context)")
            }
        }
    }
}
