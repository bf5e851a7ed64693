import GRDB

/// A larger SQLite page cache for one long write (an import, the demo data),
/// put back afterwards. With the default 2 MiB, a transaction of 100,000
/// referrals spills index pages to the WAL and reads them back: 3 s of system
/// time in a 17 s import. 8 MiB took that import to 14 s inside its 64 MB
/// memory goal; 32 MiB gained nothing more (docs/benchmarks.md).
enum BulkWriteCache {
    static let kibibytes = 8192

    static func with<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        let previous = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -\(kibibytes)")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(previous)") }
        return try body()
    }
}
