import Foundation
import GRDB
import Testing
import MaracTestSupport
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
        let migrated = try test.database.writer.read(SchemaTests.objects)

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
        let (journal, synchronous, foreignKeys, busy) = try test.database.writer.write { db in
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
            try test.database.writer.write { db in
                try db.execute(sql: """
                    INSERT INTO referral (ref, referred_on, referring_agency, victim_id, risk_band, created_at, created_by, updated_at, updated_by)
                    VALUES ('X', '2026-01-01', 'police', 999, 'high', 'now', 'me', 'now', 'me')
                    """)
            }
        }
    }
}

/// A database made by the first released build upgrades to today's schema
/// with nothing lost.
@Suite struct MigrationUpgradeTests {
    @Test func theFirstMigrationAloneUpgradesToSchemaSQLWithNoDataLost() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("marac-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.db").path

        // As the first build left it: the first migration only, then filled.
        let old = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(old, upTo: Migrations.names[0])
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO person (id, role, name, name_key, dob) VALUES (1, 'victim', 'Amina Begum', 'amina begum', '1990-05-01');
                INSERT INTO referral (id, ref, referred_on, referring_agency, victim_id, risk_band, ric_score, criteria, status,
                    created_at, created_by, updated_at, updated_by)
                VALUES (1, 'OLD-1', '2025-01-01', 'police', 1, 'high', 15, 'visible_high_risk', 'heard', 't', 'me', 't', 'me');
                INSERT INTO referral (id, ref, referred_on, referring_agency, victim_id, risk_band, consent, consent_note, status,
                    created_at, created_by, updated_at, updated_by)
                VALUES (2, 'OLD-2', '2025-02-01', 'police', 1, 'not_completed', 'not_required', 'high risk', 'received', 't', 'me', 't', 'me');
                INSERT INTO meeting (id, held_on, created_at, created_by) VALUES (1, '2025-01-15', 't', 'me');
                INSERT INTO agenda_item (meeting_id, referral_id, position, heard) VALUES (1, 1, 1, 1);
                INSERT INTO action (referral_id, meeting_id, agency, owner, description, due_on, created_at, created_by, updated_at, updated_by)
                VALUES (1, 1, 'police', 'DC', 'Flag', '2025-02-01', 't', 'me', 't', 'me');
                INSERT INTO audit (at, actor, action, entity, entity_id, detail) VALUES ('t', 'me', 'create', 'referral', 1, '');
                INSERT INTO person_alias (person_id, name, name_key) VALUES (1, 'Amína Khatun', 'amína khatun');
                INSERT INTO child (referral_id, name) VALUES (1, 'Zoë Begum');
                """)
        }
        let counts = "SELECT (SELECT COUNT(*) FROM person), (SELECT COUNT(*) FROM referral), (SELECT COUNT(*) FROM meeting), (SELECT COUNT(*) FROM agenda_item), (SELECT COUNT(*) FROM action)"
        let before = try old.read { db in try Row.fetchOne(db, sql: counts)! }
        try old.close()

        // Opened by this build: every later migration runs.
        let upgraded = try MaracDatabase(path: path)
        let migrated = try upgraded.writer.read(SchemaTests.objects)
        let reviewed = try DatabaseQueue()
        try reviewed.write { db in try db.execute(sql: try String(contentsOf: SchemaTests.schemaFile, encoding: .utf8)) }
        let expected = try reviewed.read(SchemaTests.objects)
        #expect(migrated == expected)
        let after = try upgraded.writer.read { db in try Row.fetchOne(db, sql: counts)! }
        #expect(after == before)
        let session = Session(database: upgraded, actor: Actor("me"), clock: Clock(today: Day("2026-11-24")!))
        let detail = try session.referral("OLD-1")
        #expect(detail.victim.name == "Amina Begum")
        #expect(detail.referral.status == .heard)
        #expect(detail.referral.plain.isEmpty)
        // v7: "consent not required" is now "not sought"; who decided was never recorded; it still needs its basis to be screened in.
        let notSought = try session.referral("OLD-2").referral
        #expect(notSought.consent == .notSought && notSought.consentNote == "high risk" && notSought.consentDecidedBy == nil)
        #expect(try upgraded.writer.read { db in try String.fetchAll(db, sql: "SELECT code FROM lawful_basis") } == [LawfulBasis.seeded.code])
        try session.createMeeting(on: Day("2026-12-03")!)
        #expect(throws: CaseError.self) { try session.screenIn("OLD-2") }
        // v8 filled the name search index for the rows already there.
        #expect(try session.searchPeople("begum").map(\.name) == ["Amina Begum"])
        #expect(try session.searchPeople("khatun").first?.alias == "Amína Khatun")
        #expect(try session.searchPeople("zoe").first?.child == "Zoë Begum")
        // v8 backfilled under its trigger, v10 fills the full-text index itself: each name once.
        _ = try session.logReferral(TestDatabase.fields("NEW-1", on: "2026-11-20", ["victim_name": "Amina Begum", "victim_dob": "1990-05-01",
                                                                                  "victim_aliases": "Ami B", "children": "Yusuf Begum|2021-01-01|mother"]))
        let problems = try upgraded.writer.write { db in try SearchIndexTests.fullTextIndexProblems(db) }
        #expect(problems == [])
        #expect(try session.searchPeople("yusuf").first?.child == "Yusuf Begum")
        #expect(try upgraded.writer.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") } == Migrations.names)
    }
}

/// v11 (issue 20): identity keys stored before matching folded names as
/// search does are folded again, so a later referral spelled another way
/// finds the same person; no alias is lost where two now fold alike.
@Suite struct IdentityFoldingMigrationTests {
    @Test func storedKeysAreFoldedAndNoAliasIsLost() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("marac-v11-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("v10.db").path)
        try Migrations.migrator.migrate(queue, upTo: Migrations.names[9])
        try queue.write { db in
            // Keys as v10 stored them: lower case, accents and apostrophes kept; and a purged person's empty key.
            try db.execute(sql: """
                INSERT INTO person (id, role, name, name_key, dob) VALUES (1, 'victim', 'Siobhán O''Connor', 'siobhán o''connor', '1988-03-14');
                INSERT INTO person (id, role, name, name_key, dob) VALUES (2, 'perpetrator', 'Declan O’Connor', 'declan o’connor', NULL);
                INSERT INTO person (id, role, name, name_key, dob, purged_on) VALUES (3, 'victim', 'purged', '', NULL, '2026-01-01');
                INSERT INTO person_alias (id, person_id, name, name_key) VALUES (1, 1, 'Shiv O''Connor', 'shiv o''connor');
                INSERT INTO person_alias (id, person_id, name, name_key) VALUES (2, 1, 'Shiv OConnor', 'shiv oconnor');
                """)
        }
        try Migrations.migrator.migrate(queue)
        try queue.read { db in
            #expect(try String.fetchAll(db, sql: "SELECT name_key FROM person ORDER BY id") == ["siobhan oconnor", "declan oconnor", ""])
            // Both aliases kept: the second already held the folded key, so the first keeps its old one.
            #expect(try String.fetchAll(db, sql: "SELECT name FROM person_alias ORDER BY id") == ["Shiv O'Connor", "Shiv OConnor"])
            #expect(try String.fetchAll(db, sql: "SELECT name_key FROM person_alias ORDER BY id") == ["shiv o'connor", "shiv oconnor"])
            let stored = try String.fetchOne(db, sql: "SELECT name_key FROM person WHERE id = 1")
            #expect(IdentityKey(name: "Siobhan O’Connor", dob: Day("1988-03-14")).name == stored)
        }
    }
}
