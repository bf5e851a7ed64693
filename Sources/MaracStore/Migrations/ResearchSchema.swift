import GRDB

/// Agencies' research returns for the cases on a meeting's agenda.
///
/// Kept as history: a later return by the same agency for the same case and
/// meeting is a new row, and the newest row is the agency's return; earlier
/// ones stay (the minutes say a return was revised), so no text an agency sent
/// is ever lost or silently overwritten, and there is no version to check.
/// `on_behalf` marks a return the coordinator recorded for an agency without an
/// account; `source` says whether it was typed or loaded from a returned list.
enum ResearchSchema {
    static let name = "v6: agency research returns, action escalation"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE research_return (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meeting (id),
                referral_id INTEGER NOT NULL REFERENCES referral (id),
                agency TEXT NOT NULL REFERENCES agency (code),
                known INTEGER NOT NULL CHECK (known IN (0, 1)),
                summary TEXT NOT NULL,
                current_risks TEXT NOT NULL,
                returned_on TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                on_behalf INTEGER NOT NULL CHECK (on_behalf IN (0, 1)),
                source TEXT NOT NULL CHECK (source IN ('entered', 'file')),
                recorded_at TEXT NOT NULL
            );
            CREATE INDEX research_return_by_item ON research_return (meeting_id, referral_id, agency, id);
            CREATE INDEX research_return_by_referral ON research_return (referral_id);
            CREATE INDEX action_by_agency_open_due ON action (status, agency, due_on);
            """)
    }
}
