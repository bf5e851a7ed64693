/// A linear program solver written for the audit alone, sharing nothing with
/// the suppression code: dense simplex in dictionary form with the smallest
/// index rule (no cycling), two phases for an infeasible start.
/// maximise c·x subject to A·x ≤ b, x ≥ 0.
struct AuditLP {
    enum Outcome: Equatable { case optimum(Double), unbounded, infeasible }

    static let eps = 1e-9

    static func maximise(_ c: [Double], _ a: [[Double]], _ b: [Double]) -> Outcome {
        let m = b.count, n = c.count
        var d = [[Double]](repeating: [Double](repeating: 0, count: n + 2), count: m + 2)
        var basis = (0..<m).map { n + $0 }
        var nonbasis = Array(0..<n) + [-1]
        for i in 0..<m {
            for j in 0..<n { d[i][j] = a[i][j] }
            d[i][n] = -1
            d[i][n + 1] = b[i]
        }
        for j in 0..<n { d[m][j] = -c[j] }
        d[m + 1][n] = 1

        func pivot(_ r: Int, _ s: Int) {
            precondition(r >= 0 && r < m && s >= 0 && s <= n, "pivot \(r) \(s) m \(m) n \(n)")
            let inverse = 1 / d[r][s]
            for i in 0..<(m + 2) where i != r && d[i][s] != 0 {
                let factor = d[i][s] * inverse
                for j in 0..<(n + 2) where j != s { d[i][j] -= d[r][j] * factor }
                d[i][s] = -factor
            }
            for j in 0..<(n + 2) where j != s { d[r][j] *= inverse }
            d[r][s] = inverse
            swap(&basis[r], &nonbasis[s])
        }
        func simplex(_ phase: Int) -> Bool {
            let x = phase == 1 ? m + 1 : m
            while true {
                // Bland's rule: the entering variable of smallest index that improves.
                var s = -1
                for j in 0...n where d[x][j] < -eps && !(phase == 2 && nonbasis[j] == -1) {
                    if s == -1 || nonbasis[j] < nonbasis[s] { s = j }
                }
                if s == -1 { return true }
                var r = -1
                for i in 0..<m where d[i][s] > eps {
                    if r == -1 { r = i; continue }
                    let ratio = d[i][n + 1] / d[i][s], best = d[r][n + 1] / d[r][s]
                    if ratio < best - eps || (abs(ratio - best) <= eps && basis[i] < basis[r]) { r = i }
                }
                if r == -1 { return false }
                pivot(r, s)
            }
        }
        var r = 0
        for i in 0..<m where d[i][n + 1] < d[r][n + 1] { r = i }
        if m > 0 && d[r][n + 1] < -eps {
            pivot(r, n)
            if !simplex(1) || d[m + 1][n + 1] < -eps { return .infeasible }
            for i in 0..<m where basis[i] == -1 {
                var s = -1
                for j in 0...n where s == -1 || d[i][j] < d[i][s] - eps || (abs(d[i][j] - d[i][s]) <= eps && nonbasis[j] < nonbasis[s]) { s = j }
                pivot(i, s)
            }
        }
        if !simplex(2) { return .unbounded }
        return .optimum(d[m][n + 1])
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

    /// The smallest and largest value of Σ x over `terms` (∞ when unbounded; nil when infeasible).
    func range(_ terms: [Int]) -> ClosedRange<Double>? {
        var c = [Double](repeating: 0, count: variables)
        for v in terms { c[v] += 1 }
        let high: Double
        switch AuditLP.maximise(c, rows, bounds) {
        case let .optimum(value): high = value
        case .unbounded: high = .infinity
        case .infeasible: return nil
        }
        guard case let .optimum(negated) = AuditLP.maximise(c.map { -$0 }, rows, bounds) else { return nil }
        let low = -negated
        precondition(low <= high + 1e-6, "the audit's LP contradicts itself: \(low) > \(high)")
        return min(low, high)...high
    }
}
