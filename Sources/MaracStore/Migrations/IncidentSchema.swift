import GRDB
import MaracCore

/// v16 (issue 23): abuse types on referrals, and incidents an agency hears of
/// between meetings.
///
/// A referral's abuse types are a plain field of the field table (text,
/// codes with `;` between, checked by Core); a trigger keeps one row per
/// type in `referral_abuse_type`, so the figures count by type with an index
/// rather than by parsing text, and no writer (form, flags, import, edit)
/// can forget it. `abuse_type` holds the twelve codes the triggers match on
/// (a trigger cannot split text with a CTE). Incidents keep their types the
/// same way.
///
/// An incident is a new table: nothing is rebuilt.
enum IncidentSchema {
    static let name = "v16: incidents and abuse types"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE referral ADD COLUMN abuse_types TEXT;
            CREATE TABLE abuse_type (
                code TEXT PRIMARY KEY NOT NULL,
                words TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE referral_abuse_type (
                referral_id INTEGER NOT NULL REFERENCES referral (id) ON DELETE CASCADE,
                type TEXT NOT NULL REFERENCES abuse_type (code),
                PRIMARY KEY (referral_id, type)
            ) WITHOUT ROWID;
            CREATE INDEX referral_abuse_type_by_type ON referral_abuse_type (type, referral_id);
            CREATE TRIGGER referral_abuse_types_added AFTER INSERT ON referral WHEN NEW.abuse_types IS NOT NULL
            BEGIN
                INSERT INTO referral_abuse_type (referral_id, type)
                SELECT NEW.id, code FROM abuse_type WHERE instr(';' || NEW.abuse_types || ';', ';' || code || ';') > 0;
            END;
            CREATE TRIGGER referral_abuse_types_changed AFTER UPDATE OF abuse_types ON referral
            WHEN NEW.abuse_types IS NOT OLD.abuse_types
            BEGIN
                DELETE FROM referral_abuse_type WHERE referral_id = NEW.id;
                INSERT INTO referral_abuse_type (referral_id, type)
                SELECT NEW.id, code FROM abuse_type WHERE instr(';' || coalesce(NEW.abuse_types, '') || ';', ';' || code || ';') > 0;
            END;
            CREATE TABLE incident (
                id INTEGER PRIMARY KEY,
                victim_id INTEGER NOT NULL REFERENCES person (id),
                referral_id INTEGER REFERENCES referral (id),
                occurred_on TEXT NOT NULL,
                agency TEXT NOT NULL REFERENCES agency (code),
                abuse_types TEXT NOT NULL,
                crime_reported INTEGER NOT NULL CHECK (crime_reported IN (0, 1)),
                perpetrator_id INTEGER REFERENCES person (id),
                summary TEXT NOT NULL,
                agency_reference TEXT,
                finding TEXT NOT NULL CHECK (finding IN ('repeat', 'lapsed', 'other_perpetrator')),
                referred_as_id INTEGER REFERENCES referral (id),
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL
            );
            CREATE INDEX incident_by_victim ON incident (victim_id, occurred_on);
            CREATE INDEX incident_by_agency ON incident (agency, occurred_on);
            CREATE INDEX incident_by_occurred_on ON incident (occurred_on, agency, finding);
            CREATE INDEX incident_to_refer ON incident (id) WHERE finding = 'repeat' AND referred_as_id IS NULL;
            CREATE INDEX incident_by_referral_made ON incident (referred_as_id) WHERE referred_as_id IS NOT NULL;
            CREATE TABLE incident_abuse_type (
                incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
                type TEXT NOT NULL REFERENCES abuse_type (code),
                PRIMARY KEY (incident_id, type)
            ) WITHOUT ROWID;
            CREATE INDEX incident_abuse_type_by_type ON incident_abuse_type (type, incident_id);
            CREATE TRIGGER incident_abuse_types_added AFTER INSERT ON incident
            BEGIN
                INSERT INTO incident_abuse_type (incident_id, type)
                SELECT NEW.id, code FROM abuse_type WHERE instr(';' || NEW.abuse_types || ';', ';' || code || ';') > 0;
            END;
            """)
        let insert = try db.makeStatement(sql: "INSERT INTO abuse_type (code, words) VALUES (?, ?)")
        for type in AbuseType.allCases { try insert.execute(arguments: [type.rawValue, type.words]) }
    }
}
