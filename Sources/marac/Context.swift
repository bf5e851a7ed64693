import ArgumentParser
import Foundation
import GRDB
import MaracCore
import MaracStore

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The database file (default: $MARAC_DB, else $XDG_DATA_HOME/marac/marac.db).")
    var db: String?
}

/// What a command needs to call the services: the open database, the acting
/// user and today's date.
struct Context {
    let database: MaracDatabase
    let actor: Actor
    let clock: Clock

    var referrals: ReferralService { ReferralService(database: database, clock: clock) }
    var meetings: MeetingService { MeetingService(database: database, clock: clock) }
    var actions: ActionService { ActionService(database: database, clock: clock) }

    static func open(_ options: GlobalOptions) throws -> Context {
        let path = try sharedServerPath(options) ?? options.db ?? MaracDatabase.defaultPath()
        do {
            return Context(database: try MaracDatabase(path: path), actor: .current(), clock: .system())
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            report(Busy.explanation)
            throw ExitCode(75)
        } catch let error as DatabaseError {
            report("cannot open the database at \(path): \(error.message ?? "SQLite error \(error.resultCode.rawValue)")")
            throw ExitCode(74)
        } catch {
            report("cannot open the database at \(path): \(error.localizedDescription)")
            throw ExitCode(74)
        }
    }
}

/// Runs a command body, turning failures into the contract's error lines and
/// exit codes, in this one place.
func guarded<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        for line in error.lines { report(line) }
        switch error.kind {
        case .invalid, .notFound: throw ExitCode(65)
        case .notPermitted: throw ExitCode(77)
        case .conflict: throw ExitCode(1)
        }
    } catch let error as ValidationFailure {
        for problem in error.problems { report(problem.description) }
        throw ExitCode(65)
    } catch let error as FieldError {
        report(error.description)
        throw ExitCode(65)
    } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
        report(Busy.explanation)
        throw ExitCode(75)
    } catch let error as DatabaseError {
        // GRDB keeps statement arguments out of its messages: no identities leak here.
        report("database: \(error.message ?? "SQLite error \(error.resultCode.rawValue)")")
        throw ExitCode(74)
    } catch let error as UnreadableRow {
        report(error.description)
        throw ExitCode(74)
    } catch is RowDecodingError {
        // Its description holds the row's values: never print it.
        report("database: a stored row cannot be read; nothing was changed (check the database with `sqlite3 FILE 'PRAGMA integrity_check'`)")
        throw ExitCode(74)
    }
}

/// Parses a command-line date argument.
func day(_ text: String, _ field: String, notAfter limit: Day? = nil) throws -> Day {
    try guarded { try ReferralInput.parseDay(text, field: field, notAfter: limit) }
}

