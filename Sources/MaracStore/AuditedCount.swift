import Foundation
import GRDB
import GRDBSQLite

/// Counts that walk many rows (the agenda's open and escalated actions from
/// earlier meetings), remembered per database file until its audit chain
/// moves. Every change marac makes to a case, an action or a meeting writes
/// an audit row in the same transaction (docs/architecture.md), so the last
/// audit row's id and hash name the data a count was taken over: a key that
/// changes nothing costs one primary-key look-up instead of the walk, and the
/// first key after anyone's change (this process or another) counts again.
/// A change made by hand in SQL, outside marac, writes no audit row: it shows
/// after the next audited change or when marac starts again.
package enum AuditedCount {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var remembered: [String: (chain: String, count: Int)] = [:]

    /// `sql` is a `SELECT COUNT(*)`; the key is the file, the SQL and its arguments.
    package static func count(_ db: Database, sql: String, arguments: StatementArguments) throws -> Int {
        let chain = try String.fetchOne(db, sql: "SELECT id || ':' || hex(hash) FROM audit ORDER BY id DESC LIMIT 1") ?? "none"
        let file = sqlite3_db_filename(db.sqliteConnection, "main").map { String(cString: $0) } ?? ""
        let key = "\(file)\u{0}\(sql)\u{0}\(arguments)"
        if let known = lock.withLock({ remembered[key] }), known.chain == chain { return known.count }
        let count = try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
        lock.withLock {
            // Bounded: a session asks for a handful of meetings' counts.
            if remembered.count > 256 { remembered.removeAll() }
            remembered[key] = (chain, count)
        }
        return count
    }
}
