import GRDB
import GRDBSQLite

/// Binds one row's values with SQLite's own calls and steps the statement
/// once (issue 11), for the long writes that run many thousands of the same
/// statement in one transaction: an import's staging rows, the demo's agenda
/// items, actions and status changes. Through GRDB's `execute(arguments:)`
/// a staging row took 23 µs, most of it building and checking
/// `StatementArguments`, and that set the import's pace (its checking thread
/// was never behind). Values arrive worked out (`ImportBulk.prepare`, on the
/// checking thread), so there is nothing left but to bind them. GRDB's
/// bookkeeping around a statement is for transaction observers, which marac
/// never registers; these statements run inside the caller's transaction.
enum RawBinding {
    /// SQLite copies each text and blob before the call returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    static func execute(_ statement: Statement, _ values: [DatabaseValue], _ db: Database) throws {
        let handle = statement.sqliteStatement
        // GRDB resets a statement before it runs it, not after: one it ran last
        // (the same SQL is cached for both) still holds its step, and binding
        // to it would be refused as misuse.
        sqlite3_reset(handle)
        guard Int(sqlite3_bind_parameter_count(handle)) == values.count else {
            throw DatabaseError(message: "\(values.count) values for \(sqlite3_bind_parameter_count(handle)) parameters", sql: statement.sql)
        }
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            let code: Int32
            switch value.storage {
            case .null:
                code = sqlite3_bind_null(handle, position)
            case .int64(let number):
                code = sqlite3_bind_int64(handle, position, number)
            case .double(let number):
                code = sqlite3_bind_double(handle, position, number)
            case .string(var text):
                // By its UTF-8 length, so text is bound whole; an empty text
                // is bound as empty text, never as NULL.
                code = text.withUTF8 { bytes in
                    bytes.isEmpty ? sqlite3_bind_text(handle, position, "", 0, transient)
                        : bytes.withMemoryRebound(to: CChar.self) {
                            sqlite3_bind_text(handle, position, $0.baseAddress, Int32(bytes.count), transient)
                        }
                }
            case .blob(let data):
                // An empty blob is bound as one (zero bytes), never as NULL.
                code = data.isEmpty ? sqlite3_bind_zeroblob(handle, position, 0) : data.withUnsafeBytes { bytes in
                    sqlite3_bind_blob(handle, position, bytes.baseAddress, Int32(bytes.count), transient)
                }
            }
            guard code == SQLITE_OK else {
                sqlite3_reset(handle)
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
            }
        }
        let stepped = sqlite3_step(handle)
        // reset's own code repeats the step's error; the step's is the one to report.
        sqlite3_reset(handle)
        guard stepped == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: stepped), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
    }
}
