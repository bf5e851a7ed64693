/// A linear program solver written for the audit alone, sharing nothing with
/// the suppression code: dense simplex in dictionary form over the feasible
/// region {A·x ≤ b, x ≥ 0}. Phase one runs once per system; each objective
/// (the largest and smallest value of every hidden figure) then starts from
/// the last optimal basis, which is feasible for every objective, so one
/// system answers all its questions with a few pivots each.
/// Pivoting: the most negative reduced cost (Dantzig) while it makes
/// progress, then the smallest index rule (Bland), which cannot cycle, so
/// every solve ends. The tableau is one flat array: the audit solves
/// thousands of these in a debug build.
struct AuditLP {
    enum Outcome: Equatable { case optimum(Double), unbounded, infeasible }

    static let eps = 1e-9

    private let m: Int, n: Int, width: Int
    private var d: [Double]
    private var basis: [Int]
    private var nonbasis: [Int]

    /// Sets up A·x ≤ b, x ≥ 0 and finds a feasible basis; nil when there is none.
    init?(_ a: [[Double]], _ b: [Double], variables: Int) {
        m = b.count; n = variables; width = n + 2
        d = [Double](repeating: 0, count: (m + 2) * width)
        basis = (0..<m).map { variables + $0 }
        nonbasis = Array(0..<variables) + [-1]
        for i in 0..<m {
            for j in 0..<n { d[i * width + j] = a[i][j] }
            d[i * width + n] = -1
            d[i * width + n + 1] = b[i]
        }
        d[(m + 1) * width + n] = 1
        var r = 0
        for i in 0..<m where b[i] < b[r] { r = i }
        if m > 0 && b[r] < -Self.eps {
            pivot(r, n)
            if !simplex(row: m + 1, phase: 1) || d[(m + 1) * width + n + 1] < -Self.eps { return nil }
            for i in 0..<m where basis[i] == -1 {
                var s = -1
                for j in 0...n where s == -1 || d[i * width + j] < d[i * width + s] - Self.eps
                    || (abs(d[i * width + j] - d[i * width + s]) <= Self.eps && nonbasis[j] < nonbasis[s]) { s = j }
                pivot(i, s)
            }
        }
    }

    /// maximise c·x over the feasible region, from the current basis.
    mutating func maximise(_ c: [Double]) -> Outcome {
        func cost(_ v: Int) -> Double { v >= 0 && v < n ? c[v] : 0 }
        let o = m * width
        for j in 0...(n + 1) { d[o + j] = 0 }
        for j in 0...n where nonbasis[j] != -1 { d[o + j] = -cost(nonbasis[j]) }
        for i in 0..<m {
            let k = cost(basis[i])
            guard k != 0 else { continue }
            for j in 0...(n + 1) where j == n + 1 || nonbasis[j] != -1 { d[o + j] += k * d[i * width + j] }
        }
        guard simplex(row: m, phase: 2) else { return .unbounded }
        return .optimum(d[o + n + 1])
    }

    private mutating func pivot(_ r: Int, _ s: Int) {
        precondition(r >= 0 && r < m && s >= 0 && s <= n, "pivot \(r) \(s) m \(m) n \(n)")
        let w = width, rows = m + 2
        d.withUnsafeMutableBufferPointer { p in
            let inverse = 1 / p[r * w + s]
            // The pivot row's nonzero columns: the tableau is sparse.
            var columns: [Int] = []
            for j in 0..<w where j != s && p[r * w + j] != 0 { columns.append(j) }
            for i in 0..<rows where i != r {
                let entry = p[i * w + s]
                guard entry != 0 else { continue }
                let factor = entry * inverse
                for j in columns { p[i * w + j] -= p[r * w + j] * factor }
                p[i * w + s] = -factor
            }
            for j in columns { p[r * w + j] *= inverse }
            p[r * w + s] = inverse
        }
        swap(&basis[r], &nonbasis[s])
    }

    /// Improves the objective in `row` until optimal (true) or unbounded (false).
    private mutating func simplex(row x: Int, phase: Int) -> Bool {
        var pivots = 0
        let bland = 20 * (m + n + 2)
        while true {
            let useBland = pivots > bland
            var s = -1
            for j in 0...n where d[x * width + j] < -Self.eps && !(phase == 2 && nonbasis[j] == -1) {
                if s == -1 { s = j; continue }
                let better = useBland ? nonbasis[j] < nonbasis[s]
                    : d[x * width + j] < d[x * width + s] - Self.eps
                        || (abs(d[x * width + j] - d[x * width + s]) <= Self.eps && nonbasis[j] < nonbasis[s])
                if better { s = j }
            }
            if s == -1 { return true }
            var r = -1
            for i in 0..<m where d[i * width + s] > Self.eps {
                if r == -1 { r = i; continue }
                let ratio = d[i * width + n + 1] / d[i * width + s], best = d[r * width + n + 1] / d[r * width + s]
                if ratio < best - Self.eps || (abs(ratio - best) <= Self.eps && basis[i] < basis[r]) { r = i }
            }
            if r == -1 { return false }
            pivot(r, s)
            pivots += 1
        }
    }
}

/// Linear constraints over the cells of a set of tables, built straight from
/// what is printed: the audit's own reading of the published figures.
struct AuditSystem {
    var variables = 0
    var rows: [[Double]] = []
    var bounds: [Double] = []

    mutating func newVariables(_ count: Int) -> Range<Int> {
        defer { variables += count; for i in rows.indices { rows[i] += [Double](repeating: 0, count: count) } }
        return variables..<(variables + count)
    }

    /// Σ coefficient·x ≤ bound
    mutating func atMost(_ terms: [(Int, Double)], _ bound: Double) {
        var row = [Double](repeating: 0, count: variables)
        for (v, k) in terms { row[v] += k }
        rows.append(row)
        bounds.append(bound)
    }

    mutating func atLeast(_ terms: [(Int, Double)], _ bound: Double) { atMost(terms.map { ($0.0, -$0.1) }, -bound) }
    mutating func equal(_ terms: [(Int, Double)], _ value: Double) { atMost(terms, value); atLeast(terms, value) }

    /// A solver over this system with a feasible basis found; nil when infeasible.
    func solver() -> AuditLP? { AuditLP(rows, bounds, variables: variables) }

    /// The smallest and largest value of Σ x over `terms` (∞ when unbounded).
    func range(_ terms: [Int], using lp: inout AuditLP) -> ClosedRange<Double> {
        var c = [Double](repeating: 0, count: variables)
        for v in terms { c[v] += 1 }
        let high: Double
        switch lp.maximise(c) {
        case let .optimum(value): high = value
        case .unbounded: high = .infinity
        case .infeasible: preconditionFailure("a feasible system stays feasible")
        }
        guard case let .optimum(negated) = lp.maximise(c.map { -$0 }) else {
            preconditionFailure("Σ x ≥ 0 is bounded below")
        }
        let low = -negated
        precondition(low <= high + 1e-6, "the audit's LP contradicts itself: \(low) > \(high)")
        return min(low, high)...high
    }
}
