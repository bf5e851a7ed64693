import ArgumentParser
import Foundation
import MaracCore
import MaracStore

/// What a user hears when another marac command held the write lock past the
/// busy timeout (exit 75): one line, what happened and what to do.
enum Busy {
    static let explanation = "database busy: another marac command kept it locked for more than \(String(format: "%g", MaracDatabase.busyTimeout)) s; nothing was written, run the command again"
}

/// A demo database holds synthetic people only and says so everywhere; a real
/// referral must never be mixed in (and then shown as synthetic). Exit 77.
func refuseRealRecordsInDemo(_ context: Context) throws {
    guard try guarded({ try context.database.isDemo() }) else { return }
    report("\(context.database.path) is a DEMO database (synthetic people only); real referrals cannot be added to it. Use another --db")
    throw ExitCode(77)
}

/// `--limit` on every list: 1 to 10,000 rows, else exit 64 with a message.
func validateLimit(_ limit: Int) throws {
    guard ArgumentBounds.pageLimit.contains(limit) else {
        throw ValidationError("--limit must be \(ArgumentBounds.pageLimit.lowerBound) to \(ArgumentBounds.pageLimit.upperBound)")
    }
}

/// On a shared-server install (setgid binary) the database is the one the
/// root-owned setting names: `--db` cannot point marac at another file (exit
/// 77) and `MARAC_DB` is ignored. Nil when this is not a shared server.
func sharedServerPath(_ options: GlobalOptions) throws -> String? {
    guard SharedServer.isActive else { return nil }
    let path: String
    do { path = try SharedServer.databasePath() } catch { report("\(error)"); throw ExitCode(77) }
    if let given = options.db, URL(fileURLWithPath: given).standardizedFileURL.path != path {
        report("--db is not allowed on this shared server; the database is \(path)")
        throw ExitCode(77)
    }
    return path
}
