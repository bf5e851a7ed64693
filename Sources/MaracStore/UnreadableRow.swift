import GRDB

/// A stored row that cannot be decoded (a wrong type or NULL where the schema
/// promises a value: damage, or an edit made outside marac). The message names
/// the table, the row id and the column, never the row's values; GRDB's own
/// decoding failure would print the whole row, names and all.
public struct UnreadableRow: Error, Sendable, Equatable, CustomStringConvertible {
    public let table: String
    public let id: Int64?
    public let column: String

    public var description: String {
        "database: \(table) row \(id.map(String.init) ?? "?") cannot be read (column \(column)); nothing was changed. Check the file with `sqlite3 FILE 'PRAGMA integrity_check'` and restore from backup"
    }
}
