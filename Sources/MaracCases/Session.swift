@_exported import MaracCore
internal import MaracStore
import Foundation
internal import GRDB

/// What every use case runs with: the open database, the acting person and
/// the clock. The command line and the terminal UI each make one and call
/// only its methods; each method is one thing a person does, in one
/// transaction, returning its errors as `CaseError` values.
public struct Session: Sendable {
    let database: MaracDatabase
    public let actor: Actor
    public let clock: Clock

    public var today: Day { clock.today }

    /// The database file this session works on (drafts are kept beside it).
    public var databasePath: String { database.path }

    /// How many connections a front end keeps open.
    public enum Connections: Sendable {
        /// One for reads and writes: a command that runs one use case and exits.
        case one
        /// A writer and concurrent readers: the terminal UI.
        case pool

        var store: MaracDatabase.Connections { self == .one ? .one : .pool }
    }

    /// What this session has already recorded as seen, so paging back over a
    /// page already shown does not log it again.
    let seen = AccessMemory()

    init(database: MaracDatabase, actor: Actor, clock: Clock) {
        self.database = database
        self.actor = actor
        self.clock = clock
        // The first person to open a new database becomes its admin and coordinator.
        // A read first, so opening a database that has people takes no write lock.
        guard (try? database.read(UserStore.count)) == 0 else { return }
        _ = try? database.write { db in
            if try UserStore.count(db) == 0 {
                try addUser(db, MaracUser(login: actor.name, name: actor.name, roles: [.admin, .coordinator]))
            }
        }
    }

    /// Where the database is when none is named: $MARAC_DB, else
    /// $XDG_DATA_HOME/marac/marac.db, else ~/.local/share/marac/marac.db
    /// (contracts.md); on a shared-server install the root-owned setting.
    public static func defaultDatabasePath() -> String { MaracDatabase.defaultPath() }

    /// Opens (creating when missing) the database at `path`: one connection for
    /// a command, a pool for the terminal UI (`MaracDatabase.Connections`).
    public static func open(path: String, actor: Actor = .current(), clock: Clock = .system(),
                            connections: Connections = .pool) throws(CaseError) -> Session {
        do {
            return Session(database: try MaracDatabase(path: path, connections: connections.store), actor: actor, clock: clock)
        } catch {
            let problem = CaseError.from(error)
            if problem.kind == .busy { throw problem }
            throw CaseError(.storage, "cannot open the database at \(TerminalText.escape(path)): \(problem.description)")
        }
    }

    var meetings: MeetingService { MeetingService(clock: clock) }
    var actions: ActionService { ActionService(clock: clock) }

    /// One write transaction: all of `body` or none of it. The policy is
    /// asked first, inside the same transaction; access rows written by the
    /// body count as seen only once it commits.
    func write<T>(_ useCase: UseCase, _ body: (Database, Permit) throws -> T) throws(CaseError) -> T {
        var recorded = Set<String>()
        do {
            let result = try database.write { db in
                recorded = []
                let permit = try permit(db, useCase)
                var access = permit
                access.recorded = { recorded.insert($0) }
                return try body(db, access)
            }
            seen.insert(recorded)
            return result
        } catch {
            throw CaseError.from(error)
        }
    }

    /// One read transaction, for use cases that show no identities.
    func read<T>(_ useCase: UseCase, _ body: (Database, Permit) throws -> T) throws(CaseError) -> T {
        do { return try database.read { db in try body(db, try permit(db, useCase)) } } catch { throw CaseError.from(error) }
    }

    /// Who is acting and what the policy lets them do here. A login that is
    /// not an active user is refused, whatever they ask.
    func permit(_ db: Database, _ useCase: UseCase) throws -> Permit {
        let user: MaracUser
        if try SettingStore.isDemo(db) {
            // A demo database holds synthetic people: every login is its coordinator.
            user = MaracUser(login: actor.name, name: actor.name, roles: [.coordinator])
        } else if let found = try UserStore.find(db, login: actor.name), found.active {
            user = found
        } else {
            throw CaseError(.notPermitted, "\(actor.name) is not a marac user of this database", hint: .askAdmin(try UserStore.admins(db)))
        }
        guard let grant = Policy.grant(user.roles, useCase) else {
            throw CaseError(.notPermitted, "\(actor.name) (\(user.roles.sorted().map(\.rawValue).joined(separator: ", "))) may not \(useCase.words)")
        }
        return Permit(user: user, grant: grant, scope: ScopeSQL.referral(grant, login: actor.name, today: today), useCase: useCase)
    }

    /// Records that identifying data was shown, in the caller's transaction,
    /// unless this session has shown exactly these records this way before.
    func recordAccess(_ db: Database, _ permit: Permit, referralIDs: [Int64], personIDs: [Int64] = [],
                      reason: String? = nil, kind: AccessKind = .read) throws {
        let key = "\(permit.useCase.rawValue)|\(kind.rawValue)|\(referralIDs.sorted())|\(personIDs.sorted())"
        // A file leaving (a reason given) is logged every time, even the same records again.
        if kind == .read, reason == nil, seen.contains(key) { return }
        try Access.record(db, actor: actor, useCase: permit.useCase.rawValue, referralIDs: referralIDs, personIDs: personIDs,
                          reason: try AccessReason.checked(reason, kind: kind), kind: kind)
        permit.recorded(key)
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
        case let error as StoreError:
            switch error {
            case .busy(let timeout):
                return CaseError(.busy, "database busy: another marac command kept it locked for more than \(String(format: "%g", timeout)) s; nothing was written, run the command again")
            case .constraint(let message), .engine(let message):
                return CaseError(.storage, "database: \(message)")
            case .unreadable(let row):
                return CaseError(.storage, row.description)
            }
        case is DatabaseError, is UnreadableRow, is RowDecodingError:
            // The store translates the engine's errors; one met elsewhere is translated here the same way.
            return from(StoreError.translate(error))
        case let error as CocoaError:
            return CaseError(.storage, "file: \(error.code)")
        default:
            return CaseError(.storage, "an unexpected \(type(of: error)) error; nothing was written")
        }
    }
}

/// A person's permission for one use case: who they are, what the policy
/// grants, and the grant as an SQL condition on referrals.
struct Permit {
    let user: MaracUser
    let grant: Grant
    let scope: (sql: String, arguments: StatementArguments)
    let useCase: UseCase
    var recorded: (String) -> Void = { _ in }
}

/// Reads this session has logged, kept for the session's life (bounded).
final class AccessMemory: @unchecked Sendable {
    private var keys = Set<String>()
    private let lock = NSLock()

    func contains(_ key: String) -> Bool { lock.withLock { keys.contains(key) } }

    func insert(_ new: Set<String>) {
        lock.withLock {
            if keys.count > 10_000 { keys.removeAll() }
            keys.formUnion(new)
        }
    }
}
