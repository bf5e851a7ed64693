import Foundation
import MaracCore
import MaracDocuments

/// Issue 25's figures in `stats`: transfers out to and in from other MARACs
/// per quarter, exact only (like incidents' tables: the controlled version
/// needs the table in the disclosure network, docs/figures.md).
enum TransferFiguresText {
    typealias Rows = [(quarter: Quarter, out: Int, in: Int)]

    static func json(_ rows: Rows) -> (String, JSON) {
        ("transfers", .array(rows.map { .object([("quarter", .string($0.quarter.description)), ("out", .int($0.out)), ("in", .int($0.in))]) }))
    }

    /// Appended to the document's object.
    static func merged(_ document: JSON, _ rows: Rows) -> JSON {
        guard case .object(let fields) = document else { return document }
        return .object(fields + [json(rows)])
    }

    static func table(_ rows: Rows) -> String {
        "\nTransfers in and out (cases sent to and taken in from other MARACs)\n"
            + Table(columns: ["quarter", "out", "in"], rows: rows.map { [$0.quarter.description, String($0.out), String($0.in)] }).render(format: .table)
    }
}
