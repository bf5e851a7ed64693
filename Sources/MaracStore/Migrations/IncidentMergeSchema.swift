import GRDB

/// v22 (issue 23): incidents follow people through a merge and back, and a
/// purge reaches them.
///
/// `person_merge_move` names the rows a merge moved, but its `kind` CHECK
/// lists referral, alias and search rows only, and a CHECK is not altered
/// without rebuilding a table others refer to. Incidents moved by a merge are
/// named in a table of their own instead, so an unmerge moves back exactly
/// those rows. The perpetrator index lets a merge find the incidents naming
/// the other person by a seek, not a scan of every incident.
enum IncidentMergeSchema {
    static let name = "v22: incidents merged and purged"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE person_merge_incident_move (
                merge_id INTEGER NOT NULL REFERENCES person_merge (id),
                kind TEXT NOT NULL CHECK (kind IN ('victim', 'perpetrator')),
                incident_id INTEGER NOT NULL REFERENCES incident (id),
                PRIMARY KEY (merge_id, kind, incident_id)
            ) WITHOUT ROWID;
            CREATE INDEX incident_by_perpetrator ON incident (perpetrator_id) WHERE perpetrator_id IS NOT NULL;
            """)
    }
}
