import GRDB

/// v13 (issue 20): near matches looked up by index, people merged (and
/// unmerged exactly), and pairs a coordinator has said are two people.
enum NearMatchSchema {
    static let name = "v13: near matches, person merges and dismissed pairs"

    static let sql = """
        ALTER TABLE person ADD COLUMN merged_into INTEGER REFERENCES person (id);
        CREATE INDEX person_by_role_dob ON person (role, dob, name_key) WHERE dob IS NOT NULL;
        CREATE INDEX person_by_merged_into ON person (merged_into) WHERE merged_into IS NOT NULL;
        CREATE TABLE person_merge (
            id INTEGER PRIMARY KEY,
            keep_id INTEGER NOT NULL REFERENCES person (id),
            other_id INTEGER NOT NULL REFERENCES person (id),
            reason TEXT NOT NULL,
            forced INTEGER NOT NULL DEFAULT 0 CHECK (forced IN (0, 1)),
            alias_id INTEGER,
            merged_at TEXT NOT NULL,
            merged_by TEXT NOT NULL,
            unmerged_at TEXT,
            unmerged_by TEXT
        );
        CREATE INDEX person_merge_by_other ON person_merge (other_id, id);
        CREATE INDEX person_merge_by_keep ON person_merge (keep_id, id);
        CREATE TABLE person_merge_move (
            merge_id INTEGER NOT NULL REFERENCES person_merge (id),
            kind TEXT NOT NULL CHECK (kind IN ('victim', 'perpetrator', 'alias', 'search')),
            row_id INTEGER NOT NULL,
            PRIMARY KEY (merge_id, kind, row_id)
        ) WITHOUT ROWID;
        CREATE TABLE person_pair_dismissed (
            low_id INTEGER NOT NULL REFERENCES person (id),
            high_id INTEGER NOT NULL REFERENCES person (id),
            reason TEXT NOT NULL,
            dismissed_at TEXT NOT NULL,
            dismissed_by TEXT NOT NULL,
            PRIMARY KEY (low_id, high_id),
            CHECK (low_id < high_id)
        ) WITHOUT ROWID;
        """

    static func migrate(_ db: Database) throws { try db.execute(sql: sql) }
}
