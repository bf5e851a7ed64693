import Testing
@testable import MaracCore

/// The independent audit of joint suppression: for random sets of tables
/// published together (the period's referrals by month × band, source in
/// halves, age and district sharing one total; actions by agency with the
/// escalated ones part of the open overdue; repeat referrals within the
/// total; cases heard by route, and the data return meeting by meeting:
/// police and partner agencies by meeting adding up to cases discussed and
/// to the routes, children, and repeat cases and male victims by meeting
/// adding up to the period's counts), solve the linear bounds of every hidden value over all the tables
/// at once with the audit's own LP (`AuditLP`), and check
/// - every count under the threshold is hidden, no zero is, and every `[c]`
///   holds the threshold or more;
/// - every primary value keeps the whole range its label allows (1–4);
/// - minimality: showing any one secondary value narrows some primary value.
struct PublishedSet {
    var tables: [Suppression.Table]
    var links: [Suppression.Link]
    var threshold = 5

    /// One printed figure: the cells it adds up (a cell, a line total, a grand total).
    struct Figure: Hashable {
        var table: Int
        var variable: SuppressionModel.Variable
        var cells: [[Int]]
    }

    /// What each table prints, each figure once (a list's entries are its row
    /// totals; a one-row table's cells its column totals).
    func figures(_ i: Int) -> [Figure] {
        let table = tables[i], rows = table.values.count, columns = table.columns
        let all = (0..<rows).flatMap { r in (0..<columns).map { [r, $0] } }
        var result = all.map { Figure(table: i, variable: .cell($0[0], $0[1]), cells: [$0]) }
        guard table.totals else { return result }
        if rows > 1 && columns > 1 {
            result += (0..<rows).map { r in Figure(table: i, variable: .rowTotal(r), cells: (0..<columns).map { [r, $0] }) }
            result += (0..<columns).map { c in Figure(table: i, variable: .columnTotal(c), cells: (0..<rows).map { [$0, c] }) }
        }
        result.append(Figure(table: i, variable: .grandTotal, cells: all))
        return result
    }

    func value(_ figure: Figure) -> Double { figure.cells.reduce(0) { $0 + tables[figure.table].values[$1[0]][$1[1]] } }
    func step(_ table: Int) -> Double { tables[table].halves ? 0.5 : 1 }
    /// A figure's smallest step: a row total of whole counts over cells in halves is whole.
    func step(_ figure: Figure) -> Double {
        if case .rowTotal = figure.variable, tables[figure.table].wholeRowTotals { return 1 }
        return step(figure.table)
    }

    /// How far in from its label's ends a `<5` must still reach: a value of
    /// a table of whole counts in halves, or a route printing the same value
    /// (the police route, the routes' total), is protected as a whole count (1–4).
    func target(_ figure: Figure) -> Double {
        if tables[figure.table].wholeRowTotals { return 1 }
        for case let .columnsAreRowsOf(table, list, groups) in links where list == figure.table && tables[table].wholeRowTotals {
            switch figure.variable {
            case .grandTotal: return 1
            case let .cell(r, _) where groups.contains([r]): return 1
            default: continue
            }
        }
        return step(figure)
    }
    func isPrimary(_ figure: Figure) -> Bool { let v = value(figure); return v > 0 && v < Double(threshold) }

    /// The tables whose grand total is the same printed figure as this one's.
    func sharing(_ table: Int) -> [Int] {
        for case let .sameTotal(group) in links where group.contains(table) { return group }
        return [table]
    }

    /// The linear bounds of every hidden primary figure that falls short of
    /// its label's range, with `shown` figures treated as shown.
    func narrowed(_ masks: [Suppression.Mask], shown extra: Set<Figure> = [], firstOnly: Bool = false,
                  solved: (Figure, ClosedRange<Double>) -> Void = { _, _ in }) -> [String] {
        var system = AuditSystem()
        var variable: [Int: [[Int]]] = [:]
        func isHidden(_ f: Figure) -> Bool { masks[f.table].hides(f.variable) && !extra.contains(f) }
        // A variable for each hidden cell only: shown cells are constants.
        for (i, table) in tables.enumerated() {
            variable[i] = table.values.indices.map { r in
                (0..<table.columns).map { c in
                    masks[i].withheld || isHidden(Figure(table: i, variable: .cell(r, c), cells: [[r, c]])) ? system.newVariables(1).lowerBound : -1
                }
            }
        }
        // The figure as a constant (its shown cells) plus its hidden cells' variables.
        func terms(_ f: Figure) -> (constant: Double, variables: [Int]) {
            var constant = 0.0, variables: [Int] = []
            for cell in f.cells {
                if masks[f.table].withheld || isHidden(Figure(table: f.table, variable: .cell(cell[0], cell[1]), cells: [cell])) {
                    variables.append(variable[f.table]![cell[0]][cell[1]])
                } else {
                    constant += tables[f.table].values[cell[0]][cell[1]]
                }
            }
            return (constant, variables)
        }
        for i in tables.indices where !masks[i].withheld {
            for f in figures(i) {
                let (constant, vars) = terms(f)
                guard !vars.isEmpty else { continue }
                let list = vars.map { ($0, 1.0) }
                if !isHidden(f) {
                    system.equal(list, value(f) - constant)
                } else if isPrimary(f) {
                    system.atLeast(list, step(f) - constant)
                    system.atMost(list, Double(threshold) - step(f) - constant)
                } else {
                    system.atLeast(list, Double(threshold) - constant)
                }
            }
        }
        func grand(_ i: Int) -> Figure { Figure(table: i, variable: .grandTotal, cells: figures(i).last!.cells) }
        for link in links {
            switch link {
            case let .sameTotal(group):
                for (a, b) in zip(group, group.dropFirst()) {
                    let (ca, va) = terms(grand(a)), (cb, vb) = terms(grand(b))
                    if !va.isEmpty || !vb.isEmpty { system.equal(va.map { ($0, 1.0) } + vb.map { ($0, -1.0) }, cb - ca) }
                }
            case let .partOfColumn(part, whole, column):
                for r in tables[part].values.indices {
                    let (cp, vp) = terms(Figure(table: part, variable: .cell(r, 0), cells: [[r, 0]]))
                    let (cw, vw) = terms(Figure(table: whole, variable: .cell(r, column), cells: [[r, column]]))
                    if !vp.isEmpty || !vw.isEmpty { system.atMost(vp.map { ($0, 1.0) } + vw.map { ($0, -1.0) }, cw - cp) }
                }
            case let .eachWithinTotal(part, whole):
                let (cw, vw) = terms(grand(whole))
                for r in tables[part].values.indices {
                    let (cp, vp) = terms(Figure(table: part, variable: .cell(r, 0), cells: [[r, 0]]))
                    if !vp.isEmpty || !vw.isEmpty { system.atMost(vp.map { ($0, 1.0) } + vw.map { ($0, -1.0) }, cw - cp) }
                }
            case let .rowsAddUpTo(list, part, row):
                // The list's rows add up to the count: equal.
                let (cl, vl) = terms(grand(list))
                let (cp, vp) = terms(Figure(table: part, variable: .cell(row, 0), cells: [[row, 0]]))
                if !vl.isEmpty || !vp.isEmpty { system.equal(vl.map { ($0, 1.0) } + vp.map { ($0, -1.0) }, cp - cl) }
            case let .columnsAreRowsOf(table, list, groups):
                // Each column of the table adds up to its group of the list's rows.
                for (c, group) in groups.enumerated() {
                    let (ct, vt) = terms(Figure(table: table, variable: .columnTotal(c), cells: tables[table].values.indices.map { [$0, c] }))
                    let (cl, vl) = terms(Figure(table: list, variable: .grandTotal, cells: group.map { [$0, 0] }))
                    if !vt.isEmpty || !vl.isEmpty { system.equal(vt.map { ($0, 1.0) } + vl.map { ($0, -1.0) }, cl - ct) }
                }
            }
        }
        var problems: [String] = []
        // The primaries of the tables a shown figure is in first: when it
        // narrows something, most likely there, and one narrowed is enough.
        let near = Set(extra.map(\.table))
        let order = tables.indices.filter { near.contains($0) } + tables.indices.filter { !near.contains($0) }
        let primaries = order.filter { !masks[$0].withheld }.flatMap { i in figures(i).filter { isHidden($0) && isPrimary($0) } }
        if primaries.isEmpty { return [] }
        guard var lp = system.solver() else { return ["infeasible: the audit's reading contradicts the true tables"] }
        for f in primaries {
            let i = f.table
            let (constant, vars) = terms(f)
            let range = system.range(vars, using: &lp)
            let low = range.lowerBound + constant, high = range.upperBound + constant
            solved(f, low...high)
            if low > target(f) + 1e-6 || high < Double(threshold) - target(f) - 1e-6 {
                problems.append("table \(i) \(f.variable) = \(value(f)) narrowed to \(low)...\(high)")
                if firstOnly { return problems }
            }
        }
        return problems
    }

    /// Labels tell the truth: small counts hidden, zeros shown, `[c]` on the threshold or more.
    func labelProblems(_ masks: [Suppression.Mask]) -> [String] {
        var problems: [String] = []
        for i in tables.indices where !masks[i].withheld {
            for f in figures(i) {
                let v = value(f), hidden = masks[i].hides(f.variable)
                if isPrimary(f) && !hidden { problems.append("table \(i) \(f.variable) = \(v) shown") }
                if v == 0 && hidden { problems.append("table \(i) \(f.variable): zero hidden") }
            }
            for group in [sharing(i)] where group.count > 1 {
                let flags = Set(group.filter { !masks[$0].withheld }.map { masks[$0].grandTotal })
                if flags.count > 1 { problems.append("shared total hidden in some tables only: \(group)") }
            }
        }
        return problems
    }

    /// Each hidden secondary figure (a shared total once).
    func secondaries(_ masks: [Suppression.Mask]) -> [Set<Figure>] {
        var seen = Set<Figure>(), result: [Set<Figure>] = []
        for i in tables.indices where !masks[i].withheld {
            for f in figures(i) where masks[i].hides(f.variable) && !isPrimary(f) && !seen.contains(f) {
                var group: Set<Figure> = [f]
                if case .grandTotal = f.variable {
                    for j in sharing(i) { group.insert(Figure(table: j, variable: .grandTotal, cells: figures(j).last!.cells)) }
                }
                seen.formUnion(group)
                result.append(group)
            }
        }
        return result
    }
}

struct Seeded {
    var state: UInt64
    init(_ seed: Int) { state = UInt64(seed) &* 0x9E3779B97F4A7C15 &+ 0x1234567 }
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(max(bound, 1)))
    }
    /// Skewed: small indices likelier, as districts and sources are in life.
    mutating func skewed(_ bound: Int) -> Int { min(next(bound), next(bound)) }
}

extension PublishedSet {
    /// A period's referrals and actions, generated referral by referral so
    /// every total agrees as in a real database.
    static func random(seed: Int, large: Bool) -> PublishedSet {
        var random = Seeded(seed)
        let months = large ? 3 + random.next(4) : 1 + random.next(3)
        let referrals = large ? 40 + random.next(110) : 2 + random.next(40)
        let districts = 2 + random.next(large ? 12 : 5)
        var byMonth = [[Double]](repeating: [0, 0, 0, 0], count: months)
        var source = [[Double]](repeating: [0], count: 14), age = [[Double]](repeating: [0], count: 8)
        var district = [[Double]](repeating: [0], count: districts)
        for _ in 0..<referrals {
            byMonth[random.next(months)][[0, 0, 1, 1, 2, 2, 3][random.next(7)]] += 1
            age[random.skewed(8)][0] += 1
            district[random.skewed(districts)][0] += 1
            if random.next(8) == 0 {
                source[random.skewed(14)][0] += 0.5
                source[random.skewed(14)][0] += 0.5
            } else {
                source[random.skewed(14)][0] += 1
            }
        }
        let agencies = 1 + random.next(large ? 6 : 3)
        var actions: [[Double]] = [], escalated: [[Double]] = []
        for _ in 0..<agencies {
            let row = (0..<5).map { _ in Double(random.next(3) == 0 ? 0 : random.next(large ? 20 : 8)) }
            actions.append(row)
            escalated.append([Double(random.next(Int(row[3]) + 1))])
        }
        let repeats = Double(random.next(referrals / 3 + 1))
        var set = PublishedSet(
            tables: [Suppression.Table(byMonth), Suppression.Table(source, halves: true), Suppression.Table(age),
                     Suppression.Table(district), Suppression.Table(actions), Suppression.Table(escalated),
                     Suppression.Table([[repeats]], totals: false)],
            links: [.sameTotal([0, 1, 2, 3]), .partOfColumn(part: 5, whole: 4, column: 3), .eachWithinTotal(part: 6, whole: 0)])
        set.addCasesHeard(&random, large: large)
        return set
    }

    /// Cases heard, case by case: by referral route (halves; route 0 the
    /// police), and the data return meeting by meeting (police and partner
    /// agencies, their row totals the cases discussed), children, repeat
    /// cases and male victims by meeting adding up to the period's counts.
    mutating func addCasesHeard(_ random: inout Seeded, large: Bool) {
        let meetings = 1 + random.next(large ? 6 : 3)
        let cases = large ? 20 + random.next(100) : 1 + random.next(30)
        var routes = [[Double]](repeating: [0], count: 14), byMeeting = [[Double]](repeating: [0, 0], count: meetings)
        var children = [[Double]](repeating: [0], count: meetings), repeatsBy = children, maleBy = children
        for _ in 0..<cases {
            let m = random.next(meetings)
            // Most cases come from the police (route 0), some jointly.
            let agencies = random.next(6) == 0 ? [random.skewed(14), random.skewed(14)] : [random.next(2) == 0 ? 0 : random.skewed(14)]
            for a in agencies {
                let share = 1 / Double(agencies.count)
                routes[a][0] += share
                byMeeting[m][a == 0 ? 0 : 1] += share
            }
            children[m][0] += Double(random.next(4))
            if random.next(3) == 0 { repeatsBy[m][0] += 1 }
            if random.next(12) == 0 { maleBy[m][0] += 1 }
        }
        let r = tables.count
        let total = { (list: [[Double]]) in list.reduce(0) { $0 + $1[0] } }
        var meetingTable = Suppression.Table(byMeeting, halves: true)
        meetingTable.wholeRowTotals = true
        tables += [Suppression.Table(routes, halves: true), meetingTable, Suppression.Table(children),
                   Suppression.Table([[total(repeatsBy)], [total(maleBy)]], totals: false),
                   Suppression.Table(repeatsBy), Suppression.Table(maleBy)]
        links += [.columnsAreRowsOf(table: r + 1, list: r, groups: [[0], Array(1..<14)]), .eachWithinTotal(part: r + 3, whole: r + 1),
                  .rowsAddUpTo(list: r + 4, part: r + 3, row: 0), .rowsAddUpTo(list: r + 5, part: r + 3, row: 1)]
    }
}

extension PublishedSet {
    /// Issue 23's tables, incident by incident and request by request:
    /// incidents by agency × (repeat, not), incidents by abuse type (an
    /// incident of two types under each), repeats found at referral (part of
    /// the referrals), Clare's Law requests by route and by outcome (one total).
    mutating func addBetweenMeetings(_ random: inout Seeded, large: Bool) {
        let agencies = 1 + random.next(large ? 6 : 3)
        var byAgency = [[Double]](repeating: [0, 0], count: agencies), byType = [[Double]](repeating: [0], count: 12)
        for _ in 0..<(large ? 20 + random.next(80) : random.next(25)) {
            byAgency[random.skewed(agencies)][random.next(4) == 0 ? 0 : 1] += 1
            byType[random.skewed(12)][0] += 1
            if random.next(3) == 0 { byType[random.skewed(12)][0] += 1 }
        }
        let referrals = tables[0].values.reduce(0) { $0 + $1.reduce(0, +) }
        let atReferral = Double(random.next(Int(referrals) / 4 + 1))
        var byRoute = [[Double]](repeating: [0], count: 2), byOutcome = [[Double]](repeating: [0], count: 5)
        for _ in 0..<(large ? 10 + random.next(40) : random.next(15)) {
            byRoute[random.next(2)][0] += 1
            byOutcome[random.skewed(5)][0] += 1
        }
        let b = tables.count
        tables += [Suppression.Table(byAgency), Suppression.Table(byType), Suppression.Table([[atReferral]], totals: false),
                   Suppression.Table(byRoute), Suppression.Table(byOutcome)]
        links += [.eachWithinTotal(part: b + 2, whole: 0), .sameTotal([b + 3, b + 4])]
    }
}

extension PublishedSet {
    /// Issue 25's transfers in and out per quarter: quarters × (out, in), a
    /// table of its own whose total is published, tied to no other table.
    mutating func addTransfers(_ random: inout Seeded, large: Bool) {
        var byQuarter = [[Double]](repeating: [0, 0], count: 1 + random.next(large ? 3 : 2))
        for _ in 0..<(large ? 5 + random.next(30) : random.next(12)) {
            byQuarter[random.skewed(byQuarter.count)][random.next(3) == 0 ? 1 : 0] += 1
        }
        tables.append(Suppression.Table(byQuarter))
    }
}

@Suite struct SuppressionAuditTests {
    func audit(_ set: PublishedSet, minimality: Bool = true) {
        let masks = Suppression.masks(set.tables, links: set.links, threshold: set.threshold)
        let context = "\(set.tables.map(\.values))"
        for problem in set.labelProblems(masks) { Issue.record("\(problem): \(context)") }
        for problem in set.narrowed(masks) { Issue.record("\(problem): \(context)") }
        if minimality {
            for group in set.secondaries(masks) where set.narrowed(masks, shown: group, firstOnly: true).isEmpty {
                Issue.record("\(group.first.map { "\($0.variable) of table \($0.table)" } ?? "an empty group") hidden but not needed: \(context)")
            }
        }
    }

    /// 160 small sets (a month to a quarter, up to 41 referrals: many small cells).
    @Test(arguments: 1...160)
    func smallSetsAreProtectedAndMinimal(seed: Int) { audit(PublishedSet.random(seed: seed, large: false)) }

    /// 40 large sets (a quarter to half a year, up to 150 referrals; kept
    /// this size so the debug-build suite stays in seconds).
    @Test(arguments: 1...40)
    func largeSetsAreProtectedAndMinimal(seed: Int) { audit(PublishedSet.random(seed: 1000 + seed, large: true)) }

    /// Issue 23: the period's tables with incidents and Clare's Law
    /// requests published beside them, protected and minimal together.
    @Test(arguments: 1...40)
    func setsWithIncidentsAndRequestsAreProtectedAndMinimal(seed: Int) {
        var set = PublishedSet.random(seed: 5000 + seed, large: seed > 32)
        var random = Seeded(seed)
        set.addBetweenMeetings(&random, large: seed > 32)
        audit(set)
    }

    /// Issue 25: transfers in and out per quarter published beside the
    /// period's tables and issue 23's, protected and minimal together.
    @Test(arguments: 1...40)
    func setsWithTransfersAreProtectedAndMinimal(seed: Int) {
        var set = PublishedSet.random(seed: 7000 + seed, large: seed > 32)
        var random = Seeded(seed)
        set.addBetweenMeetings(&random, large: seed > 32)
        set.addTransfers(&random, large: seed > 32)
        audit(set)
    }

    /// The audit's LP and the code under test's max-flow bounds are two
    /// independent ways to the same numbers: for every hidden primary value
    /// they must agree exactly (a fast LP that quietly answered wrongly
    /// would let the audit pass).
    @Test(arguments: 1...20)
    func theAuditsBoundsAgreeWithTheFlowBounds(seed: Int) {
        let set = PublishedSet.random(seed: seed, large: seed > 10)
        let masks = Suppression.masks(set.tables, links: set.links, threshold: set.threshold)
        let flow = Suppression.feasibleRanges(set.tables, links: set.links, masks: masks, threshold: set.threshold)
        var compared = 0
        _ = set.narrowed(masks) { figure, range in
            guard let other = flow[figure.table][figure.variable] else {
                Issue.record("no flow bounds for \(figure.variable) of table \(figure.table)"); return
            }
            compared += 1
            #expect(abs(range.lowerBound - other.lowerBound) < 1e-6 && abs(range.upperBound - other.upperBound) < 1e-6,
                    "table \(figure.table) \(figure.variable): LP \(range), flow \(other)")
        }
        #expect(compared > 0 || masks.allSatisfy { !$0.cells.joined().contains(true) })
    }

    /// The audit can fail. A 1 hidden with the rectangle 8, 9, 20 keeps 1–4;
    /// showing the 20 pins it (9 = 29 − 20, then 1 = 10 − 9); hiding a
    /// total as well is more than protection needs.
    @Test func theAuditCatchesANarrowedCellAndANeedlessSecondary() {
        let set = PublishedSet(tables: [Suppression.Table([[1, 8], [9, 20]])], links: [])
        let rectangle = Suppression.Mask(cells: [[true, true], [true, true]], rowTotals: [false, false],
                                         columnTotals: [false, false], grandTotal: false)
        #expect(set.narrowed([rectangle]).isEmpty)
        var pinned = rectangle
        pinned.cells[1][1] = false
        #expect(set.narrowed([pinned]) == ["table 0 cell(0, 0) = 1.0 narrowed to 1.0...1.0"])
        #expect(set.secondaries([rectangle]).allSatisfy { !set.narrowed([rectangle], shown: $0).isEmpty }, "each of the three is needed")
        var more = rectangle
        more.rowTotals[0] = true
        #expect(set.secondaries([more]).contains { set.narrowed([more], shown: $0).isEmpty }, "the total is not needed")
        // And the code under test finds that rectangle.
        #expect(Suppression.mask([[1, 8], [9, 20]]) == rectangle)
    }

    /// Fault 2 of issue 21: a year of 134 referrals whose age rows (16, 24,
    /// 25, 14, 31, 9, 7, 8) are all shown. The month × band total they add up
    /// to must not be hidden as if it were secret while giving it away, and
    /// no hidden value may be narrowed through it.
    @Test func aTotalGivenAwayByAnotherTableIsNotHiddenAndGivesNothingAway() {
        var random = Seeded(134)
        var byMonth = [[Double]](repeating: [0, 0, 0, 0], count: 12)
        let ages: [Double] = [16, 24, 25, 14, 31, 9, 7, 8]
        var district = [[Double]](repeating: [0], count: 9)
        for _ in 0..<134 {
            byMonth[random.next(12)][[0, 0, 1, 1, 2, 2, 3][random.next(7)]] += 1
            district[random.skewed(9)][0] += 1
        }
        let set = PublishedSet(tables: [Suppression.Table(byMonth), Suppression.Table(ages.map { [$0] }), Suppression.Table(district)],
                               links: [.sameTotal([0, 1, 2])])
        let masks = Suppression.masks(set.tables, links: set.links)
        #expect(!masks[0].grandTotal, "134 is printed by the age table: hiding it in the month table hides nothing")
        #expect(masks[1].cells.allSatisfy { !$0[0] }, "no age row is small")
        #expect(set.narrowed(masks).isEmpty)
        #expect(set.labelProblems(masks).isEmpty)
    }

    /// Fault 2's mechanism in small: a list of 2 and 6 protected on its own
    /// hides its total of 8, but another table prints 8, and then the 2 is
    /// at most 3. Protected together it keeps 1–4.
    @Test func tablesProtectedOneAtATimeLeakTogether() {
        let set = PublishedSet(tables: [Suppression.Table([[2], [6]]), Suppression.Table([[8]])], links: [.sameTotal([0, 1])])
        let alone = [Suppression.Mask(cells: [[true], [true]], rowTotals: [true, true], columnTotals: [true], grandTotal: true),
                     Suppression.Mask(cells: [[false]], rowTotals: [false], columnTotals: [false], grandTotal: false)]
        #expect(PublishedSet(tables: [set.tables[0]], links: []).narrowed([alone[0]]).isEmpty, "sound on its own")
        #expect(!set.narrowed(alone).isEmpty, "the audit sees the leak across tables")
        let joint = Suppression.masks(set.tables, links: set.links)
        #expect(set.narrowed(joint).isEmpty && set.labelProblems(joint).isEmpty, "\(joint)")
    }
}
