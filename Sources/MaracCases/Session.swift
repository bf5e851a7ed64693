@_exported import MaracCore
@_exported import MaracStore
import Foundation
import GRDB

/// What every use case runs with: the open database, the acting person and
/// the clock. The command line and the terminal UI each make one and call
/// only its methods; each method is one thing a person does, in one
/// transaction, returning its errors as `CaseError` values.
public struct Session: Sendable {
    public let database: MaracDatabase
    public let actor: Actor
    public let clock: Clock

    public var today: Day { clock.today }

    public init(database: MaracDatabase, actor: Actor, clock: Clock) {
        self.database = database
        self.actor = actor
        self.clock = clock
    }

    /// Opens (creating when missing) the database at `path`.
    public static func open(path: String, actor: Actor = .current(), clock: Clock = .system()) throws(CaseError) -> Session {
        do {
            return Session(database: try MaracDatabase(path: path), actor: actor, clock: clock)
        } catch {
            let problem = CaseError.from(error)
            if problem.kind == .busy { throw problem }
            throw CaseError(.storage, "cannot open the database at \(TerminalText.escape(path)): \(problem.description)")
        }
    }

    var referrals: ReferralService { ReferralService(clock: clock) }
    var meetings: MeetingService { MeetingService(clock: clock) }
    var actions: ActionService { ActionService(clock: clock) }

    /// One write transaction: all of `body` or none of it.
    func write<T>(_ body: (Database) throws -> T) throws(CaseError) -> T {
        do { return try database.pool.write(body) } catch { throw CaseError.from(error) }
    }

    /// One read transaction: a consistent snapshot.
    func read<T>(_ body: (Database) throws -> T) throws(CaseError) -> T {
        do { return try database.pool.read(body) } catch { throw CaseError.from(error) }
    }
}

extension CaseError {
    /// Any failure as a case error. SQLite's messages never carry statement
    /// arguments, and nothing else's description is printed, so no stored
    /// value (a name) can reach an error line this way.
    public static func from(_ error: Error) -> CaseError {
        switch error {
        case let error as CaseError: return error
        case let error as ValidationFailure: return CaseError(error)
        case let error as FieldError: return CaseError(error)
        case let error as DatabaseError:
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                return CaseError(.busy, "database busy: another marac command kept it locked for more than \(String(format: "%g", MaracDatabase.busyTimeout)) s; nothing was written, run the command again")
            }
            return CaseError(.storage, "database: \(error.message ?? "SQLite error \(error.resultCode.rawValue)")")
        case let error as UnreadableRow:
            return CaseError(.storage, error.description)
        case is RowDecodingError:
            // Its description holds the row's values: never print it.
            return CaseError(.storage, "database: a stored row cannot be read; nothing was changed")
        case let error as CocoaError:
            return CaseError(.storage, "file: \(error.code)")
        default:
            return CaseError(.storage, "an unexpected \(type(of: error)) error; nothing was written")
        }
    }
}
