import GRDB
import MaracCore

/// Migration "v7": the consent decision on each referral (consent given, not
/// given or not sought; the reason and lawful basis for sharing without it;
/// who recorded it and when), the MARAC's list of lawful bases, and the
/// record of purges under the retention setting. schema.sql holds the same
/// objects (SchemaTests).
enum ConsentAndPurgeSchema {
    static let name = "v7: consent and lawful basis, purge record"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: tables)
        try db.execute(sql: "INSERT INTO lawful_basis (code, text, created_at, created_by) VALUES (?, ?, '', 'marac')",
                       arguments: [LawfulBasis.seeded.code, LawfulBasis.seeded.text])
        try allowNotSought(db)
        // "Consent not required" (a high-risk case shared without asking) is what
        // is now called "not sought"; who decided it was never recorded, so it stays NULL.
        try db.execute(sql: "UPDATE referral SET consent = 'not_sought' WHERE consent = 'not_required'")
    }

    /// The consent column's CHECK gains 'not_sought'. SQLite cannot alter a
    /// CHECK; loosening one (every stored row still satisfies it) is done by
    /// rewriting the table's SQL in the schema, the procedure SQLite documents
    /// for this (lang_altertable.html, "otheralter"), instead of copying a
    /// million-row table. 'not_required' stays allowed so the rewrite only
    /// ever widens the constraint; marac no longer writes it.
    static func allowNotSought(_ db: Database) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        try db.execute(sql: "PRAGMA writable_schema = ON")
        try db.execute(sql: "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'referral'",
                       arguments: [oldConsentCheck, newConsentCheck])
        try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
        try db.execute(sql: "PRAGMA writable_schema = OFF")
        let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'referral'") ?? ""
        guard sql.contains(newConsentCheck) else { throw StoreError.engine("v7: the referral table's consent check was not found") }
    }

    static let oldConsentCheck = "CHECK (consent IN ('given', 'not_given', 'not_required', 'unknown'))"
    static let newConsentCheck = "CHECK (consent IN ('given', 'not_given', 'not_sought', 'not_required', 'unknown'))"

    /// Kept identical to the v7 part of schema.sql (checked by SchemaTests).
    static let tables = #"""
CREATE TABLE lawful_basis (
    code TEXT PRIMARY KEY NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) WITHOUT ROWID;
ALTER TABLE referral ADD COLUMN sharing_reason TEXT CHECK (sharing_reason IS NULL OR sharing_reason IN ('high_risk_of_serious_harm', 'consent_would_increase_risk', 'lacks_capacity', 'other'));
ALTER TABLE referral ADD COLUMN lawful_basis TEXT REFERENCES lawful_basis (code);
ALTER TABLE referral ADD COLUMN consent_decided_by TEXT;
ALTER TABLE referral ADD COLUMN consent_decided_at TEXT;
ALTER TABLE person ADD COLUMN purged_on TEXT;
CREATE INDEX referral_heard_without_consent ON referral (heard_on) WHERE heard_on IS NOT NULL AND consent IN ('not_given', 'not_sought');
CREATE TABLE purge_record (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    actor TEXT NOT NULL,
    retention_months INTEGER NOT NULL,
    cutoff TEXT NOT NULL,
    victims INTEGER NOT NULL DEFAULT 0,
    perpetrators INTEGER NOT NULL DEFAULT 0,
    referrals INTEGER NOT NULL DEFAULT 0
);
"""#
}
