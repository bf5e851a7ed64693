/// Migration v8: the safety flags on the referral, and the name search index.
///
/// `person_search` holds one row per name a person is found by (their own
/// name, an alias, a child's name on one of their referrals as victim),
/// folded by `NameFolding` (Core) because SQLite cannot remove accents for
/// the trigram tokenizer. The store writes it beside every name it writes;
/// rows of an alias or a child go with them (ON DELETE CASCADE). The FTS5
/// trigram table indexes the folded text for substrings (3 characters and
/// more); the plain index on `folded` serves exact and prefix matches and
/// queries of one or two characters. Triggers keep the FTS table in step
/// with `person_search` — it holds no text of its own (external content).
enum SafetyAndSearchSchema {
    static let sql = """
        ALTER TABLE referral ADD COLUMN safe_to_call TEXT CHECK (safe_to_call IN ('yes', 'no', 'unknown'));
        ALTER TABLE referral ADD COLUMN do_not_contact_at_home TEXT CHECK (do_not_contact_at_home IN ('yes', 'no'));
        ALTER TABLE referral ADD COLUMN perpetrator_unaware TEXT CHECK (perpetrator_unaware IN ('yes', 'no', 'unknown'));
        ALTER TABLE referral ADD COLUMN interpreter_language TEXT;
        CREATE TABLE person_search (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES person (id),
            source TEXT NOT NULL CHECK (source IN ('name', 'alias', 'child')),
            alias_id INTEGER REFERENCES person_alias (id) ON DELETE CASCADE,
            child_id INTEGER REFERENCES child (id) ON DELETE CASCADE,
            folded TEXT NOT NULL
        );
        CREATE INDEX person_search_by_folded ON person_search (folded);
        CREATE INDEX person_search_by_person ON person_search (person_id);
        CREATE INDEX person_search_by_alias ON person_search (alias_id) WHERE alias_id IS NOT NULL;
        CREATE INDEX person_search_by_child ON person_search (child_id) WHERE child_id IS NOT NULL;
        CREATE VIRTUAL TABLE person_search_text USING fts5 (folded, content = 'person_search', content_rowid = 'id', tokenize = 'trigram');
        CREATE TRIGGER person_search_added AFTER INSERT ON person_search
        BEGIN INSERT INTO person_search_text (rowid, folded) VALUES (new.id, new.folded); END;
        CREATE TRIGGER person_search_removed AFTER DELETE ON person_search
        BEGIN INSERT INTO person_search_text (person_search_text, rowid, folded) VALUES ('delete', old.id, old.folded); END;
        CREATE TRIGGER person_search_changed AFTER UPDATE ON person_search
        BEGIN
            INSERT INTO person_search_text (person_search_text, rowid, folded) VALUES ('delete', old.id, old.folded);
            INSERT INTO person_search_text (rowid, folded) VALUES (new.id, new.folded);
        END;
        """
}
