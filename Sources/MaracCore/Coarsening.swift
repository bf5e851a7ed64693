/// Publishing a table coarser rather than blank: when suppression would hide
/// most of a table, its rows are combined (months into quarters, small
/// categories into "other") so that the board still sees how many, and the
/// combined table is suppressed like any other (Hundepool et al. 2012, ch. 4:
/// table redesign before cell suppression).
public enum Coarsening {
    public typealias Row = (label: String, values: [Double])

    /// Months (`2026-07`) combined by calendar quarter (`2026Q3`), in order.
    public static func quarters(_ rows: [Row]) -> [Row] {
        var result: [Row] = []
        for row in rows {
            let label = Day("\(row.label)-01").map { Quarter(containing: $0).description } ?? row.label
            if let last = result.last, last.label == label {
                result[result.count - 1].values = zip(last.values, row.values).map { $0 + $1 }
            } else {
                result.append((label, row.values))
            }
        }
        return result
    }

    /// Every row combined into one, under `label` (the period as a whole).
    public static func combined(_ rows: [Row], label: String, columns: Int) -> [Row] {
        [(label, rows.reduce([Double](repeating: 0, count: columns)) { zip($0, $1.values).map { $0 + $1 } })]
    }

    /// A list's counts under the threshold combined into one "other" row,
    /// last; when those add up to less than the threshold the smallest larger
    /// counts join them until they reach it. Zeros stay (a zero is nobody).
    public static func smallIntoOther(_ rows: [Row], threshold: Int, other: String) -> [Row] {
        let total = { (row: Row) in row.values.reduce(0, +) }
        var merged = Set(rows.indices.filter { total(rows[$0]) > 0 && total(rows[$0]) < Double(threshold) })
        guard !merged.isEmpty else { return rows }
        var sum = merged.reduce(0) { $0 + total(rows[$1]) }
        let larger = rows.indices.filter { !merged.contains($0) && total(rows[$0]) > 0 }.sorted { (total(rows[$0]), $0) < (total(rows[$1]), $1) }
        for i in larger where sum < Double(threshold) || merged.count < 2 {
            merged.insert(i)
            sum += total(rows[i])
        }
        let columns = rows.first?.values.count ?? 1
        let combined = merged.sorted().reduce([Double](repeating: 0, count: columns)) { zip($0, rows[$1].values).map { $0 + $1 } }
        return rows.indices.filter { !merged.contains($0) }.map { rows[$0] } + [(other, combined)]
    }
}
