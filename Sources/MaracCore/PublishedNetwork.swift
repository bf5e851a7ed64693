/// Every value of the tables published together, as one circulation network
/// (docs/figures.md, "Disclosure control"): each published value is an edge,
/// each total a conservation law at a node, so what a reader can work out
/// about a hidden value from all the tables at once is a flow problem.
///
/// How the tables join up:
/// - a table with rows and columns: source → row (row total) → cell → column
///   (column total) → sink, its grand total flowing back;
/// - a list (one column, or one row): its entries are parallel edges from its
///   source to its sink, so an entry is also its line's total;
/// - tables whose grand totals are one number (`Link.sameTotal`) are put in
///   series: one table's sink is the next one's source, and one edge carries
///   the shared total back, so each table's entries add up to it;
/// - counts that are part of a cell (`Link.partOfColumn`: escalated actions
///   of an agency's open overdue ones) split that cell's edge into the part
///   and an unpublished rest, the parts meeting in their own total;
/// - counts that are each part of a total (`Link.eachWithinTotal`: repeat
///   cases of cases heard) sit in series with that total beside an
///   unpublished rest;
/// - a list whose rows add up to such a count (`Link.rowsAddUpTo`: repeat
///   cases meeting by meeting) sits in series with that count's edge;
/// - a table whose column totals are groups of a list's rows
///   (`Link.columnsAreRowsOf`: cases by meeting, police or partner agency,
///   and cases by route) flows from its column nodes through the list's
///   edges: the police column into the police route, the partner column
///   through its total into every other route.
/// A network matrix is totally unimodular, so the linear bounds of a value
/// are whole numbers (in units) attained by real tables.
struct PublishedNetwork {
    typealias Position = (table: Int, variable: SuppressionModel.Variable)

    struct Edge {
        var from: Int
        var to: Int
        /// Its value in units (half counts when any table counts halves).
        var actual: Int
        /// Where it is printed; empty for an unpublished rest.
        var positions: [Position]
        /// The smallest step of the table printing it, in units.
        var step: Int
        var isTotal: Bool
        /// A total that more than one table prints (the period's referrals).
        var isShared: Bool
        var isPublished: Bool { !positions.isEmpty }
    }

    private(set) var nodes = 0
    private(set) var edges: [Edge] = []
    /// Units per count: 2 when any table counts halves.
    let unit: Int

    init(tables: [Suppression.Table], links: [Suppression.Link], withheld: Set<Int>) {
        let unit = tables.contains { $0.halves } ? 2 : 1
        self.unit = unit
        let values = tables.map { table in table.values.map { $0.map { Int(($0 * Double(unit)).rounded()) } } }
        func step(_ i: Int) -> Int { tables[i].halves ? 1 : unit }
        func lineStep(_ i: Int) -> Int { tables[i].wholeRowTotals ? unit : step(i) }
        func grand(_ i: Int) -> Int { values[i].reduce(0) { $0 + $1.reduce(0, +) } }

        var parts = Set<Int>()
        // Lists that sit inside another table's or count's segment, not on a loop of their own.
        var inside = Set<Int>()
        var listOfPart: [[Int]: Int] = [:]
        var routedColumns: [Int: (list: Int, groups: [[Int]])] = [:]
        var group = Array(tables.indices)
        func head(_ i: Int) -> Int { var i = i; while group[i] != i { i = group[i] }; return i }
        for link in links {
            switch link {
            case let .sameTotal(members):
                for m in members.dropFirst() { let a = head(members[0]), b = head(m); if a != b { group[max(a, b)] = min(a, b) } }
            case let .partOfColumn(part, _, _), let .eachWithinTotal(part, _):
                parts.insert(part)
            case let .rowsAddUpTo(list, part, row):
                inside.insert(list)
                listOfPart[[part, row]] = list
            case let .columnsAreRowsOf(table, list, groups) where !withheld.contains(table):
                inside.insert(list)
                routedColumns[table] = (list, groups)
            case .columnsAreRowsOf:
                continue
            }
        }

        // Each table's own segment between its source and sink; the loop is closed last.
        var source = [Int](repeating: -1, count: tables.count), sink = source
        var cellEdge = [[[Int]]](repeating: [], count: tables.count)
        var columnNode = [[Int]](repeating: [], count: tables.count)
        var grandPositions = [[Position]](repeating: [], count: tables.count)
        for (i, table) in tables.enumerated() where !parts.contains(i) && !routedColumns.values.contains(where: { $0.list == i }) {
            let s = newNode(), t = newNode()
            source[i] = s; sink[i] = t
            let v = values[i], rows = v.count, columns = table.columns
            if withheld.contains(i) {
                // Nothing of it is known: its segment is one free edge.
                add(s, t, grand(i), [], step: 1)
                continue
            }
            var cells = v.map { $0.map { _ in -1 } }
            if let routed = routedColumns[i] {
                // Rows, cells and columns as a full table whatever its size;
                // each column's total flows on through the list's rows.
                let list = routed.list, shown = !withheld.contains(list)
                let rowNodes = (0..<rows).map { _ in newNode() }, columnNodes = (0..<columns).map { _ in newNode() }
                for r in 0..<rows { add(s, rowNodes[r], v[r].reduce(0, +), [(i, .rowTotal(r))], step: lineStep(i), total: true) }
                for r in 0..<rows {
                    for c in 0..<columns { cells[r][c] = add(rowNodes[r], columnNodes[c], v[r][c], [(i, .cell(r, c))], step: step(i)) }
                }
                for c in 0..<columns {
                    let members = routed.groups[c], column = v.reduce(0) { $0 + $1[c] }
                    func entry(_ r: Int) -> [Position] { shown ? [(list, .cell(r, 0)), (list, .rowTotal(r))] : [] }
                    if members.count == 1 {
                        add(columnNodes[c], t, column, [(i, .columnTotal(c))] + entry(members[0]), step: step(i), total: true, shared: shown)
                    } else {
                        let x = newNode()
                        add(columnNodes[c], x, column, [(i, .columnTotal(c))], step: step(i), total: true)
                        for r in members { add(x, t, values[list][r][0], entry(r), step: step(list)) }
                    }
                }
                columnNode[i] = columnNodes
                grandPositions[i] = [(i, .grandTotal)] + (shown ? [(list, .grandTotal), (list, .columnTotal(0))] : [])
            } else if !table.totals {
                // Entries with no total to add up to: each on a loop of its own.
                for r in 0..<rows {
                    for c in 0..<columns {
                        let a = newNode(), b = newNode()
                        cells[r][c] = add(a, b, v[r][c], [(i, .cell(r, c))], step: step(i))
                        add(b, a, v[r][c], [], step: 1)
                    }
                }
                add(t, s, 0, [], step: 1)
            } else if rows > 1 && columns > 1 {
                let rowNodes = (0..<rows).map { _ in newNode() }, columnNodes = (0..<columns).map { _ in newNode() }
                for r in 0..<rows { add(s, rowNodes[r], v[r].reduce(0, +), [(i, .rowTotal(r))], step: lineStep(i), total: true) }
                for r in 0..<rows {
                    for c in 0..<columns { cells[r][c] = add(rowNodes[r], columnNodes[c], v[r][c], [(i, .cell(r, c))], step: step(i)) }
                }
                for c in 0..<columns {
                    add(columnNodes[c], t, v.reduce(0) { $0 + $1[c] }, [(i, .columnTotal(c))], step: step(i), total: true)
                }
                columnNode[i] = columnNodes
                grandPositions[i] = [(i, .grandTotal)]
            } else if columns == 1 {
                for r in 0..<rows { cells[r][0] = add(s, t, v[r][0], [(i, .cell(r, 0)), (i, .rowTotal(r))], step: step(i)) }
                columnNode[i] = [t]
                grandPositions[i] = [(i, .grandTotal), (i, .columnTotal(0))]
            } else if rows == 1 {
                for c in 0..<columns { cells[0][c] = add(s, t, v[0][c], [(i, .cell(0, c)), (i, .columnTotal(c))], step: step(i)) }
                columnNode[i] = Array(repeating: t, count: columns)
                grandPositions[i] = [(i, .grandTotal), (i, .rowTotal(0))]
            } else {
                columnNode[i] = Array(repeating: t, count: columns) // no rows: only its total, 0
                grandPositions[i] = [(i, .grandTotal)]
            }
            cellEdge[i] = cells
        }

        // What sits in series on each group's loop: its other tables, and counts within its total.
        var series = [[(start: Int, end: Int, positions: [Position])]](repeating: [], count: tables.count)
        for i in tables.indices where !parts.contains(i) && head(i) != i {
            series[head(i)].append((source[i], sink[i], grandPositions[i]))
        }
        for link in links {
            switch link {
            case .sameTotal, .rowsAddUpTo, .columnsAreRowsOf: continue
            case let .eachWithinTotal(part, whole):
                let total = grand(whole)
                for r in values[part].indices {
                    let a = newNode(), b = newNode()
                    let printed: [Position] = withheld.contains(part) ? [] : [(part, .cell(r, 0))]
                    if let list = listOfPart[[part, r]] {
                        // The count, then the list's rows adding up to it.
                        let both = printed + grandPositions[list]
                        add(a, source[list], values[part][r][0], both, step: step(part), total: true, shared: Set(both.map(\.table)).count > 1)
                        merge(sink[list], b)
                    } else {
                        add(a, b, values[part][r][0], printed, step: step(part))
                    }
                    add(a, b, max(0, total - values[part][r][0]), [], step: 1)
                    series[head(whole)].append((a, b, []))
                }
            case let .partOfColumn(part, whole, column):
                guard !withheld.contains(whole), !cellEdge[whole].isEmpty else { continue }
                let target = columnNode[whole][column]
                let partsNode = newNode(), restsNode = newNode()
                var rest = 0
                for r in values[whole].indices {
                    let e = cellEdge[whole][r][column]
                    let middle = newNode()
                    edges[e].to = middle
                    let printed: [Position] = withheld.contains(part) ? [] : [(part, .cell(r, 0)), (part, .rowTotal(r))]
                    add(middle, partsNode, values[part][r][0], printed, step: step(part))
                    add(middle, restsNode, edges[e].actual - values[part][r][0], [], step: 1)
                    rest += edges[e].actual - values[part][r][0]
                }
                let partTotal: [Position] = tables[part].totals && !withheld.contains(part) ? [(part, .grandTotal), (part, .columnTotal(0))] : []
                add(partsNode, target, grand(part), partTotal, step: step(part), total: true)
                add(restsNode, target, rest, [], step: 1)
            }
        }
        // Close each group's loop: its grand total from the last sink in series back to its source.
        for i in tables.indices where !parts.contains(i) && !inside.contains(i) && head(i) == i {
            var end = sink[i], positions = grandPositions[i]
            for member in series[i] {
                merge(end, member.start)
                end = member.end
                positions += member.positions
            }
            let shared = Set(positions.map(\.table)).count > 1
            let free = withheld.contains(i) && positions.isEmpty
            add(end, source[i], grand(i), free ? [] : positions, step: step(i), total: true, shared: shared)
        }
        compact()
    }

    // MARK: Building

    private var parent: [Int] = []

    private mutating func newNode() -> Int {
        parent.append(nodes)
        nodes += 1
        return nodes - 1
    }

    private func root(_ v: Int) -> Int {
        var v = v
        while parent[v] != v { v = parent[v] }
        return v
    }

    private mutating func merge(_ a: Int, _ b: Int) {
        let x = root(a), y = root(b)
        if x != y { parent[y] = x }
    }

    @discardableResult
    private mutating func add(_ from: Int, _ to: Int, _ actual: Int, _ positions: [Position],
                              step: Int, total: Bool = false, shared: Bool = false) -> Int {
        edges.append(Edge(from: from, to: to, actual: actual, positions: positions, step: step, isTotal: total, isShared: shared))
        return edges.count - 1
    }

    /// Numbers the nodes left after merging 0, 1, 2…
    private mutating func compact() {
        var number: [Int: Int] = [:]
        // A merged node's number: the next free one the first time its root is met.
        func numbered(_ node: Int) -> Int {
            let r = root(node)
            if let known = number[r] { return known }
            let next = number.count
            number[r] = next
            return next
        }
        for e in edges.indices {
            let from = numbered(edges[e].from), to = numbered(edges[e].to)
            edges[e].from = from
            edges[e].to = to
        }
        nodes = number.count
    }
}
