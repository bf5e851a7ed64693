import GRDB

/// A larger SQLite page cache for one long write (an import, the demo data),
/// put back afterwards. With the default 2 MiB, a transaction of 100,000
/// referrals written row by row spilled index pages to the WAL and read them
/// back: 3 s of system time in a 17 s import. Once the import read its file a
/// chunk at a time (no longer holding the text: 15 MB less), 8 MiB fits the
/// 64 MB goal: 100,000 rows into the million-referral database 10.1 s at
/// 47 MB with 4 MiB, 8.6 s at 55 MB with 8 MiB, 8.5 s at 63 MB with 12 MiB
/// (docs/benchmarks.md).
enum BulkWriteCache {
    static let kibibytes = 8192

    static func with<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        let previous = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -\(kibibytes)")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(previous)") }
        return try body()
    }
}
