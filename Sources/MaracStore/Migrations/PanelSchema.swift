import GRDB

/// v21 (issue 24): the perpetrator panel. Its meetings and attendance, the
/// referrals of perpetrators to it, where each sits on an agenda, the
/// panel's decisions and the interventions that follow, each with a review
/// date chased as actions are. New tables only: nothing is rebuilt.
///
/// `panel_referral (perpetrator_id, state)` is what a list of perpetrators
/// "not yet referred" joins; one referral per perpetrator may be on the
/// panel (open or decided) at a time, held by a partial unique index.
enum PanelSchema {
    static let name = "v21: perpetrator panel"

    static let sql = """
        CREATE TABLE panel_meeting (
            id INTEGER PRIMARY KEY,
            held_on TEXT NOT NULL UNIQUE,
            chair TEXT,
            status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held')),
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE TABLE panel_attendance (
            panel_meeting_id INTEGER NOT NULL REFERENCES panel_meeting (id),
            agency TEXT NOT NULL REFERENCES agency (code),
            PRIMARY KEY (panel_meeting_id, agency)
        ) WITHOUT ROWID;
        CREATE TABLE panel_referral (
            id INTEGER PRIMARY KEY,
            perpetrator_id INTEGER NOT NULL REFERENCES person (id),
            referred_on TEXT NOT NULL,
            referred_by TEXT NOT NULL,
            from_referral_id INTEGER REFERENCES referral (id),
            criteria TEXT NOT NULL,
            reason TEXT NOT NULL CHECK (trim(reason) <> ''),
            state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'decided', 'closed')),
            closed_on TEXT,
            created_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX panel_referral_on_panel ON panel_referral (perpetrator_id) WHERE state <> 'closed';
        CREATE INDEX panel_referral_by_perpetrator ON panel_referral (perpetrator_id, state);
        CREATE INDEX panel_referral_by_referred_on ON panel_referral (referred_on, criteria);
        CREATE INDEX panel_referral_by_state ON panel_referral (state, id);
        CREATE TABLE panel_listing (
            panel_meeting_id INTEGER NOT NULL REFERENCES panel_meeting (id),
            panel_referral_id INTEGER NOT NULL REFERENCES panel_referral (id),
            kind TEXT NOT NULL CHECK (kind IN ('new', 'review', 'closure')),
            position INTEGER NOT NULL,
            PRIMARY KEY (panel_meeting_id, panel_referral_id)
        ) WITHOUT ROWID;
        CREATE INDEX panel_listing_by_referral ON panel_listing (panel_referral_id, panel_meeting_id);
        CREATE TABLE panel_decision (
            id INTEGER PRIMARY KEY,
            panel_referral_id INTEGER NOT NULL REFERENCES panel_referral (id),
            panel_meeting_id INTEGER NOT NULL REFERENCES panel_meeting (id),
            decision TEXT NOT NULL CHECK (decision IN ('drive', 'other_programme', 'disruption', 'enforcement', 'diversion', 'support', 'no_further_action')),
            reason TEXT NOT NULL CHECK (trim(reason) <> ''),
            decided_on TEXT NOT NULL,
            decided_by TEXT NOT NULL
        );
        CREATE INDEX panel_decision_by_referral ON panel_decision (panel_referral_id, id);
        CREATE INDEX panel_decision_by_meeting ON panel_decision (panel_meeting_id);
        CREATE INDEX panel_decision_by_decided_on ON panel_decision (decided_on, decision, panel_referral_id);
        CREATE TABLE panel_intervention (
            id INTEGER PRIMARY KEY,
            panel_referral_id INTEGER NOT NULL REFERENCES panel_referral (id),
            type TEXT NOT NULL CHECK (type IN ('drive', 'other_programme', 'disruption', 'enforcement', 'diversion', 'support')),
            owner_agency TEXT NOT NULL REFERENCES agency (code),
            start_on TEXT NOT NULL,
            end_on TEXT,
            outcome TEXT CHECK (outcome IN ('engaged', 'completed', 'disengaged', 'breached')),
            review_due TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE INDEX panel_intervention_by_referral ON panel_intervention (panel_referral_id, id);
        CREATE INDEX panel_intervention_by_start ON panel_intervention (start_on, type, outcome);
        CREATE INDEX panel_intervention_to_review ON panel_intervention (review_due) WHERE outcome IS NULL OR outcome = 'engaged';
        """

    static func migrate(_ db: Database) throws { try db.execute(sql: sql) }
}
