import Foundation
import GRDB
import GRDBSQLite

/// Values that cost a walk over many rows, remembered per database file until
/// its audit chain moves. Every change marac makes to a case, an action, a
/// meeting or a setting writes an audit row in the same transaction
/// (docs/architecture.md), so the last audit row's id and hash name the data
/// a value was read from: a key that changes nothing costs one primary-key
/// look-up instead of the walk, and the first key after anyone's change (this
/// process or another) reads again. A change made by hand in SQL, outside
/// marac, writes no audit row: it shows after the next audited change or
/// when marac starts again. Used for the agenda's and the triage queue's
/// counts (`AuditedCount`) and for a period's figures (`FiguresMemo`).
final class AuditedMemo<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var remembered: [String: (chain: String, value: Value)] = [:]
    /// Bounded: a session asks for a handful of keys; past this all are forgotten.
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    /// The value remembered for `key` at `chain`, if any.
    func value(_ key: String, chain: String) -> Value? {
        lock.withLock { remembered[key].flatMap { $0.chain == chain ? $0.value : nil } }
    }

    /// Remembers `value` as read at `chain` (never under a later head).
    func remember(_ key: String, chain: String, _ value: Value) {
        lock.withLock {
            if remembered.count > limit { remembered.removeAll() }
            remembered[key] = (chain, value)
        }
    }

    /// The value for `key` in this transaction: remembered, or read and remembered.
    func value(_ db: Database, key: String, read: () throws -> Value) throws -> Value {
        let chain = try AuditedKey.chain(db)
        if let known = value(key, chain: chain) { return known }
        let value = try read()
        remember(key, chain: chain, value)
        return value
    }
}

/// The parts of an `AuditedMemo` key that come from the database.
enum AuditedKey {
    /// The head of the audit chain as this transaction sees it.
    static func chain(_ db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT id || ':' || hex(hash) FROM audit ORDER BY id DESC LIMIT 1") ?? "none"
    }

    /// The database file, the first part of every key.
    static func file(_ db: Database) -> String {
        sqlite3_db_filename(db.sqliteConnection, "main").map { String(cString: $0) } ?? ""
    }
}

/// Counts that walk many rows (the agenda's open and escalated actions from
/// earlier meetings, the triage queue's waiting count), remembered until the
/// audit chain moves (`AuditedMemo`).
package enum AuditedCount {
    private static let memo = AuditedMemo<Int>(limit: 256)

    /// `sql` is a `SELECT COUNT(*)`; the key is the file, the SQL and its arguments.
    package static func count(_ db: Database, sql: String, arguments: StatementArguments) throws -> Int {
        try memo.value(db, key: "\(AuditedKey.file(db))\u{0}\(sql)\u{0}\(arguments)") {
            try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
        }
    }
}
