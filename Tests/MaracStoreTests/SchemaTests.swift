import Foundation
import GRDB
import Testing
@testable import MaracCases
@testable import MaracStore

/// schema.sql is the reviewed schema; the migrations must produce exactly it.
@Suite struct SchemaTests {
    static let schemaFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schema.sql")

    /// Every table, index and trigger with its SQL, whitespace-normalised.
    static func objects(_ db: Database) throws -> [String: String] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT type, name, sql FROM sqlite_master
            WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' AND sql IS NOT NULL
            """)
        var result: [String: String] = [:]
        for row in rows {
            let sql: String = row["sql"]
            result["\(row["type"] as String) \(row["name"] as String)"] = sql.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        return result
    }

    @Test func migrationsProduceExactlySchemaSQL() throws {
        let test = try TestDatabase()
        let migrated = try test.database.pool.read(SchemaTests.objects)

        let reviewed = try DatabaseQueue()
        let text = try String(contentsOf: SchemaTests.schemaFile, encoding: .utf8)
        try reviewed.write { db in try db.execute(sql: text) }
        let expected = try reviewed.read(SchemaTests.objects)

        #expect(Set(migrated.keys) == Set(expected.keys))
        for (name, sql) in expected {
            #expect(migrated[name] == sql, "\(name) differs from schema.sql")
        }
        #expect(expected.count >= 20)
    }

    @Test func pragmasKeepDataSafe() throws {
        let test = try TestDatabase()
        let (journal, synchronous, foreignKeys, busy) = try test.database.pool.write { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
             try Int.fetchOne(db, sql: "PRAGMA foreign_keys"), try Int.fetchOne(db, sql: "PRAGMA busy_timeout"))
        }
        #expect(journal == "wal")
        #expect(synchronous == 2) // FULL
        #expect(foreignKeys == 1)
        #expect(busy == Int(MaracDatabase.busyTimeout * 1000))
        // The file holds special-category data: its owner alone may read it.
        let attributes = try FileManager.default.attributesOfItem(atPath: test.database.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func theFourteenRoutesAreSeeded() throws {
        let test = try TestDatabase()
        #expect(try test.count("SELECT COUNT(*) FROM agency WHERE is_route = 1") == 14)
    }

    @Test func foreignKeysAreEnforced() throws {
        let test = try TestDatabase()
        #expect(throws: DatabaseError.self) {
            try test.database.pool.write { db in
                try db.execute(sql: """
                    INSERT INTO referral (ref, referred_on, referring_agency, victim_id, risk_band, created_at, created_by, updated_at, updated_by)
                    VALUES ('X', '2026-01-01', 'police', 999, 'high', 'now', 'me', 'now', 'me')
                    """)
            }
        }
    }
}
