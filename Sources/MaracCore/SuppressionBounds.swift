/// What a reader can work out about the hidden values of a table of counts,
/// given everything shown with them: the feasible range of each hidden value.
///
/// A table with row totals, column totals and a grand total is a flow network
/// (source → row → cell → column → sink, and the grand total back from sink to
/// source): every row, column and grand total is a flow conservation law. A
/// shown value is an edge whose flow is fixed; a hidden one an edge whose flow
/// is only known to lie in its label's domain (`<5`: 1–4, `[c]`: 5 or more).
/// The reader's knowledge is exactly the set of feasible circulations, and as
/// network matrices are totally unimodular, the values one hidden edge can take
/// form a whole-number interval whose ends are attained. So "can this cell be
/// k?" is one feasibility test (a max-flow with lower bounds), and a range is
/// found by testing values outward from the true one.
public struct SuppressionModel: Sendable {
    public static let unbounded = Int(1) << 40

    /// Which value of the table a variable is.
    public enum Variable: Hashable, Sendable {
        case cell(Int, Int)
        case rowTotal(Int)
        case columnTotal(Int)
        case grandTotal
    }

    let rows: Int
    let columns: Int
    /// Values in units (2 units a count where counts come in halves).
    let actual: [Int]
    var lower: [Int]
    var upper: [Int]
    let from: [Int]
    let to: [Int]
    public let variables: [Variable]

    /// - Parameters:
    ///   - values: the table in units.
    ///   - domain: for each variable, the interval the reader knows it lies in
    ///     (a shown value: exactly itself).
    init(values: [[Int]], columns: Int, domain: (Variable, Int) -> ClosedRange<Int>) {
        let rows = values.count
        self.rows = rows
        self.columns = columns
        var variables: [Variable] = [], actual: [Int] = [], from: [Int] = [], to: [Int] = []
        let source = 0, sink = rows + columns + 1
        func row(_ r: Int) -> Int { 1 + r }
        func column(_ c: Int) -> Int { 1 + rows + c }
        for r in 0..<rows {
            for c in 0..<columns { variables.append(.cell(r, c)); actual.append(values[r][c]); from.append(row(r)); to.append(column(c)) }
        }
        for r in 0..<rows { variables.append(.rowTotal(r)); actual.append(values[r].reduce(0, +)); from.append(source); to.append(row(r)) }
        for c in 0..<columns {
            variables.append(.columnTotal(c)); actual.append(values.reduce(0) { $0 + $1[c] }); from.append(column(c)); to.append(sink)
        }
        variables.append(.grandTotal); actual.append(values.reduce(0) { $0 + $1.reduce(0, +) }); from.append(sink); to.append(source)
        var lower: [Int] = [], upper: [Int] = []
        for (i, variable) in variables.enumerated() {
            let range = domain(variable, actual[i])
            lower.append(range.lowerBound)
            upper.append(range.upperBound)
        }
        self.variables = variables
        self.actual = actual
        self.from = from
        self.to = to
        self.lower = lower
        self.upper = upper
    }

    public func index(of variable: Variable) -> Int {
        switch variable {
        case let .cell(r, c): return r * columns + c
        case let .rowTotal(r): return rows * columns + r
        case let .columnTotal(c): return rows * columns + rows + c
        case .grandTotal: return rows * columns + rows + columns
        }
    }

    /// Whether some table consistent with everything shown has this value here.
    public func feasible(_ variable: Int, _ value: Int) -> Bool {
        guard value >= lower[variable], value <= upper[variable] else { return false }
        var low = lower, high = upper
        low[variable] = value
        high[variable] = value
        return SuppressionModel.circulation(nodes: rows + columns + 2, from: from, to: to, lower: low, upper: high)
    }

    /// The exact feasible range of a variable (its upper end `unbounded` when
    /// nothing caps it).
    public func range(_ variable: Int) -> ClosedRange<Int> {
        let value = actual[variable]
        // Lowest feasible: binary search on [lower, value]; feasibility is an interval containing value.
        var low = lower[variable], high = value
        while low < high {
            let mid = low + (high - low) / 2
            if feasible(variable, mid) { high = mid } else { low = mid + 1 }
        }
        let minimum = low
        let cap = min(upper[variable], SuppressionModel.unbounded)
        if feasible(variable, cap) { return minimum...cap }
        low = value; high = cap
        while low < high {
            let mid = low + (high - low + 1) / 2
            if feasible(variable, mid) { low = mid } else { high = mid - 1 }
        }
        return minimum...low
    }

    /// Whether the feasible range spans at least `width` (1: two values).
    public func spans(_ variable: Int, atLeast width: Int) -> Bool {
        let value = actual[variable]
        var low = value, high = value
        while high - low < width, low > lower[variable], feasible(variable, low - 1) { low -= 1 }
        while high - low < width, high < upper[variable], feasible(variable, high + 1) { high += 1 }
        return high - low >= width
    }

    // MARK: Circulation with lower bounds

    /// Is there a flow on every edge within its bounds that is conserved at
    /// every node? The classic reduction: send each edge's lower bound up
    /// front, then ask a max-flow to repair the imbalance.
    static func circulation(nodes: Int, from: [Int], to: [Int], lower: [Int], upper: [Int]) -> Bool {
        var network = FlowNetwork(nodes: nodes + 2)
        var balance = [Int](repeating: 0, count: nodes)
        for e in from.indices {
            guard lower[e] <= upper[e] else { return false }
            if upper[e] > lower[e] { network.add(from[e], to[e], upper[e] - lower[e]) }
            balance[to[e]] += lower[e]
            balance[from[e]] -= lower[e]
        }
        let source = nodes, sink = nodes + 1
        var needed = 0
        for v in 0..<nodes {
            if balance[v] > 0 { network.add(source, v, balance[v]); needed += balance[v] }
            else if balance[v] < 0 { network.add(v, sink, -balance[v]) }
        }
        return network.maxFlow(source, sink) == needed
    }
}

/// Dinic's max-flow on a small graph.
struct FlowNetwork {
    var head: [[Int]]
    var target: [Int] = []
    var capacity: [Int] = []

    init(nodes: Int) { head = Array(repeating: [], count: nodes) }

    mutating func add(_ u: Int, _ v: Int, _ c: Int) {
        head[u].append(target.count); target.append(v); capacity.append(c)
        head[v].append(target.count); target.append(u); capacity.append(0)
    }

    mutating func maxFlow(_ s: Int, _ t: Int) -> Int {
        var total = 0
        while true {
            var level = [Int](repeating: -1, count: head.count)
            level[s] = 0
            var queue = [s], next = 0
            while next < queue.count {
                let u = queue[next]; next += 1
                for e in head[u] where capacity[e] > 0 && level[target[e]] < 0 {
                    level[target[e]] = level[u] + 1
                    queue.append(target[e])
                }
            }
            if level[t] < 0 { return total }
            var cursor = [Int](repeating: 0, count: head.count)
            func push(_ u: Int, _ limit: Int) -> Int {
                if u == t { return limit }
                while cursor[u] < head[u].count {
                    let e = head[u][cursor[u]]
                    let v = target[e]
                    if capacity[e] > 0 && level[v] == level[u] + 1 {
                        let pushed = push(v, min(limit, capacity[e]))
                        if pushed > 0 {
                            capacity[e] -= pushed
                            capacity[e ^ 1] += pushed
                            return pushed
                        }
                    }
                    cursor[u] += 1
                }
                return 0
            }
            while true {
                let pushed = push(s, Int.max)
                if pushed == 0 { break }
                total += pushed
            }
        }
    }
}
