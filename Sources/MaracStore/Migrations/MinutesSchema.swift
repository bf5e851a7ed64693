import GRDB

/// v23 (issue 22): minutes a chair signs, and the agency home read by index.
/// Who chaired a meeting and when it started and ended (a row once any is
/// recorded; the representatives' names go in `attendance.attendee`, which
/// the register has had since v1); and the unheard agenda items by referral,
/// so an agency's cases in scope are listed by index (`ScopeSQL.caseIDs`),
/// and aliases by person, for the names of a meeting's cases (minutes warn
/// when one is typed where every agency reads it).
enum MinutesSchema {
    static let name = "v23: minutes a chair signs"

    static let sql = """
        CREATE TABLE meeting_chair (
            meeting_id INTEGER PRIMARY KEY REFERENCES meeting (id) ON DELETE CASCADE,
            chair TEXT,
            started_at TEXT,
            ended_at TEXT,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL
        );
        CREATE INDEX agenda_item_unheard ON agenda_item (referral_id) WHERE heard = 0;
        CREATE INDEX person_alias_by_person ON person_alias (person_id);
        """

    static func migrate(_ db: Database) throws {
        try db.execute(sql: sql)
    }
}
