-- marac schema: the reviewed, complete schema. The migrations in
-- Sources/MaracStore/Migrations/ must produce exactly this
-- (Tests/MaracStoreTests/SchemaTests.swift checks it).
-- Dates are TEXT 'YYYY-MM-DD'; timestamps are TEXT ISO 8601 UTC.

CREATE TABLE setting (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The 14 SafeLives referral routes (is_route = 1) and local agencies.
CREATE TABLE agency (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    is_route INTEGER NOT NULL DEFAULT 0 CHECK (is_route IN (0, 1))
, age_recipient TEXT) WITHOUT ROWID;
-- (v5) age_recipient: the agency's age public key (`age1…`) that circulation
-- packs are encrypted to; NULL until the coordinator stores one.

-- Victims and perpetrators. name_key is the normalised name used to match the
-- same person across referrals (with dob).
CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('victim', 'perpetrator')),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    dob TEXT,
    gender TEXT NOT NULL DEFAULT 'unknown' CHECK (gender IN ('female', 'male', 'other', 'unknown')),
    ethnicity TEXT NOT NULL DEFAULT 'unknown' CHECK (ethnicity IN ('white', 'mixed', 'asian', 'black', 'other', 'unknown')),
    disability TEXT NOT NULL DEFAULT 'unknown' CHECK (disability IN ('yes', 'no', 'unknown')),
    lgbt TEXT NOT NULL DEFAULT 'unknown' CHECK (lgbt IN ('yes', 'no', 'unknown')),
    postcode TEXT,
    postcode_district TEXT
, purged_on TEXT, merged_into INTEGER REFERENCES person (id));
CREATE INDEX person_by_identity ON person (role, name_key, dob);
-- Search by date of birth or postcode.
CREATE INDEX person_by_dob ON person (dob) WHERE dob IS NOT NULL;
CREATE INDEX person_by_postcode ON person (postcode) WHERE postcode IS NOT NULL;

CREATE TABLE person_alias (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    UNIQUE (person_id, name_key)
);
CREATE INDEX person_alias_by_name ON person_alias (name_key);

-- (v15) cancelled_on and cancel_reason came by ALTER TABLE: a cancelled
-- meeting keeps its row (actions, attendance and research refer to it) and
-- reads as status 'cancelled'; the status CHECK is unchanged.
CREATE TABLE meeting (
    id INTEGER PRIMARY KEY,
    held_on TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held')),
    confidentiality_signed INTEGER NOT NULL DEFAULT 0 CHECK (confidentiality_signed IN (0, 1)),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
, cancelled_on TEXT, cancel_reason TEXT);

-- police_reference (v2), keyworker (v4), the consent decision (v7), the
-- safety flags (v8), abuse_types (v16) and DARA (v17: risk_instrument, dara_*)
-- came by ALTER TABLE, so they close the column list. (v7
-- widened the consent CHECK to allow 'not_sought'; 'not_required' is its old
-- name, no longer written.)
CREATE TABLE referral (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    referred_on TEXT NOT NULL,
    referring_agency TEXT NOT NULL REFERENCES agency (code),
    second_agency TEXT REFERENCES agency (code),
    referrer TEXT,
    victim_id INTEGER NOT NULL REFERENCES person (id),
    perpetrator_id INTEGER REFERENCES person (id),
    relationship TEXT,
    children_in_household INTEGER NOT NULL DEFAULT 0 CHECK (children_in_household >= 0),
    ric_version TEXT NOT NULL DEFAULT 'safelives-24' CHECK (ric_version IN ('safelives-24', 'police-27')),
    ric_answers TEXT,
    ric_score INTEGER CHECK (ric_score IS NULL OR ric_score BETWEEN 0 AND 27),
    risk_band TEXT NOT NULL CHECK (risk_band IN ('high', 'medium', 'standard', 'not_completed')),
    criteria TEXT NOT NULL DEFAULT '',
    professional_judgement_reason TEXT,
    police_incidents_12m INTEGER CHECK (police_incidents_12m IS NULL OR police_incidents_12m >= 0),
    consent TEXT NOT NULL DEFAULT 'unknown' CHECK (consent IN ('given', 'not_given', 'not_sought', 'not_required', 'unknown')),
    consent_note TEXT,
    is_repeat INTEGER NOT NULL DEFAULT 0 CHECK (is_repeat IN (0, 1)),
    status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'screened_in', 'declined', 'listed', 'heard', 'actions_open', 'closed', 'lapsed')),
    decline_reason TEXT,
    relisted_after_lapse INTEGER NOT NULL DEFAULT 0 CHECK (relisted_after_lapse IN (0, 1)),
    heard_on TEXT,
    -- The victim and perpetrator as recorded at referral, for figures only:
    -- ages and the postcode district, never identities. Kept on the referral
    -- so a year's figures are index scans, with no join per case.
    victim_age INTEGER,
    victim_district TEXT,
    victim_gender TEXT NOT NULL DEFAULT 'unknown',
    victim_ethnicity TEXT NOT NULL DEFAULT 'unknown',
    victim_disability TEXT NOT NULL DEFAULT 'unknown',
    victim_lgbt TEXT NOT NULL DEFAULT 'unknown',
    perpetrator_age INTEGER,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
, police_reference TEXT, keyworker TEXT, sharing_reason TEXT CHECK (sharing_reason IS NULL OR sharing_reason IN ('high_risk_of_serious_harm', 'consent_would_increase_risk', 'lacks_capacity', 'other')), lawful_basis TEXT REFERENCES lawful_basis (code), consent_decided_by TEXT, consent_decided_at TEXT, safe_to_call TEXT CHECK (safe_to_call IN ('yes', 'no', 'unknown')), do_not_contact_at_home TEXT CHECK (do_not_contact_at_home IN ('yes', 'no')), perpetrator_unaware TEXT CHECK (perpetrator_unaware IN ('yes', 'no', 'unknown')), interpreter_language TEXT, abuse_types TEXT, risk_instrument TEXT CHECK (risk_instrument IN ('dash', 'dara')), dara_version TEXT, dara_grade TEXT CHECK (dara_grade IN ('standard', 'medium', 'high')), dara_rationale TEXT, previous_marac TEXT, previous_marac_on TEXT);
-- Lists newest first, paged by (referred_on, id). The extra columns cover the
-- figures' scans of a period (month, band, source, repeats, victim) so they
-- never read the wide referral rows.
CREATE INDEX referral_by_referred_on ON referral (referred_on, risk_band, referring_agency, second_agency, is_repeat, victim_id, victim_age, victim_district);
CREATE INDEX referral_by_status ON referral (status, referred_on);
CREATE INDEX referral_by_band ON referral (risk_band, referred_on);
CREATE INDEX referral_by_agency ON referral (referring_agency, referred_on);
-- Repeat detection and a person's case history.
CREATE INDEX referral_by_victim ON referral (victim_id, referred_on);
-- (v19) With the date and victim since v19: the serial perpetrator flag
-- counts a perpetrator's different victims in a window from the index alone.
CREATE INDEX referral_by_perpetrator ON referral (perpetrator_id, referred_on, victim_id);
-- Figures count cases by the day they were heard; covering, as above.
CREATE INDEX referral_by_heard_on ON referral (heard_on, is_repeat, children_in_household, referring_agency, second_agency, victim_age, victim_gender, victim_ethnicity, victim_disability, victim_lgbt, perpetrator_age) WHERE heard_on IS NOT NULL;

CREATE TABLE child (
    id INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referral (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    dob TEXT,
    lives_with TEXT
);
CREATE INDEX child_by_referral ON child (referral_id);

CREATE TABLE agenda_item (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    referral_id INTEGER NOT NULL REFERENCES referral (id),
    position INTEGER NOT NULL,
    heard INTEGER NOT NULL DEFAULT 0 CHECK (heard IN (0, 1)),
    information_shared TEXT,
    UNIQUE (meeting_id, referral_id)
);
CREATE INDEX agenda_item_by_referral ON agenda_item (referral_id);

-- (v15, Sources/MaracStore/Migrations/SharedByAgencySchema.swift) What was
-- shared about a case at a meeting, entry by entry, each naming its agency
-- (NULL: "agency not recorded", the text kept on agenda_item before v15,
-- moved here; agenda_item.information_shared is no longer written). An entry
-- is corrected in place or withdrawn (withdrawn_at); the record's history
-- keeps the earlier text. Purge replaces the text with the marker.
CREATE TABLE information_shared (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meeting (id),
                referral_id INTEGER NOT NULL REFERENCES referral (id),
                agency TEXT REFERENCES agency (code),
                text TEXT NOT NULL,
                recorded_on TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                withdrawn_at TEXT,
                version INTEGER NOT NULL DEFAULT 1
            );
CREATE INDEX information_shared_by_meeting ON information_shared (meeting_id, referral_id, id);
CREATE INDEX information_shared_by_referral ON information_shared (referral_id, id);

-- v9: a case's place within its agenda section, set by hand by the
-- coordinator (no row: ordered by risk). The section itself is never stored:
-- it follows from the case, so no hand order can move a case out of it.
CREATE TABLE agenda_item_place (
    agenda_item_id INTEGER PRIMARY KEY REFERENCES agenda_item (id) ON DELETE CASCADE,
    hand_position INTEGER NOT NULL CHECK (hand_position >= 1)
);

CREATE TABLE attendance (
    meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    agency TEXT NOT NULL REFERENCES agency (code),
    attendee TEXT,
    signed_confidentiality INTEGER NOT NULL DEFAULT 0 CHECK (signed_confidentiality IN (0, 1)),
    PRIMARY KEY (meeting_id, agency)
) WITHOUT ROWID;

CREATE TABLE action (
    id INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referral (id),
    meeting_id INTEGER REFERENCES meeting (id),
    agency TEXT NOT NULL REFERENCES agency (code),
    owner TEXT NOT NULL,
    description TEXT NOT NULL,
    due_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'incomplete')),
    completion_note TEXT,
    incomplete_reason TEXT,
    closed_on TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX action_by_status_due ON action (status, due_on);
CREATE INDEX action_by_agency ON action (agency, status, due_on);
CREATE INDEX action_by_referral ON action (referral_id);
CREATE INDEX action_by_due ON action (due_on);
-- Figures: actions agreed at the meetings of a period.
CREATE INDEX action_by_meeting ON action (meeting_id);

-- Who changed what, when: one row per change, written in the same
-- transaction as the change. detail names fields, never identities.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    detail TEXT NOT NULL DEFAULT ''
, seq INTEGER, hash BLOB);
CREATE INDEX audit_by_entity ON audit (entity, entity_id);
-- (v3) seq and hash above were added by ALTER TABLE, which is why they sit on
-- the closing line: SQLite stores the table's SQL that way.

-- (v3, Sources/MaracStore/AuditChainSchema.swift) The audit trail is one hash
-- chain over audit and access rows: seq is the row's position in one shared
-- sequence, hash = SHA-256(previous row's hash || the row's canonical content).
-- `marac audit verify` recomputes it (docs/audit.md).

-- Who saw identifying data: one row per read, with the ids of the referrals
-- and people shown (never search text). kind 'break_glass' is a case opened
-- outside the reader's scope, with the reason given.
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

-- `marac audit access REF` and `--person ID` are index lookups here.
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

-- Append-only: no row of the trail can be changed or removed through SQL
-- (someone with the file can drop these; the chain then shows it).
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

-- (v4) The people who use marac: an OS login with roles (coordinator, idva,
-- agency, analyst, admin; ;-separated). Never deleted: the audit names them.
CREATE TABLE app_user (
                    login TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    roles TEXT NOT NULL,
                    agency TEXT REFERENCES agency (code),
                    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                    created_at TEXT NOT NULL,
                    created_by TEXT NOT NULL
                ) WITHOUT ROWID;
-- An IDVA's scope: the cases they referred or are keyworker for.
CREATE INDEX referral_by_creator ON referral (created_by);
CREATE INDEX referral_by_keyworker ON referral (keyworker) WHERE keyworker IS NOT NULL;

-- (v5) The MARAC's own age identity, made on first need: packs written for the
-- coordinator and files agencies send back are encrypted to its public key.
-- The secret key is never printed or exported; it is as safe as this file.
CREATE TABLE marac_key (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    secret_key TEXT NOT NULL,
                    public_key TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    created_by TEXT NOT NULL
                );

-- (v6, Sources/MaracStore/Migrations/ResearchSchema.swift) Each agency's
-- research return for a case on a meeting's agenda. History is kept: a later
-- return by the same agency is a new row and the newest is current, so no
-- text is ever overwritten. on_behalf: recorded by the coordinator for an
-- agency without an account; source: typed ('entered') or from a returned
-- research list ('file').
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
-- A meeting's returns, a case's, an agency's newest: one index range each.
CREATE INDEX research_return_by_item ON research_return (meeting_id, referral_id, agency, id);
CREATE INDEX research_return_by_referral ON research_return (referral_id);
-- Chase lists: open actions due by a day, agency by agency.
CREATE INDEX action_by_agency_open_due ON action (status, agency, due_on);

-- (v7) The MARAC's lawful bases for sharing a case without consent; a
-- referral's lawful_basis is one of these codes.
CREATE TABLE lawful_basis (
    code TEXT PRIMARY KEY NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) WITHOUT ROWID;
-- Figures: cases heard that were shared without consent.
CREATE INDEX referral_heard_without_consent ON referral (heard_on) WHERE heard_on IS NOT NULL AND consent IN ('not_given', 'not_sought');
-- (v7) One row per purge run: who, when, under which retention setting, how
-- many victims' cases, perpetrators and referrals lost their identities.
-- person.purged_on (v7) marks a person whose identity was purged.
CREATE TABLE purge_record (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    actor TEXT NOT NULL,
    retention_months INTEGER NOT NULL,
    cutoff TEXT NOT NULL,
    victims INTEGER NOT NULL DEFAULT 0,
    perpetrators INTEGER NOT NULL DEFAULT 0,
    referrals INTEGER NOT NULL DEFAULT 0
);

-- (v8) The name search index: every name a person is found by, folded by
-- Core (NameFolding); FTS5 trigram for substrings, the plain index for exact,
-- prefix and short queries. See SafetyAndSearchSchema.swift.
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
-- (v10) No trigger on insert: PersonSearchIndex writes the full-text row
-- beside each person_search row (a trigger made FTS5 flush at every statement
-- savepoint). Removal and change are still kept in step by triggers.
CREATE TRIGGER person_search_removed AFTER DELETE ON person_search
BEGIN INSERT INTO person_search_text (person_search_text, rowid, folded) VALUES ('delete', old.id, old.folded); END;
CREATE TRIGGER person_search_changed AFTER UPDATE ON person_search
BEGIN
    INSERT INTO person_search_text (person_search_text, rowid, folded) VALUES ('delete', old.id, old.folded);
    INSERT INTO person_search_text (rowid, folded) VALUES (new.id, new.folded);
END;


-- (v12, Sources/MaracStore/Migrations/HistorySchema.swift) The record's
-- history: one row per field a correction changed, from what to what, who,
-- when and why. Holds identifying values (unlike audit.detail), so it is read
-- only through a case in the reader's scope. Append-only, except that purge
-- blanks the values of identifying fields.
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

-- (v13, Sources/MaracStore/Migrations/NearMatchSchema.swift) Issue 20.
-- person.merged_into (above): a person merged into another keeps their row, so
-- ids stay valid; lists, search and matching follow it to the one kept.
-- Near matches at intake: the same date of birth, by index (NearMatch in Core).
CREATE INDEX person_by_role_dob ON person (role, dob, name_key) WHERE dob IS NOT NULL;
CREATE INDEX person_by_merged_into ON person (merged_into) WHERE merged_into IS NOT NULL;
-- One row per merge: who, why, and (with person_merge_move, the ids of every
-- referral, alias and search entry moved) enough to undo it exactly.
-- alias_id: the alias made of the other's name (NULL: the kept one had it).
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
-- Pairs a coordinator has said are two people: never offered again.
CREATE TABLE person_pair_dismissed (
            low_id INTEGER NOT NULL REFERENCES person (id),
            high_id INTEGER NOT NULL REFERENCES person (id),
            reason TEXT NOT NULL,
            dismissed_at TEXT NOT NULL,
            dismissed_by TEXT NOT NULL,
            PRIMARY KEY (low_id, high_id),
            CHECK (low_id < high_id)
        ) WITHOUT ROWID;

-- (v14) The figures' referrals by victim's age and postcode district: one
-- range count per (district, age) pair found by index seeks, instead of
-- sorting every referral of the period (AgeDistrictCounts, issue 21).
CREATE INDEX referral_by_district_age ON referral (victim_district, victim_age, referred_on);

-- (v16, Sources/MaracStore/Migrations/IncidentSchema.swift) Issue 23. A
-- referral's abuse types (referral.abuse_types, codes with ';' between) are
-- kept one row per type in referral_abuse_type by trigger, matched against
-- the twelve codes of abuse_type, so the figures count by type with an
-- index. An incident heard of between meetings: its victim, the referral it
-- was matched to, its finding against RepeatRule (repeat: refer back;
-- lapsed: offer a new referral; other_perpetrator) and the referral it
-- became (referred_as_id).
CREATE TABLE abuse_type (
    code TEXT PRIMARY KEY NOT NULL,
    words TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE referral_abuse_type (
    referral_id INTEGER NOT NULL REFERENCES referral (id) ON DELETE CASCADE,
    type TEXT NOT NULL REFERENCES abuse_type (code),
    PRIMARY KEY (referral_id, type)
) WITHOUT ROWID;
CREATE INDEX referral_abuse_type_by_type ON referral_abuse_type (type, referral_id);
CREATE TRIGGER referral_abuse_types_added AFTER INSERT ON referral WHEN NEW.abuse_types IS NOT NULL
BEGIN
    INSERT INTO referral_abuse_type (referral_id, type)
    SELECT NEW.id, code FROM abuse_type WHERE instr(';' || NEW.abuse_types || ';', ';' || code || ';') > 0;
END;
CREATE TRIGGER referral_abuse_types_changed AFTER UPDATE OF abuse_types ON referral
WHEN NEW.abuse_types IS NOT OLD.abuse_types
BEGIN
    DELETE FROM referral_abuse_type WHERE referral_id = NEW.id;
    INSERT INTO referral_abuse_type (referral_id, type)
    SELECT NEW.id, code FROM abuse_type WHERE instr(';' || coalesce(NEW.abuse_types, '') || ';', ';' || code || ';') > 0;
END;
CREATE TABLE incident (
    id INTEGER PRIMARY KEY,
    victim_id INTEGER NOT NULL REFERENCES person (id),
    referral_id INTEGER REFERENCES referral (id),
    occurred_on TEXT NOT NULL,
    agency TEXT NOT NULL REFERENCES agency (code),
    abuse_types TEXT NOT NULL,
    crime_reported INTEGER NOT NULL CHECK (crime_reported IN (0, 1)),
    perpetrator_id INTEGER REFERENCES person (id),
    summary TEXT NOT NULL,
    agency_reference TEXT,
    finding TEXT NOT NULL CHECK (finding IN ('repeat', 'lapsed', 'other_perpetrator')),
    referred_as_id INTEGER REFERENCES referral (id),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX incident_by_victim ON incident (victim_id, occurred_on);
CREATE INDEX incident_by_agency ON incident (agency, occurred_on);
CREATE INDEX incident_by_occurred_on ON incident (occurred_on, agency, finding);
CREATE INDEX incident_to_refer ON incident (id) WHERE finding = 'repeat' AND referred_as_id IS NULL;
CREATE INDEX incident_by_referral_made ON incident (referred_as_id) WHERE referred_as_id IS NOT NULL;
CREATE TABLE incident_abuse_type (
    incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    type TEXT NOT NULL REFERENCES abuse_type (code),
    PRIMARY KEY (incident_id, type)
) WITHOUT ROWID;
CREATE INDEX incident_abuse_type_by_type ON incident_abuse_type (type, incident_id);
CREATE TRIGGER incident_abuse_types_added AFTER INSERT ON incident
BEGIN
    INSERT INTO incident_abuse_type (incident_id, type)
    SELECT NEW.id, code FROM abuse_type WHERE instr(';' || NEW.abuse_types || ';', ';' || code || ';') > 0;
END;
-- (v17, Sources/MaracStore/Migrations/DisclosureSchemeSchema.swift) Clare's
-- Law (Domestic Violence Disclosure Scheme) requests: the people concerned,
-- route, who asked, each step's date and details (recorded once, in order),
-- and the day the 28-day clock stopped; open requests by a partial index.
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
-- (v18, Sources/MaracStore/Migrations/CaseTransferSchema.swift) Issue 25:
-- cases moving between MARACs. referral.previous_marac and previous_marac_on
-- (above, by ALTER TABLE): "referred to another MARAC before: where, when",
-- plain fields of the field table. marac_peer: the other MARACs and their age
-- public keys (bundles out and acknowledgements back are encrypted to them).
-- case_transfer: one row per bundle sent (out) or taken in (in), its state
-- (pending -> accepted | rejected -> done), the flowchart's answers (JSON),
-- the content's SHA-256 and the decision; (direction, bundle_id) is unique,
-- so a bundle is taken in once. transfer_record: the history a case brought
-- with it (earlier referrals, hearings, what was shared, actions, research
-- returns, corrections), read-only by trigger.
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

-- v20: transfer records purgeable. Purge may replace a transferred record's
-- fields with {"purged":"[purged]"} (the one value allowed), nothing else.
DROP TRIGGER transfer_record_no_update;
CREATE TRIGGER transfer_record_no_update BEFORE UPDATE ON transfer_record
WHEN new.id IS NOT old.id OR new.transfer_id IS NOT old.transfer_id OR new.kind IS NOT old.kind
  OR new.referral_ref IS NOT old.referral_ref OR new.fields IS NOT '{"purged":"[purged]"}'
BEGIN SELECT RAISE(ABORT, 'a transferred history is read-only'); END;
-- (v20) The transfers' signing keys: this MARAC's Ed25519 secret beside its
-- age key (made when first needed), and each peer MARAC's signing public key.
ALTER TABLE marac_key ADD COLUMN signing_key TEXT;
ALTER TABLE marac_peer ADD COLUMN signing_key TEXT;
-- v22: incidents merged and purged. The incidents a merge moved (kind: which
-- column named the other person), so an unmerge moves back exactly those.
CREATE TABLE person_merge_incident_move (
                merge_id INTEGER NOT NULL REFERENCES person_merge (id),
                kind TEXT NOT NULL CHECK (kind IN ('victim', 'perpetrator')),
                incident_id INTEGER NOT NULL REFERENCES incident (id),
                PRIMARY KEY (merge_id, kind, incident_id)
            ) WITHOUT ROWID;
-- (v24, Sources/MaracStore/Migrations/RankingSchema.swift) The serial count
-- and the harm ranking read a perpetrator's incidents by date and victim:
-- v22's index on the perpetrator alone, widened (it contains it).
CREATE INDEX incident_by_perpetrator ON incident (perpetrator_id, occurred_on, victim_id) WHERE perpetrator_id IS NOT NULL;
-- (v21: perpetrator panel) The perpetrator panel (issue 24): meetings,
-- attendance, referrals of perpetrators, agenda listings, decisions and
-- interventions with review dates. One referral of a perpetrator on the panel at a time.
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
-- (v23: minutes a chair signs, Sources/MaracStore/Migrations/MinutesSchema.swift)
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
