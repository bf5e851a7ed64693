import GRDB

/// v17 (issue 23): Clare's Law requests, and DARA beside DASH.
///
/// DARA is kept as its own instrument on the referral: four columns added
/// (plain fields of the field table), never a DASH score. A Domestic Violence
/// Disclosure Scheme request is one row: the people it concerns (existing
/// person records), its route and who asked, each step's date and details as
/// columns (a step is recorded once, in order: Core `DisclosureSteps`), and
/// `clock_stopped_on`, the day its 28-day clock stopped (disclosure, or a
/// decision not to disclose), so the open requests are one partial index.
enum DisclosureSchemeSchema {
    static let name = "v17: Clare's Law requests, DARA"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE referral ADD COLUMN risk_instrument TEXT CHECK (risk_instrument IN ('dash', 'dara'));
            ALTER TABLE referral ADD COLUMN dara_version TEXT;
            ALTER TABLE referral ADD COLUMN dara_grade TEXT CHECK (dara_grade IN ('standard', 'medium', 'high'));
            ALTER TABLE referral ADD COLUMN dara_rationale TEXT;
            CREATE TABLE disclosure_request (
                id INTEGER PRIMARY KEY,
                route TEXT NOT NULL CHECK (route IN ('right_to_ask', 'right_to_know')),
                requested_on TEXT NOT NULL,
                asked_by TEXT NOT NULL CHECK (asked_by IN ('person_at_risk', 'third_party', 'police', 'other_agency')),
                person_at_risk_id INTEGER NOT NULL REFERENCES person (id),
                subject_id INTEGER NOT NULL REFERENCES person (id),
                owner TEXT NOT NULL,
                contacted_on TEXT,
                checks_note TEXT,
                met_on TEXT,
                assessed_on TEXT,
                risk_level TEXT CHECK (risk_level IN ('standard', 'medium', 'high')),
                decided_on TEXT,
                decision TEXT CHECK (decision IN ('disclose', 'not_disclose')),
                decision_rationale TEXT,
                disclosed_on TEXT,
                disclosed_how TEXT,
                disclosed_to TEXT,
                safety_plan TEXT,
                outcome_on TEXT,
                outcome TEXT,
                clock_stopped_on TEXT,
                referral_id INTEGER REFERENCES referral (id),
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX disclosure_request_by_requested_on ON disclosure_request (requested_on, id);
            CREATE INDEX disclosure_request_open ON disclosure_request (requested_on, id) WHERE clock_stopped_on IS NULL;
            CREATE INDEX disclosure_request_by_person_at_risk ON disclosure_request (person_at_risk_id);
            CREATE INDEX disclosure_request_by_subject ON disclosure_request (subject_id);
            """)
    }
}
