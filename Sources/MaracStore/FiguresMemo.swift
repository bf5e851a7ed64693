import Foundation
import GRDB
import GRDBSQLite
import MaracCore

/// A period's figures remembered per database file until its audit chain
/// moves, as `AuditedCount` remembers the agenda's counts (issue 11): the
/// figures screen opened again, or a quarter paged back to, costs one
/// primary-key look-up instead of reading every referral of the period again
/// (about 20 ms at a million referrals). Every change marac makes writes an
/// audit row in its transaction, a setting included, so the last audit row's
/// id and hash name the data the figures were read from; the day they were
/// read for (overdue and escalated actions depend on it) and the population
/// are part of the key. A change made by hand in SQL, outside marac, writes no
/// audit row: it shows after the next audited change or when marac starts again.
enum FiguresMemo {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var remembered: [String: (chain: String, figures: FiguresService.Figures)] = [:]

    /// The head of the audit chain as this transaction sees it.
    static func chain(_ db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT id || ':' || hex(hash) FROM audit ORDER BY id DESC LIMIT 1") ?? "none"
    }

    static func key(_ db: Database, _ period: FiguresPeriod, population: Int?, today: Day) -> String {
        let file = sqlite3_db_filename(db.sqliteConnection, "main").map { String(cString: $0) } ?? ""
        return "\(file)\u{0}\(period.from)..\(period.to)\u{0}\(population.map(String.init) ?? "-")\u{0}\(today)"
    }

    static func figures(_ key: String, chain: String) -> FiguresService.Figures? {
        lock.withLock { remembered[key].flatMap { $0.chain == chain ? $0.figures : nil } }
    }

    static func remember(_ key: String, chain: String, _ figures: FiguresService.Figures) {
        lock.withLock {
            // Bounded: a session looks at a handful of periods.
            if remembered.count > 64 { remembered.removeAll() }
            remembered[key] = (chain, figures)
        }
    }
}
