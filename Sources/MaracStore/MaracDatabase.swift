import Foundation
import GRDB
import MaracCore

/// The one SQLite file a MARAC's data lives in. Opening it sets the pragmas
/// that keep data safe (WAL, synchronous=FULL, foreign keys, a busy timeout so
/// several coordinators can work at once) and brings the schema up to date.
public final class MaracDatabase: Sendable {
    /// The connections: one for a command, or a pool for the terminal UI.
    public let writer: any DatabaseWriter
    public let path: String

    /// How many connections a process keeps to the file.
    public enum Connections: Sendable {
        /// One connection for reads and writes: a command that runs one use
        /// case and exits. It opens one connection instead of two, and writes
        /// nothing to open the file (GRDB's pool writes and drops a table
        /// whenever it finds no write-ahead log, as after every command's
        /// close): about 2 ms of a `referral add` (docs/benchmarks.md).
        case one
        /// A writer and concurrent readers (GRDB's `DatabasePool`): the
        /// terminal UI, which reads while a write is under way.
        case pool
    }

    /// Seconds a writer waits for another coordinator's transaction to finish
    /// (`MARAC_BUSY_TIMEOUT` overrides it, 0 to 600 s, for tests and slow disks).
    public static let busyTimeout: TimeInterval = {
        if let text = ProcessInfo.processInfo.environment["MARAC_BUSY_TIMEOUT"], let seconds = Double(text), (0...600).contains(seconds) {
            return seconds
        }
        return 10
    }()

    public init(path: String, connections: Connections = .pool) throws {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        // Owner-only before SQLite creates anything: the file, -wal, -shm and -journal.
        FileModes.restrictProcess()
        try FileModes.createDirectory(atPath: directory)
        FileModes.tightenDatabase(at: path)
        // SQLite's temporary files (an import's staged rows, a large sort, a
        // statement journal) hold the same identities as the database: they go
        // beside it, under its folder's protection, never into /tmp or
        // /var/tmp. SQLite unlinks each as it creates it; the umask makes it
        // owner-only. Set whatever the environment says: a setgid marac on a
        // shared server must not let a caller send them elsewhere. SQLite
        // reads this once, at its first temporary file.
        setenv("SQLITE_TMPDIR", directory, 1)
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(MaracDatabase.busyTimeout)
        // What is deleted or overwritten (a purged name, an edited address) is
        // zeroed in the file, never left in a page's free space or a free page.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
        // The file holds special-category data: readable by its owner only
        // (FileModes), tightened on every open, not only at creation.
        switch connections {
        case .pool:
            writer = try DatabasePool(path: path, configuration: config)
        case .one:
            let queue = try DatabaseQueue(path: path, configuration: config)
            // The pool turns WAL on itself; one connection asks for it (a new
            // file is made WAL; an existing one already is, and stays so).
            try queue.writeWithoutTransaction { db in
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw DatabaseError(message: "could not turn on write-ahead logging")
                }
            }
            writer = queue
        }
        // GRDB sets synchronous=NORMAL when it turns WAL on; a power cut must not
        // lose a committed referral, so the one writer connection goes back to FULL.
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        FileModes.tightenDatabase(at: path)
        try Migrations.migrator.migrate(writer)
    }

    /// Folds the write-ahead log into the file and closes: a restored file
    /// stands alone, with no -wal beside it to lose or mismatch.
    package func checkpointAndClose() throws {
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try writer.close()
    }

    /// The default location from contracts.md: $MARAC_DB, else
    /// $XDG_DATA_HOME/marac/marac.db, else ~/.local/share/marac/marac.db.
    /// On a shared-server install the root-owned setting decides (SharedServer).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["MARAC_DB"], !path.isEmpty, !SharedServer.isActive { return path }
        let base: String
        if SharedServer.isActive, let shared = try? SharedServer.databasePath() { return shared }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            base = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            base = home + "/.local/share"
        }
        return base + "/marac/marac.db"
    }

}

/// The setting table: a MARAC's choices (population, retention) and the
/// dataset mark. Read and written inside the caller's transaction.
package enum SettingStore {
    package static func value(_ db: Database, _ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
    }

    /// Writes a setting, replacing its value (the use case records the change).
    package static func set(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }

    /// True when `marac demo` made this database: it holds synthetic people only.
    package static func isDemo(_ db: Database) throws -> Bool { try value(db, Settings.dataset) == "demo" }
}
