import GRDB

/// v12: the record's history (issue 20). Every correction keeps the value it
/// replaced: one row per field changed, with who, when and the reason given.
/// The audit trail says *that* a record changed (ids and field names only);
/// this table says *from what to what*, so it holds identifying values and is
/// read only through a case the reader's scope covers.
///
/// Append-only like the audit trail, with one exception: purge may blank the
/// values of identifying fields (old_value/new_value to NULL), never anything
/// else, so a purged identity does not live on in its history.
enum HistorySchema {
    static let name = "v12: the record's history: corrections with earlier values and reasons"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE change_history (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                entity TEXT NOT NULL,
                entity_id INTEGER NOT NULL,
                referral_id INTEGER REFERENCES referral (id),
                field TEXT NOT NULL,
                old_value TEXT,
                new_value TEXT,
                identifying INTEGER NOT NULL CHECK (identifying IN (0, 1)),
                reason TEXT NOT NULL
            );
            CREATE INDEX change_history_by_referral ON change_history (referral_id, id) WHERE referral_id IS NOT NULL;
            CREATE INDEX change_history_by_entity ON change_history (entity, entity_id, id);
            CREATE TRIGGER change_history_no_delete BEFORE DELETE ON change_history
            BEGIN SELECT RAISE(ABORT, 'the record history is append-only'); END;
            CREATE TRIGGER change_history_no_update BEFORE UPDATE ON change_history
            WHEN new.id IS NOT old.id OR new.at IS NOT old.at OR new.actor IS NOT old.actor
              OR new.entity IS NOT old.entity OR new.entity_id IS NOT old.entity_id
              OR new.referral_id IS NOT old.referral_id OR new.field IS NOT old.field
              OR new.identifying IS NOT old.identifying OR new.reason IS NOT old.reason
              OR old.identifying = 0
              OR (new.old_value IS NOT NULL AND new.old_value IS NOT old.old_value)
              OR (new.new_value IS NOT NULL AND new.new_value IS NOT old.new_value)
            BEGIN SELECT RAISE(ABORT, 'the record history is append-only'); END;
            """)
    }
}
