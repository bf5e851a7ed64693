import ArgumentParser
import Foundation
import MaracCases

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
    guard SharedInstall.isActive else { return nil }
    let path: String
    do { path = try SharedInstall.databasePath() } catch { report("\(error)"); throw ExitCode(77) }
    if let given = options.db, URL(fileURLWithPath: given).standardizedFileURL.path != path {
        report("--db is not allowed on this shared server; the database is \(path)")
        throw ExitCode(77)
    }
    return path
}
