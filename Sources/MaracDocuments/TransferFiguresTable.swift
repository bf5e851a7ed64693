import MaracCore

/// Issue 25's transfers in and out per quarter, published with the period's
/// figures: a table of its own (its counts are of transfers, not of referrals
/// or cases heard, so tied to no other table) whose total is published, and
/// protected with the rest in one problem (FiguresDisclosure.swift).
extension FigureTable {
    /// Rows: each quarter the period touches; columns: out, in.
    static func transfers(_ rows: [(quarter: Quarter, out: Int, in: Int)], threshold: Int) -> FigureTable {
        FigureTable(id: "transfers", title: "Transfers in and out (cases sent to and taken in from other MARACs)", rowHeader: "quarter",
                    columns: ["out", "in"], rows: rows.map { ($0.quarter.description, [Double($0.out), Double($0.in)]) },
                    totals: true, suppress: false, threshold: threshold)
    }

    /// `transfers`: one object a quarter, and the table's totals, as protected.
    var transfersJSON: [(String, JSON)] {
        [("transfers", .array(rows.indices.map { i in
            .object([("quarter", .string(rows[i].label)), ("out", cell(i, 0).json), ("in", cell(i, 1).json)])
        })),
         ("transfers_total", .object([("out", columnTotalValue(0).json), ("in", columnTotalValue(1).json), ("total", grandTotalValue.json)]))]
    }
}
