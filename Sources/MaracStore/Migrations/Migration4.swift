import GRDB

extension Migrations {
    /// The people who use marac (OS logins with roles) and the keyworker of a case.
    static func people(_ db: Database) throws {
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
}
