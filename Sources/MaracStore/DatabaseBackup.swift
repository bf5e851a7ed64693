import Foundation
import GRDB
import MaracCore

/// Whole-database copies: the snapshot a backup encrypts, and the checks a
/// restored copy must pass before it may become anybody's database.
public enum DatabaseBackup {
    /// Writes a consistent copy of the whole database to `path`, which must not
    /// exist. SQLite's `VACUUM INTO` runs on a reader connection: it sees one
    /// snapshot of the WAL, takes no write lock, and other coordinators carry
    /// on writing while it runs. The copy is created under the process umask
    /// (owner only) and synced before this returns.
    package static func snapshot(_ database: MaracDatabase, into path: String) throws {
        FileModes.restrictProcess()
        try database.writer.unsafeRead { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [path])
        }
        chmod(path, FileModes.file)
    }

    /// What a restored copy holds, once it has passed every check.
    public struct Checked: Sendable, Equatable {
        /// The migrations the copy was made under (a prefix of `Migrations.names`).
        public var migrations: [String]
        /// The audit chain's head in the copy.
        public var anchor: AuditAnchor
        /// Whether the copy predates this build's schema (it is brought up to date).
        public var needsUpgrade: Bool { migrations.count < Migrations.names.count }
    }

    /// Why a copy is not fit to restore, as one sentence with no stored values.
    public struct Unfit: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Checks a plain copy at `path`: it is an SQLite database, SQLite's own
    /// integrity and foreign-key checks pass, it was made by this schema's
    /// migrations (or an earlier prefix of them, never a later or foreign
    /// one), and its audit chain holds. Opens the copy read-only: nothing is
    /// written to it.
    package static func check(copyAt path: String) throws -> Checked {
        var configuration = Configuration()
        configuration.readonly = true
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(path: path, configuration: configuration) } catch {
            throw Unfit(description: "the file is not an SQLite database")
        }
        defer { try? queue.close() }
        return try queue.read { db -> Checked in
            let integrity: [String]
            do { integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check") } catch {
                throw Unfit(description: "the file is not an SQLite database")
            }
            guard integrity == ["ok"] else {
                throw Unfit(description: "SQLite's integrity check failed (\(integrity.count) problem\(integrity.count == 1 ? "" : "s"))")
            }
            let orphans = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            guard orphans.isEmpty else {
                throw Unfit(description: "\(orphans.count) row\(orphans.count == 1 ? "" : "s") refer to rows that are missing (foreign key check)")
            }
            guard try db.tableExists("grdb_migrations") else {
                throw Unfit(description: "the file is not a marac database (no schema history)")
            }
            let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            let known = Migrations.names
            guard applied.count <= known.count, Set(applied) == Set(known.prefix(applied.count)), !applied.isEmpty else {
                let unknown = applied.filter { !known.contains($0) }.count
                throw Unfit(description: unknown > 0
                    ? "the copy was made by a newer or different marac (\(unknown) schema change\(unknown == 1 ? "" : "s") this build does not know); restore it with that version"
                    : "the copy's schema history is incomplete")
            }
            let ordered = Array(known.prefix(applied.count))
            // The chain tables came with v3; an older copy has no chain to check.
            guard try db.tableExists("access") else {
                return Checked(migrations: ordered, anchor: AuditAnchor(hash: AuditChain.genesis, count: 0))
            }
            switch try AuditChain.verify(db, anchor: nil) {
            case .intact(let anchor): return Checked(migrations: ordered, anchor: anchor)
            case .broken(let position, let message):
                throw Unfit(description: "the audit chain is broken at row \(position): \(message)")
            }
        }
    }
}
