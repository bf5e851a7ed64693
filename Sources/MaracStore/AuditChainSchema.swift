import GRDB

/// Migration "v2": the audit trail becomes a hash chain, and reads of
/// identifying data are recorded (`access`). Registered after v1 in
/// Migrations.swift; schema.sql holds the same objects (SchemaTests).
enum AuditChainSchema {
    static let name = "v3: audit hash chain, access records"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: tables)
        // Rows written before this migration join the chain here, in id order,
        // before the triggers make the trail append-only.
        let rows = try Row.fetchAll(db, sql: "SELECT id, at, actor, action, entity, entity_id, detail FROM audit ORDER BY id")
        var previous = AuditChain.genesis
        let update = try db.makeStatement(sql: "UPDATE audit SET seq = ?, hash = ? WHERE id = ?")
        for (index, row) in rows.enumerated() {
            let seq = Int64(index + 1)
            let content = AuditChain.AuditContent(
                id: row[0], seq: seq, at: row[1], actor: row[2], action: row[3], entity: row[4], entityID: row[5], detail: row[6])
            previous = AuditChain.hash(previous: previous, content.encoded())
            try update.execute(arguments: [seq, previous, content.id])
        }
        try db.execute(sql: triggers)
    }

    /// Kept identical to the v2 part of schema.sql (checked by SchemaTests).
    static let tables = #"""
ALTER TABLE audit ADD COLUMN seq INTEGER;
ALTER TABLE audit ADD COLUMN hash BLOB;

CREATE TABLE access (
    id INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    use_case TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'read' CHECK (kind IN ('read', 'break_glass')),
    reason TEXT,
    hash BLOB NOT NULL
);
CREATE INDEX access_by_kind ON access (kind, id);
CREATE INDEX access_by_actor ON access (actor, id);

CREATE TABLE access_referral (
    access_id INTEGER NOT NULL REFERENCES access (id),
    referral_id INTEGER NOT NULL,
    PRIMARY KEY (access_id, referral_id)
) WITHOUT ROWID;
CREATE INDEX access_referral_by_referral ON access_referral (referral_id, access_id);

CREATE TABLE access_person (
    access_id INTEGER NOT NULL REFERENCES access (id),
    person_id INTEGER NOT NULL,
    PRIMARY KEY (access_id, person_id)
) WITHOUT ROWID;
CREATE INDEX access_person_by_person ON access_person (person_id, access_id);
"""#

    static let triggers = #"""
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER access_no_update BEFORE UPDATE ON access
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER access_no_delete BEFORE DELETE ON access
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER access_referral_no_update BEFORE UPDATE ON access_referral
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER access_referral_no_delete BEFORE DELETE ON access_referral
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER access_person_no_update BEFORE UPDATE ON access_person
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER access_person_no_delete BEFORE DELETE ON access_person
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
"""#
}
