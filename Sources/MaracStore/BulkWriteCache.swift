import GRDB

/// A larger SQLite page cache for one long write (an import, the demo data),
/// put back afterwards. With the default 2 MiB, a transaction of 100,000
/// referrals written row by row spilled index pages to the WAL and read them
/// back: 3 s of system time in a 17 s import. Since the import is written
/// set-based (ImportBulk), 4 MiB gives 8.7 s at 56 MB peak, 8 MiB 8.4 s at
/// 65 MB (over the 64 MB goal), 16 MiB 9.0 s (docs/benchmarks.md).
enum BulkWriteCache {
    static let kibibytes = 4096

    static func with<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        let previous = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -\(kibibytes)")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(previous)") }
        return try body()
    }
}
