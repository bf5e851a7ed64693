/// Cell suppression over every table published together, as statistical
/// offices practise it (Hundepool et al., *Statistical Disclosure Control*,
/// Wiley 2012, ch. 4; the τ-ARGUS manual): primary suppression, secondary
/// suppression chosen so that each primary value keeps its protection
/// interval under the linear bounds a reader can compute from everything
/// published, then a pass that shows again every secondary not needed.
///
/// Protection: a primary value (a count from 1 to threshold−1, cell or total)
/// reads `<5`, and a reader must not be able to narrow it below what the
/// label says: its feasible range over all published tables is the whole
/// 1…threshold−1 (0.5…threshold−0.5 for counts in halves).
extension Suppression {
    /// How tables published together are tied to each other.
    public enum Link: Sendable, Equatable {
        /// Their grand totals are one number (the period's referrals counted by
        /// month, age, district and source).
        case sameTotal([Int])
        /// Each row of `part` (a list) is part of column `column` of the same
        /// row of `whole` (escalated actions are some of the open overdue).
        case partOfColumn(part: Int, whole: Int, column: Int)
        /// Each row of `part` (a list without totals) is part of the grand
        /// total of `whole` (repeat cases are some of the cases heard).
        case eachWithinTotal(part: Int, whole: Int)
        /// The rows of `list` (one column, its total printed) add up to row
        /// `row` of `part`, a count within a total (`eachWithinTotal`): the
        /// data return's repeat cases meeting by meeting add up to the
        /// period's repeat cases.
        case rowsAddUpTo(list: Int, part: Int, row: Int)
        /// Column `c`'s total of `table` (rows and columns, totals printed) is
        /// the sum of the rows `groups[c]` of `list` (one column), which covers
        /// every row of it: the data return's cases by meeting, referred by the
        /// police and by partner agencies, against cases heard by referral
        /// route. Their grand totals are one figure.
        case columnsAreRowsOf(table: Int, list: Int, groups: [[Int]])
    }

    /// Masks for tables published together, protected jointly and minimally.
    public static func masks(_ tables: [Table], links: [Link], threshold: Int = defaultThreshold) -> [Mask] {
        var withheld = Set<Int>()
        while true {
            var problem = JointProblem(tables: tables, links: links, withheld: withheld, threshold: threshold)
            if let stuck = problem.protect() {
                guard !withheld.contains(stuck) else { return tables.map(withheld(_:)) }
                // Not even hiding everything keeps this value's range (four 1s
                // under a total of 4): its table is withheld, and what hangs on it.
                withheld.insert(stuck)
                for case let .partOfColumn(part, whole, _) in links where withheld.contains(whole) { withheld.insert(part) }
                continue
            }
            problem.minimise()
            return problem.masks()
        }
    }

    /// The feasible range of every hidden value, over all the tables at once
    /// (what a reader can work out), in counts: one dictionary per table.
    public static func feasibleRanges(_ tables: [Table], links: [Link], masks: [Mask], threshold: Int = defaultThreshold)
        -> [[SuppressionModel.Variable: ClosedRange<Double>]] {
        let withheld = Set(masks.indices.filter { masks[$0].withheld })
        var problem = JointProblem(tables: tables, links: links, withheld: withheld, threshold: threshold)
        problem.hidden = problem.network.edges.map { edge in edge.positions.contains { masks[$0.table].hides($0.variable) } }
        var result = [[SuppressionModel.Variable: ClosedRange<Double>]](repeating: [:], count: tables.count)
        let unit = Double(problem.network.unit)
        for (e, edge) in problem.network.edges.enumerated() where problem.hidden[e] {
            let range = problem.range(e)
            let high = range.upperBound >= SuppressionModel.unbounded ? Double.infinity : Double(range.upperBound) / unit
            for position in edge.positions { result[position.table][position.variable] = (Double(range.lowerBound) / unit)...high }
        }
        return result
    }
}

/// The working state of joint suppression: the network and which edges are hidden.
struct JointProblem {
    let network: PublishedNetwork
    let threshold: Int
    let tables: [Suppression.Table]
    let withheld: Set<Int>
    var hidden: [Bool]
    /// Values hidden because they are small (never shown again).
    let primary: [Bool]
    /// The network falls apart into independent parts (referrals, cases
    /// heard, actions): a value is checked on its own part only.
    private let part: [Int]
    private let parts: [(edges: [Int], nodes: Int, from: [Int], to: [Int])]

    init(tables: [Suppression.Table], links: [Suppression.Link], withheld: Set<Int>, threshold: Int) {
        let network = PublishedNetwork(tables: tables, links: links, withheld: withheld)
        self.network = network
        self.threshold = threshold
        self.tables = tables
        self.withheld = withheld
        let small = threshold * network.unit
        primary = network.edges.map { $0.isPublished && $0.actual > 0 && $0.actual < small }
        hidden = primary
        var root = Array(0..<network.nodes)
        func find(_ v: Int) -> Int { var v = v; while root[v] != v { root[v] = root[root[v]]; v = root[v] }; return v }
        for edge in network.edges { let a = find(edge.from), b = find(edge.to); if a != b { root[a] = b } }
        var index: [Int: Int] = [:]
        var parts: [(edges: [Int], nodes: Int, from: [Int], to: [Int])] = []
        var number: [[Int: Int]] = []
        var part: [Int] = []
        for (e, edge) in network.edges.enumerated() {
            let r = find(edge.from)
            let p: Int
            if let known = index[r] {
                p = known
            } else {
                p = parts.count
                index[r] = p
                parts.append(([], 0, [], []))
                number.append([:])
            }
            // A node's number within its part: the next free one the first time it is met.
            func local(_ node: Int) -> Int {
                if let known = number[p][node] { return known }
                let next = number[p].count
                number[p][node] = next
                return next
            }
            part.append(p)
            parts[p].edges.append(e)
            let from = local(edge.from), to = local(edge.to)
            parts[p].from.append(from)
            parts[p].to.append(to)
            parts[p].nodes = number[p].count
        }
        self.part = part
        self.parts = parts
    }

    /// What a reader knows of an edge: a shown value is itself, `<5` is
    /// 1…4, `[c]` is 5 or more, an unpublished rest is anything from 0.
    func domain(_ e: Int, hidden: [Bool]) -> ClosedRange<Int> {
        let edge = network.edges[e]
        guard edge.isPublished else { return 0...SuppressionModel.unbounded }
        guard hidden[e] else { return edge.actual...edge.actual }
        return primary[e] ? label(e) : (threshold * network.unit)...SuppressionModel.unbounded
    }

    /// The values a primary value's label allows, in units.
    /// The range a primary value must keep: its label's, or 1…threshold−1
    /// in whole counts for a value of a table of whole counts in halves.
    func target(_ e: Int) -> ClosedRange<Int> {
        guard network.edges[e].positions.contains(where: { tables[$0.table].wholeRowTotals }) else { return label(e) }
        return network.unit...(threshold * network.unit - network.unit)
    }

    func label(_ e: Int) -> ClosedRange<Int> {
        let step = network.edges[e].step
        return step...(threshold * network.unit - step)
    }

    func feasible(_ e: Int, at value: Int, hidden: [Bool]) -> Bool {
        let own = parts[part[e]]
        var lower: [Int] = [], upper: [Int] = []
        lower.reserveCapacity(own.edges.count)
        upper.reserveCapacity(own.edges.count)
        for i in own.edges {
            let range = i == e ? value...value : domain(i, hidden: hidden)
            lower.append(range.lowerBound)
            upper.append(range.upperBound)
        }
        return SuppressionModel.circulation(nodes: own.nodes, from: own.from, to: own.to, lower: lower, upper: upper)
    }

    /// Whether a primary value keeps the whole of its label's range.
    func isProtected(_ e: Int, hidden: [Bool]) -> Bool {
        let range = target(e)
        return feasible(e, at: range.lowerBound, hidden: hidden) && feasible(e, at: range.upperBound, hidden: hidden)
    }

    var unprotected: [Int] { network.edges.indices.filter { primary[$0] && !isProtected($0, hidden: hidden) } }

    /// The exact feasible range of an edge (its upper end `unbounded` when nothing caps it).
    func range(_ e: Int) -> ClosedRange<Int> {
        let bounds = domain(e, hidden: hidden), value = network.edges[e].actual
        var low = bounds.lowerBound, high = value
        while low < high {
            let mid = low + (high - low) / 2
            if feasible(e, at: mid, hidden: hidden) { high = mid } else { low = mid + 1 }
        }
        let minimum = low
        if feasible(e, at: bounds.upperBound, hidden: hidden) { return minimum...bounds.upperBound }
        low = value; high = bounds.upperBound
        while low < high {
            let mid = low + (high - low + 1) / 2
            if feasible(e, at: mid, hidden: hidden) { low = mid } else { high = mid - 1 }
        }
        return minimum...low
    }

    // MARK: Secondary suppression

    /// Hides what each primary value needs, cheapest first. Returns a table
    /// that cannot be protected however much of it is hidden, if any.
    mutating func protect() -> Int? {
        for e in network.edges.indices where primary[e] {
            let range = target(e), actual = network.edges[e].actual
            for target in [range.upperBound, range.lowerBound] where target != actual {
                if feasible(e, at: target, hidden: hidden) { continue }
                guard let path = cheapestCycle(through: e, by: target - actual) else {
                    return network.edges[e].positions.first?.table
                }
                for i in path { hidden[i] = true }
            }
        }
        return nil
    }

    /// What hiding a shown value costs: small cells first, then line totals;
    /// a total other tables print as well last of all.
    func cost(_ e: Int) -> Int {
        let edge = network.edges[e]
        let count = edge.actual / network.unit
        if edge.isShared { return 100_000_000 + count }
        if edge.isTotal { return 1_000_000 + count }
        return 1_000 + count
    }

    /// The shown values to hide so that the flow can move by `delta` around
    /// a cycle through edge `e` (Dijkstra on the residual network of the true
    /// tables: hidden edges cost nothing, shown ones what hiding them costs).
    func cheapestCycle(through e: Int, by delta: Int) -> [Int]? {
        let edge = network.edges[e]
        let amount = abs(delta)
        // Raising e: a path from its head back to its tail; lowering: the reverse.
        let (start, goal) = delta > 0 ? (edge.to, edge.from) : (edge.from, edge.to)
        var arcs = [[(to: Int, edge: Int)]](repeating: [], count: network.nodes)
        let secondary = threshold * network.unit
        for (i, other) in network.edges.enumerated() where i != e {
            let bounds: ClosedRange<Int>
            if hidden[i] || !other.isPublished {
                bounds = domain(i, hidden: hidden)
            } else if other.actual >= secondary {
                bounds = secondary...SuppressionModel.unbounded
            } else {
                continue // a shown zero stays shown
            }
            if bounds.upperBound - other.actual >= amount { arcs[other.from].append((other.to, i)) }
            if other.actual - bounds.lowerBound >= amount { arcs[other.to].append((other.from, i)) }
        }
        var distance = [Int](repeating: Int.max, count: network.nodes)
        var via = [Int](repeating: -1, count: network.nodes), previous = via
        var done = [Bool](repeating: false, count: network.nodes)
        distance[start] = 0
        while true {
            var u = -1
            for v in 0..<network.nodes where !done[v] && distance[v] < Int.max && (u < 0 || distance[v] < distance[u]) { u = v }
            if u < 0 || u == goal { break }
            done[u] = true
            for arc in arcs[u] {
                let step = hidden[arc.edge] || !network.edges[arc.edge].isPublished ? 0 : cost(arc.edge)
                if distance[u] + step < distance[arc.to] {
                    distance[arc.to] = distance[u] + step
                    via[arc.to] = arc.edge
                    previous[arc.to] = u
                }
            }
        }
        guard distance[goal] < Int.max else { return nil }
        var path: [Int] = [], v = goal
        while v != start {
            path.append(via[v])
            v = previous[v]
        }
        return path.filter { !hidden[$0] && network.edges[$0].isPublished }
    }

    /// Shows again every secondary value that protection does not need,
    /// shared totals first, then line totals, then the largest cells: after
    /// it, showing any one secondary value leaves some primary value narrowed.
    mutating func minimise() {
        let secondary = network.edges.indices.filter { hidden[$0] && !primary[$0] }.sorted { (cost($0), $0) > (cost($1), $1) }
        let primaries = network.edges.indices.filter { primary[$0] }
        for e in secondary {
            var trial = hidden
            trial[e] = false
            if primaries.allSatisfy({ part[$0] != part[e] || isProtected($0, hidden: trial) }) { hidden = trial }
        }
    }

    // MARK: Reading back

    func masks() -> [Suppression.Mask] {
        var masks = tables.enumerated().map { i, table in
            withheld.contains(i) ? Suppression.withheld(table)
                : Suppression.Mask(cells: table.values.map { $0.map { _ in false } }, rowTotals: table.values.map { _ in false },
                                   columnTotals: (0..<table.columns).map { _ in false }, grandTotal: false)
        }
        for (e, edge) in network.edges.enumerated() where hidden[e] {
            for position in edge.positions where !withheld.contains(position.table) { masks[position.table].hide(position.variable) }
        }
        return masks
    }
}
