import GRDB
import MaracCore

/// v18 (issue 25): cases moving between MARACs. The other MARACs this one
/// sends to and hears from, with their age keys (like agencies'); each
/// transfer out or in with its state, the flowchart's answers and the
/// bundle's identity (its id: a bundle is taken in once); the read-only
/// history a case brought with it; and the referral's "referred to another
/// MARAC before: where, when" (two plain fields of the field table).
enum CaseTransferSchema {
    static let name = "v18: transfers between MARACs"

    static let sql = """
        CREATE TABLE marac_peer (
            name TEXT PRIMARY KEY NOT NULL,
            age_recipient TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE case_transfer (
            id INTEGER PRIMARY KEY,
            bundle_id TEXT NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
            peer TEXT NOT NULL,
            referral_id INTEGER NOT NULL REFERENCES referral (id),
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected', 'done')),
            answers TEXT NOT NULL,
            content_sha256 TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            sent_by TEXT NOT NULL,
            decision TEXT CHECK (decision IN ('list', 'note', 'reject')),
            reason TEXT,
            decided_at TEXT,
            decided_by TEXT,
            actions TEXT CHECK (actions IN ('close', 'keep')),
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            UNIQUE (direction, bundle_id)
        );
        CREATE INDEX case_transfer_by_state ON case_transfer (state, sent_at);
        CREATE INDEX case_transfer_by_referral ON case_transfer (referral_id);
        CREATE INDEX case_transfer_by_sent ON case_transfer (sent_at, direction);
        CREATE TABLE transfer_record (
            id INTEGER PRIMARY KEY,
            transfer_id INTEGER NOT NULL REFERENCES case_transfer (id),
            kind TEXT NOT NULL CHECK (kind IN ('referral', 'hearing', 'shared', 'action', 'research', 'history')),
            referral_ref TEXT NOT NULL,
            fields TEXT NOT NULL
        );
        CREATE INDEX transfer_record_by_transfer ON transfer_record (transfer_id, id);
        CREATE TRIGGER transfer_record_no_update BEFORE UPDATE ON transfer_record
        BEGIN SELECT RAISE(ABORT, 'a transferred history is read-only'); END;
        CREATE TRIGGER transfer_record_no_delete BEFORE DELETE ON transfer_record
        BEGIN SELECT RAISE(ABORT, 'a transferred history is read-only'); END;
        ALTER TABLE referral ADD COLUMN previous_marac TEXT;
        ALTER TABLE referral ADD COLUMN previous_marac_on TEXT;
        """

    static func migrate(_ db: Database) throws {
        try db.execute(sql: sql)
    }
}
