import Testing
@testable import MaracCore

@Suite struct SuppressionTests {
    @Test func primaryHidesOneToFour() {
        #expect(!Suppression.isHidden(0))
        #expect(Suppression.isHidden(1))
        #expect(Suppression.isHidden(4))
        #expect(!Suppression.isHidden(5))
        #expect(Suppression.isHidden(4.5))
    }

    @Test func aLoneHiddenCellInARowTakesTheNextSmallestWithIt() {
        // 3 would be 23 − 12 − 0 − 9 from the shown total: 9 is hidden too.
        let mask = Suppression.mask([[12, 3, 0, 9]])
        #expect(mask.cells == [[false, true, false, true]])
        #expect(mask.rowTotals == [false])
    }

    @Test func secondarySuppressionRunsAcrossRowsAndColumns() {
        // Worked by hand: 3 is primary; row 0 then hides 7; column 1 hides 8;
        // column 2 (7 hidden, 16 shown) hides 9. Then no line has a lone hidden cell.
        let mask = Suppression.mask([[10, 3, 7], [6, 8, 9]])
        #expect(mask.cells == [[false, true, true], [false, true, true]])
        #expect(mask.rowTotals == [false, false])
        #expect(mask.columnTotals == [false, false, false])
        #expect(mask.grandTotal == false)
    }

    @Test func aRowWithNothingElseToHideHidesItsTotal() {
        // 2 and zeros: hiding 2 alone leaves total 2 − 0 − 0; the total goes too.
        let mask = Suppression.mask([[2, 0, 0], [10, 20, 30]])
        #expect(mask.cells[0] == [true, false, false])
        #expect(mask.rowTotals[0] == true)
        // Column 0 (2 hidden, total 12 shown) then takes 10 with it.
        #expect(mask.cells[1][0] == true)
    }

    @Test func twoHiddenCellsNeedNoMore() {
        let mask = Suppression.mask([[2, 3, 50]])
        #expect(mask.cells == [[true, true, false]])
    }

    /// For random tables: no shown total sits over exactly one hidden cell.
    @Test(arguments: 1...40)
    func noHiddenCellCanBeRecovered(seed: Int) {
        var state = UInt64(seed) &* 6364136223846793005 &+ 1442695040888963407
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let rows = 1 + next(5), columns = 1 + next(5)
        let values = (0..<rows).map { _ in (0..<columns).map { _ in Double(next(3) == 0 ? next(5) : next(30)) } }
        let mask = Suppression.mask(values)
        for r in 0..<rows where !mask.rowTotals[r] {
            #expect(mask.cells[r].filter { $0 }.count != 1, "row \(r) of \(values)")
        }
        if rows > 1 {
            for c in 0..<columns where !mask.columnTotals[c] {
                #expect((0..<rows).filter { mask.cells[$0][c] }.count != 1, "column \(c) of \(values)")
            }
        }
        for r in 0..<rows { for c in 0..<columns where Suppression.isHidden(values[r][c]) { #expect(mask.cells[r][c]) } }
    }
}

@Suite struct SuppressionEdgeTests {
    @Test func anEmptyTableKeepsItsColumns() {
        let mask = Suppression.mask([], columns: 5)
        #expect(mask.columnTotals == [false, false, false, false, false])
        #expect(mask.cells.isEmpty)
        #expect(!mask.grandTotal)
    }
}
