internal import MaracStore
import Foundation
internal import GRDB

/// Backups that restore everything: every table, the audit chain and the
/// access log, not an export of referrals.
extension Session {
    /// Takes a consistent copy of the whole database while others keep
    /// working, hands it to `deliver` (which encrypts it to its destination
    /// and says how it is protected, in words with no secret in them), then
    /// removes the plain copy and records who took the backup and how it was
    /// protected. The plain copy lives only in a private folder beside the
    /// database, owner-only, for as long as `deliver` runs.
    public func backup(deliver: (_ plainCopy: String) throws -> String) throws(CaseError) {
        _ = try read(.backupDatabase) { _, _ in () }
        let folder = URL(fileURLWithPath: database.path).deletingLastPathComponent()
            .appendingPathComponent(".marac-backup-\(getpid())-\(UInt32.random(in: 0 ... .max))").path
        let copy = folder + "/copy.db"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let protection: String
        do {
            try FileModes.createPrivateDirectory(atPath: folder)
            try DatabaseBackup.snapshot(database, into: copy)
            protection = try deliver(copy)
        } catch {
            throw CaseError.from(error)
        }
        try write(.backupDatabase) { db, _ in
            try Audit.record(db, actor: actor, action: "backup", entity: "database", entityID: nil, detail: protection)
        }
    }

    /// What a restore found and did.
    public struct Restored: Sendable {
        /// The copy's audit chain head, as checked before anything was written.
        public var anchor: AuditAnchor
        /// The copy's schema was older and has been brought up to date.
        public var upgraded: Bool
    }

    /// Restores a backup into a new database at `path`, which must not exist.
    /// `fill` writes the plain copy (decrypting it) into the file it is
    /// given; the copy must then pass SQLite's integrity and foreign-key
    /// checks, carry a schema this build knows (an older one is upgraded) and
    /// an audit chain that verifies, and the acting person must be a
    /// coordinator or admin in it. Only then does it appear at `path`, whole,
    /// with the restore as the last row of its audit trail. On any failure
    /// nothing is left behind.
    public static func restore(into path: String, actor: Actor = .current(), clock: Clock = .system(),
                               fill: (FileHandle) throws -> Void) throws(CaseError) -> Restored {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) || FileModes.sidecars.contains(where: { manager.fileExists(atPath: path + $0) }) {
            throw CaseError(.conflict, field: "db", "\(TerminalText.escape(path)) already exists; restore into a new file, never over a database")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let staging = directory + "/.marac-restore-\(getpid())-\(UInt32.random(in: 0 ... .max)).db"
        defer {
            for file in [staging] + FileModes.sidecars.map({ staging + $0 }) { try? manager.removeItem(atPath: file) }
        }
        let checked: DatabaseBackup.Checked
        do {
            try FileModes.createDirectory(atPath: directory)
            let handle = try FileModes.openForWriting(atPath: staging)
            do { try fill(handle) } catch { try? handle.close(); throw error }
            try handle.synchronize()
            try handle.close()
            checked = try DatabaseBackup.check(copyAt: staging)
        } catch let unfit as DatabaseBackup.Unfit {
            throw CaseError(.invalid, field: "backup", unfit.description + "; nothing was restored")
        } catch {
            throw CaseError.from(error)
        }
        // Opening brings an older schema up to date; the restorer must be
        // someone the copy lets restore it, and the restore is its last row.
        do {
            let session = try Session.open(path: staging, actor: actor, clock: clock)
            try session.write(.restoreDatabase) { db, _ in
                try Audit.record(db, actor: actor, action: "restore", entity: "database", entityID: nil,
                                 detail: "from a backup whose audit chain ended at \(checked.anchor)"
                                    + (checked.needsUpgrade ? "; schema brought up to date" : ""))
            }
            try session.database.checkpointAndClose()
        } catch {
            throw CaseError.from(error)
        }
        // link(2) fails when the name exists, so a database that appeared
        // meanwhile is never replaced.
        guard link(staging, path) == 0 else {
            throw CaseError(.conflict, field: "db", "\(TerminalText.escape(path)) cannot be created (it appeared meanwhile, or the folder is not writable); nothing was restored")
        }
        FileModes.tightenDatabase(at: path)
        return Restored(anchor: checked.anchor, upgraded: checked.needsUpgrade)
    }
}
