import GRDB
import MaracCore

/// Schema changes are named migrations, applied in order, each in its own
/// transaction. They are append-only: a released migration is never edited,
/// so a database made by any earlier build upgrades to exactly the same
/// schema. `schema.sql` at the top of the repository is the reviewed copy of
/// what they produce together; SchemaTests fails if the two ever differ, and
/// upgrades a database filled under the first migration alone.
///
/// Large migrations live in files of their own (`Migration1`, the frozen first
/// schema; `AuditChainSchema`); a small one (a column) is written here, in the
/// order it was released.
package enum Migrations {
    /// Names in order; the first is the first released schema.
    package static let names = [
        "v1: referrals, people, meetings, actions, audit",
        "v2: police reference on the referral",
        AuditChainSchema.name,
        "v4: people who use marac, keyworkers",
        "v5: age keys for circulation packs",
        ResearchSchema.name,
        ConsentAndPurgeSchema.name,
        "v8: safety flags, name search index",
        "v9: hand order of cases within an agenda section",
        "v10: the store fills the full-text name index; no unused name index",
        IdentityFolding.name,
        HistorySchema.name,
        NearMatchSchema.name,
        "v14: figures indexes",
        SharedByAgencySchema.name,
        IncidentSchema.name,
        DisclosureSchemeSchema.name,
        CaseTransferSchema.name,
        "v19: perpetrators' victims by date",
        TransferPurgeSchema.name,
        PanelSchema.name,
        IncidentMergeSchema.name,
        MinutesSchema.name,
        RankingSchema.name,
    ]

    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(names[0], migrate: initial)
        migrator.registerMigration(names[1]) { db in
            // The police incident or crime reference (a plain field of the field table).
            try db.execute(sql: "ALTER TABLE referral ADD COLUMN police_reference TEXT")
        }
        migrator.registerMigration(names[2], migrate: AuditChainSchema.migrate)
        migrator.registerMigration(names[3]) { db in
            // The people who use marac (OS logins with roles) and the keyworker of a case.
            try db.execute(sql: """
                CREATE TABLE app_user (
                    login TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    roles TEXT NOT NULL,
                    agency TEXT REFERENCES agency (code),
                    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                    created_at TEXT NOT NULL,
                    created_by TEXT NOT NULL
                ) WITHOUT ROWID;
                ALTER TABLE referral ADD COLUMN keyworker TEXT;
                CREATE INDEX referral_by_creator ON referral (created_by);
                CREATE INDEX referral_by_keyworker ON referral (keyworker) WHERE keyworker IS NOT NULL;
                """)
        }
        migrator.registerMigration(names[4]) { db in
            // The MARAC's own age identity (one row, made on first need) and
            // each agency's public key, for circulation packs.
            try db.execute(sql: """
                CREATE TABLE marac_key (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    secret_key TEXT NOT NULL,
                    public_key TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    created_by TEXT NOT NULL
                );
                ALTER TABLE agency ADD COLUMN age_recipient TEXT;
                """)
        }
        migrator.registerMigration(ResearchSchema.name, migrate: ResearchSchema.migrate)
        migrator.registerMigration(ConsentAndPurgeSchema.name, migrate: ConsentAndPurgeSchema.migrate)
        migrator.registerMigration(names[7]) { db in
            // Safety flags are plain fields of the field table; the search index
            // holds every name folded by Core, filled here for existing rows.
            try db.execute(sql: SafetyAndSearchSchema.sql)
            // At v8 a trigger filled the full-text table from each new row (v10 drops it).
            try PersonSearchIndex(fillsText: false).backfill(db)
        }
        migrator.registerMigration(names[8]) { db in
            // A case's place within its agenda section, set by hand (no row: by
            // risk). A table of its own: a column added by ALTER TABLE after
            // agenda_item's UNIQUE constraint could not be written in schema.sql.
            try db.execute(sql: """
                CREATE TABLE agenda_item_place (
                    agenda_item_id INTEGER PRIMARY KEY REFERENCES agenda_item (id) ON DELETE CASCADE,
                    hand_position INTEGER NOT NULL CHECK (hand_position >= 1)
                )
                """)
        }
        // No table is rebuilt, so foreign keys stay on and GRDB skips the
        // whole-database foreign key check it runs after a deferred migration
        // (3.7 s of a 4.5 s upgrade at a million referrals; this way 0.2 s).
        migrator.registerMigration(names[9], foreignKeyChecks: .immediate) { db in
            // The full-text table is filled by PersonSearchIndex, one statement
            // per name, instead of by a trigger: a statement with a trigger
            // opens a statement savepoint, and FTS5 writes its pending terms out
            // as a new segment at every savepoint, so an import of 20,000 rows
            // spent a quarter of its time there (docs/benchmarks.md). Removal
            // and change keep their triggers. `person_by_name` served the name
            // search before v8; nothing reads it now.
            try db.execute(sql: """
                DROP TRIGGER person_search_added;
                DROP INDEX person_by_name;
                """)
        }
        migrator.registerMigration(names[10], foreignKeyChecks: .immediate, migrate: IdentityFolding.migrate)
        migrator.registerMigration(names[11], migrate: HistorySchema.migrate)
        // New tables, indexes and a column: nothing rebuilt, so no whole-database foreign key check.
        migrator.registerMigration(NearMatchSchema.name, foreignKeyChecks: .immediate, migrate: NearMatchSchema.migrate)
        migrator.registerMigration(names[13]) { db in
            // Referrals by the victim's district and age, counted by seeks
            // rather than a sort of the period (AgeDistrictCounts).
            try db.execute(sql: "CREATE INDEX referral_by_district_age ON referral (victim_district, victim_age, referred_on)")
        }
        // Registered by name, not place: v13 (identity) is released beside it.
        migrator.registerMigration(SharedByAgencySchema.name, foreignKeyChecks: .immediate, migrate: SharedByAgencySchema.migrate)
        // New tables, a column and triggers: nothing rebuilt.
        migrator.registerMigration(IncidentSchema.name, foreignKeyChecks: .immediate, migrate: IncidentSchema.migrate)
        // New columns, a new table and its indexes: nothing rebuilt.
        migrator.registerMigration(DisclosureSchemeSchema.name, foreignKeyChecks: .immediate, migrate: DisclosureSchemeSchema.migrate)
        // New tables and two columns: nothing rebuilt.
        migrator.registerMigration(CaseTransferSchema.name, foreignKeyChecks: .immediate, migrate: CaseTransferSchema.migrate)
        migrator.registerMigration("v19: perpetrators' victims by date") { db in
            // The serial perpetrator flag (issue 24) counts a perpetrator's
            // different victims within a window of dates, at intake and on
            // every row of triage and the agenda: one covering range of this
            // index, not a visit to each of the perpetrator's referrals. It
            // replaces the plain index on the perpetrator, which it contains.
            try db.execute(sql: """
                DROP INDEX referral_by_perpetrator;
                CREATE INDEX referral_by_perpetrator ON referral (perpetrator_id, referred_on, victim_id);
                """)
        }
        // One trigger replaced: nothing rebuilt.
        migrator.registerMigration(TransferPurgeSchema.name, foreignKeyChecks: .immediate, migrate: TransferPurgeSchema.migrate)
        // New tables and indexes only: nothing rebuilt.
        migrator.registerMigration(PanelSchema.name, foreignKeyChecks: .immediate, migrate: PanelSchema.migrate)
        // A new table and a partial index: nothing rebuilt.
        migrator.registerMigration(IncidentMergeSchema.name, foreignKeyChecks: .immediate, migrate: IncidentMergeSchema.migrate)
        // A new table and a partial index: nothing rebuilt.
        migrator.registerMigration(MinutesSchema.name, foreignKeyChecks: .immediate, migrate: MinutesSchema.migrate)
        // A partial index on incidents widened: nothing rebuilt.
        migrator.registerMigration(RankingSchema.name, migrate: RankingSchema.migrate)
        return migrator
    }
}
