import GRDB

/// How the store reports the engine's failures, in one type: the use-case
/// layer turns each into a `CaseError` (and its exit code). Nothing the engine
/// says about a row's values is kept: GRDB's decoding errors print the whole
/// row, names and all, and SQLite's messages never carry statement arguments.
public enum StoreError: Error, Sendable, Equatable {
    /// Another connection held the write lock past the busy timeout (seconds).
    case busy(timeout: Double)
    /// A constraint refused the change; SQLite's message names the constraint.
    case constraint(String)
    /// A stored row that cannot be read: the table, row id and column.
    case unreadable(UnreadableRow)
    /// Any other failure of the engine, by SQLite's message.
    case engine(String)

    /// The store's error for a failure met while reading or writing; anything
    /// that is not the engine's (a `CaseError`, a file error) passes unchanged.
    public static func translate(_ error: Error) -> Error {
        switch error {
        case let error as DatabaseError:
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.busy(timeout: MaracDatabase.busyTimeout)
            case .SQLITE_CONSTRAINT: return StoreError.constraint(error.message ?? "a constraint")
            default: return StoreError.engine(error.message ?? "SQLite error \(error.resultCode.rawValue)")
            }
        case let error as UnreadableRow: return StoreError.unreadable(error)
        case is RowDecodingError: return StoreError.engine("a stored row cannot be read; nothing was changed")
        default: return error
        }
    }
}


extension MaracDatabase {
    /// One write transaction on the writer: all of `body` or none of it.
    package func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer.write(body) } catch { throw StoreError.translate(error) }
    }

    /// One read transaction (a snapshot, on a reader when there is a pool).
    package func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer.read(body) } catch { throw StoreError.translate(error) }
    }

    /// Outside any transaction: what SQLite refuses inside one (VACUUM, a checkpoint).
    package func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer.writeWithoutTransaction(body) } catch { throw StoreError.translate(error) }
    }
}
