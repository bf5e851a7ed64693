import GRDB
import MaracCore

/// Reads and writes of the perpetrator panel (issue 24). Decides nothing:
/// the use cases check the rules and the policy first. Every query is one
/// index range (schema.sql, v21).
package struct PanelService: Sendable {
    package let clock: Clock

    package init(clock: Clock) { self.clock = clock }

    // MARK: meetings

    static let meetingSelection = """
        m.id, m.held_on, m.chair, m.status, (SELECT COUNT(*) FROM panel_listing l WHERE l.panel_meeting_id = m.id) AS listed
        """

    static func meeting(_ row: Row) throws -> PanelMeetingRecord {
        let r = RecordReader(row, table: "panel_meeting")
        return PanelMeetingRecord(id: try r.value("id"), heldOn: try r.day("held_on"), chair: try r.value("chair"),
                                  status: try r.value("status"), listed: try r.value("listed"))
    }

    package func insertMeeting(_ db: Database, on day: Day, chair: String?, by actor: Actor) throws -> Int64 {
        try db.execute(sql: "INSERT INTO panel_meeting (held_on, chair, status, created_at, created_by) VALUES (?, ?, 'planned', ?, ?)",
                       arguments: [day.description, chair, clock.timestamp, actor.name])
        return db.lastInsertedRowID
    }

    package func meeting(_ db: Database, on day: Day) throws -> PanelMeetingRecord? {
        try Row.fetchOne(db, sql: "SELECT \(Self.meetingSelection) FROM panel_meeting m WHERE m.held_on = ?",
                         arguments: [day.description]).map(Self.meeting)
    }

    package func meeting(_ db: Database, id: Int64) throws -> PanelMeetingRecord? {
        try Row.fetchOne(db, sql: "SELECT \(Self.meetingSelection) FROM panel_meeting m WHERE m.id = ?", arguments: [id]).map(Self.meeting)
    }

    /// Newest first, a page at a time (cursor: the last date shown).
    package func meetings(_ db: Database, limit: Int, before cursor: Day?) throws -> Page<PanelMeetingRecord> {
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(Self.meetingSelection) FROM panel_meeting m WHERE m.held_on < ? ORDER BY m.held_on DESC LIMIT ?
            """, arguments: [cursor?.description ?? "9999-12-31", limit + 1]).map(Self.meeting)
        return Page(items: Array(rows.prefix(limit)), next: rows.count > limit ? rows[limit - 1].heldOn.description : nil)
    }

    /// The first planned panel meeting on or after `day`.
    package func nextPlanned(_ db: Database, from day: Day) throws -> PanelMeetingRecord? {
        try Row.fetchOne(db, sql: """
            SELECT \(Self.meetingSelection) FROM panel_meeting m WHERE m.held_on >= ? AND m.status = 'planned' ORDER BY m.held_on LIMIT 1
            """, arguments: [day.description]).map(Self.meeting)
    }

    package func markHeld(_ db: Database, meetingID: Int64) throws {
        try db.execute(sql: "UPDATE panel_meeting SET status = 'held' WHERE id = ?", arguments: [meetingID])
    }

    package func markPresent(_ db: Database, meetingID: Int64, agencies: [String]) throws {
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO panel_attendance (panel_meeting_id, agency) VALUES (?, ?)")
        for agency in agencies { try insert.execute(arguments: [meetingID, agency]) }
    }

    package func attendance(_ db: Database, meetingID: Int64) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT agency FROM panel_attendance WHERE panel_meeting_id = ? ORDER BY agency", arguments: [meetingID])
    }

    package func attended(_ db: Database, meetingID: Int64, agency: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM panel_attendance WHERE panel_meeting_id = ? AND agency = ?",
                          arguments: [meetingID, agency]) == true
    }

    // MARK: referrals

    /// The perpetrator's referral still on the panel (open or decided), if any.
    package func onPanel(_ db: Database, perpetratorID: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM panel_referral WHERE perpetrator_id = ? AND state <> 'closed'", arguments: [perpetratorID])
    }

    package func insertReferral(_ db: Database, perpetratorID: Int64, referredOn: Day, by actor: Actor, fromReferralID: Int64?,
                                criteria: [PanelCriterion], reason: String) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO panel_referral (perpetrator_id, referred_on, referred_by, from_referral_id, criteria, reason, state, created_at)
            VALUES (?, ?, ?, ?, ?, ?, 'open', ?)
            """, arguments: [perpetratorID, referredOn.description, actor.name, fromReferralID, PanelCriterion.text(criteria), reason,
                             clock.timestamp])
        return db.lastInsertedRowID
    }

    static let referralSelection = """
        pr.id, pr.perpetrator_id, p.name AS perpetrator_name, pr.referred_on, pr.referred_by, fr.ref AS from_ref, pr.criteria,
        pr.reason, pr.state, d.decision, d.reason AS decision_reason, d.decided_on
        """
    static let referralJoins = """
        JOIN person p ON p.id = pr.perpetrator_id
        LEFT JOIN referral fr ON fr.id = pr.from_referral_id
        LEFT JOIN panel_decision d ON d.id = (SELECT MAX(id) FROM panel_decision WHERE panel_referral_id = pr.id)
        """

    static func referral(_ row: Row) throws -> PanelReferralRecord {
        let r = RecordReader(row, table: "panel_referral")
        return PanelReferralRecord(
            id: try r.value("id"), perpetratorID: try r.value("perpetrator_id"), perpetratorName: try r.value("perpetrator_name"),
            referredOn: try r.day("referred_on"), referredBy: try r.value("referred_by"), fromReferralRef: try r.value("from_ref"),
            criteria: PanelCriterion.parse(try r.value("criteria")), reason: try r.value("reason"), state: try r.code("state"),
            decision: try r.optionalCode("decision"), decisionReason: try r.value("decision_reason"), decidedOn: try r.optionalDay("decided_on"))
    }

    /// A perpetrator's panel referrals, newest first (`panel_referral_by_perpetrator`), for their page.
    package func referrals(_ db: Database, perpetratorID: Int64, limit: Int) throws -> [PanelReferralRecord] {
        try Row.fetchAll(db, sql: """
            SELECT \(Self.referralSelection) FROM panel_referral pr \(Self.referralJoins)
            WHERE pr.perpetrator_id = ? ORDER BY pr.referred_on DESC, pr.id DESC LIMIT ?
            """, arguments: [perpetratorID, limit]).map(Self.referral)
    }

    /// Whether the perpetrator was ever referred to the panel (one seek of `panel_referral_by_perpetrator`).
    package func everReferred(_ db: Database, perpetratorID: Int64) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM panel_referral WHERE perpetrator_id = ?)"),
                          arguments: [perpetratorID]) ?? false
    }

    package func referral(_ db: Database, id: Int64) throws -> PanelReferralRecord? {
        try Row.fetchOne(db, sql: "SELECT \(Self.referralSelection) FROM panel_referral pr \(Self.referralJoins) WHERE pr.id = ?",
                         arguments: [id]).map(Self.referral)
    }

    package func setState(_ db: Database, referralID: Int64, _ state: PanelReferralState, on day: Day) throws {
        try db.execute(sql: "UPDATE panel_referral SET state = ?, closed_on = ? WHERE id = ?",
                       arguments: [state.rawValue, state == .closed ? day.description : nil, referralID])
    }

    /// Open referrals on no agenda yet (referred before any meeting was planned).
    package func unlistedOpen(_ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT pr.id FROM panel_referral pr WHERE pr.state = 'open'
            AND NOT EXISTS (SELECT 1 FROM panel_listing l WHERE l.panel_referral_id = pr.id) ORDER BY pr.id
            """)
    }

    /// Decided referrals with an intervention whose review falls due by
    /// `day`: the running interventions' reviews by date, not every decided referral.
    package static let dueForReviewSQL = """
        SELECT DISTINCT i.panel_referral_id FROM panel_intervention i INDEXED BY panel_intervention_to_review
        JOIN panel_referral pr ON pr.id = i.panel_referral_id
        WHERE (i.outcome IS NULL OR i.outcome = 'engaged') AND i.review_due <= ? AND pr.state = 'decided'
        ORDER BY i.panel_referral_id
        """

    package func dueForReview(_ db: Database, by day: Day) throws -> [Int64] {
        try Int64.fetchAll(db, sql: Self.dueForReviewSQL, arguments: [day.description])
    }

    // MARK: agenda listings

    package func isListed(_ db: Database, meetingID: Int64, referralID: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM panel_listing WHERE panel_meeting_id = ? AND panel_referral_id = ?",
                          arguments: [meetingID, referralID]) == true
    }

    /// Lists a referral last within its section of the meeting's agenda.
    package func list(_ db: Database, meetingID: Int64, referralID: Int64, kind: PanelListingKind) throws {
        try db.execute(sql: """
            INSERT INTO panel_listing (panel_meeting_id, panel_referral_id, kind, position)
            VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM panel_listing WHERE panel_meeting_id = ? AND kind = ?))
            """, arguments: [meetingID, referralID, kind.rawValue, meetingID, kind.rawValue])
    }

    /// The meeting's listings in agenda order: new, review, closure, each by position.
    package func listings(_ db: Database, meetingID: Int64) throws -> [(kind: PanelListingKind, referralID: Int64)] {
        try Row.fetchAll(db, sql: """
            SELECT kind, panel_referral_id FROM panel_listing WHERE panel_meeting_id = ?
            ORDER BY CASE kind WHEN 'new' THEN 0 WHEN 'review' THEN 1 ELSE 2 END, position
            """, arguments: [meetingID]).map { row in
            let r = RecordReader(row, table: "panel_listing")
            return (try r.code("kind"), try r.value("panel_referral_id"))
        }
    }

    /// The latest meeting whose agenda lists the referral.
    package func latestListing(_ db: Database, referralID: Int64) throws -> PanelMeetingRecord? {
        try Row.fetchOne(db, sql: """
            SELECT \(Self.meetingSelection) FROM panel_listing l JOIN panel_meeting m ON m.id = l.panel_meeting_id
            WHERE l.panel_referral_id = ? ORDER BY m.held_on DESC LIMIT 1
            """, arguments: [referralID]).map(Self.meeting)
    }

    // MARK: decisions

    package func insertDecision(_ db: Database, referralID: Int64, meetingID: Int64, decision: PanelDecisionKind, reason: String,
                                on day: Day, by actor: Actor) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO panel_decision (panel_referral_id, panel_meeting_id, decision, reason, decided_on, decided_by)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [referralID, meetingID, decision.rawValue, reason, day.description, actor.name])
        return db.lastInsertedRowID
    }

    /// The meeting the referral's latest decision was made at.
    package func decisionMeeting(_ db: Database, referralID: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT panel_meeting_id FROM panel_decision WHERE panel_referral_id = ? ORDER BY id DESC LIMIT 1",
                           arguments: [referralID])
    }

    /// Decisions made at a meeting: referral id → the decision.
    package func decisions(_ db: Database, meetingID: Int64) throws -> [Int64: PanelDecisionKind] {
        var found: [Int64: PanelDecisionKind] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, panel_referral_id, decision FROM panel_decision WHERE panel_meeting_id = ?",
                                    arguments: [meetingID]) {
            let r = RecordReader(row, table: "panel_decision")
            found[try r.value("panel_referral_id")] = try r.code("decision")
        }
        return found
    }

    // MARK: interventions

    package func insertIntervention(_ db: Database, referralID: Int64, type: PanelInterventionType, agency: String, start: Day, end: Day?,
                                    reviewDue: Day, by actor: Actor) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO panel_intervention (panel_referral_id, type, owner_agency, start_on, end_on, review_due, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [referralID, type.rawValue, agency, start.description, end?.description, reviewDue.description,
                             clock.timestamp, actor.name])
        return db.lastInsertedRowID
    }

    static let interventionSelection = "i.id, i.panel_referral_id, i.type, i.owner_agency, i.start_on, i.end_on, i.outcome, i.review_due"

    static func intervention(_ row: Row) throws -> PanelInterventionRecord {
        let r = RecordReader(row, table: "panel_intervention")
        return PanelInterventionRecord(id: try r.value("id"), panelReferralID: try r.value("panel_referral_id"), type: try r.code("type"),
                                       ownerAgency: try r.value("owner_agency"), startOn: try r.day("start_on"), endOn: try r.optionalDay("end_on"),
                                       outcome: try r.optionalCode("outcome"), reviewDue: try r.day("review_due"))
    }

    package func intervention(_ db: Database, id: Int64) throws -> PanelInterventionRecord? {
        try Row.fetchOne(db, sql: "SELECT \(Self.interventionSelection) FROM panel_intervention i WHERE i.id = ?", arguments: [id])
            .map(Self.intervention)
    }

    package func interventions(_ db: Database, referralID: Int64) throws -> [PanelInterventionRecord] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT \(Self.interventionSelection) FROM panel_intervention i WHERE i.panel_referral_id = ? ORDER BY i.id
            """), arguments: [referralID]).map(Self.intervention)
    }

    /// Every intervention, newest first, a page at a time (cursor: the last id shown).
    package func interventions(_ db: Database, limit: Int, before cursor: Int64?) throws -> Page<PanelInterventionRecord> {
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(Self.interventionSelection) FROM panel_intervention i WHERE i.id < ? ORDER BY i.id DESC LIMIT ?
            """, arguments: [cursor ?? Int64.max, limit + 1]).map(Self.intervention)
        return Page(items: Array(rows.prefix(limit)), next: rows.count > limit ? String(rows[limit - 1].id) : nil)
    }

    /// Reviews past their date on running interventions, longest overdue first.
    package func overdueReviews(_ db: Database, today: Day, limit: Int) throws -> [PanelInterventionRecord] {
        try Row.fetchAll(db, sql: """
            SELECT \(Self.interventionSelection) FROM panel_intervention i INDEXED BY panel_intervention_to_review
            WHERE (i.outcome IS NULL OR i.outcome = 'engaged') AND i.review_due < ? ORDER BY i.review_due, i.id LIMIT ?
            """, arguments: [today.description, limit]).map(Self.intervention)
    }

    package func setOutcome(_ db: Database, interventionID: Int64, outcome: PanelInterventionOutcome, end: Day?, reviewDue: Day?) throws {
        try db.execute(sql: """
            UPDATE panel_intervention SET outcome = ?, end_on = COALESCE(?, end_on), review_due = COALESCE(?, review_due) WHERE id = ?
            """, arguments: [outcome.rawValue, end?.description, reviewDue?.description, interventionID])
    }

    // MARK: the victims' safety facts

    /// Each victim's latest referral naming the perpetrator: risk, safety
    /// flags, children. One range of `referral_by_perpetrator`; bounded.
    package func victimFacts(_ db: Database, perpetratorID: Int64, limit: Int = 50) throws -> [PanelVictimFacts] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT r.id, r.risk_band, r.children_in_household, \(SafetyFlags.columns.map { "r.\($0)" }.joined(separator: ", "))
            FROM referral r WHERE r.perpetrator_id = ? AND r.id = (
                SELECT r2.id FROM referral r2 WHERE r2.perpetrator_id = r.perpetrator_id AND r2.victim_id = r.victim_id
                ORDER BY r2.referred_on DESC, r2.id DESC LIMIT 1)
            ORDER BY r.referred_on DESC LIMIT ?
            """), arguments: [perpetratorID, limit]).map { row in
            let r = RecordReader(row, table: "referral")
            var plain: [String: String] = [:]
            for column in SafetyFlags.columns { plain[column] = try r.value(column) }
            return PanelVictimFacts(band: try r.code("risk_band"), safety: SafetyFlags(plain: plain),
                                    childrenInHousehold: try r.value("children_in_household"))
        }
    }

    /// How many of the perpetrator's referrals were banded high, and how many were repeats.
    package func harmCounts(_ db: Database, perpetratorID: Int64) throws -> (highRisk: Int, repeats: Int) {
        let row = try Row.fetchOne(db, sql: """
            SELECT COALESCE(SUM(risk_band = 'high'), 0) AS high, COALESCE(SUM(is_repeat), 0) AS repeats FROM referral WHERE perpetrator_id = ?
            """, arguments: [perpetratorID])
        return (row?["high"] ?? 0, row?["repeats"] ?? 0)
    }
}
