import GRDB
import MaracCore

/// A referral's own rows, added or replaced: the referral, its children and
/// its figures snapshot. It checks nothing (the use-case layer does, before
/// it writes); it runs inside the caller's transaction, every statement
/// compiled once per connection and reused: an import runs them once per row.
package enum ReferralRows {
    /// The referral a reference names, as far as replacing it needs.
    package struct Stored: Sendable {
        package var id: Int64
        package var victimID: Int64
        package var version: Int
        package var updatedBy: String
        package var updatedAt: String
    }

    /// The referral with this reference, or nil when there is none.
    package static func stored(_ db: Database, ref: String) throws -> Stored? {
        let statement = try db.cachedStatement(sql: "SELECT id, victim_id, version, updated_by, updated_at FROM referral WHERE ref = ?")
        return try Row.fetchOne(statement, arguments: [ref]).map { row in
            let r = RecordReader(row, table: "referral")
            return Stored(id: try r.value("id"), victimID: try r.value("victim_id"), version: try r.value("version"),
                          updatedBy: try r.value("updated_by"), updatedAt: try r.value("updated_at"))
        }
    }

    /// A new referral's column values from its input, by the names the
    /// INSERT binds (people's ids apart): the one place they are worked out,
    /// for a referral added alone and for an import's staged rows. Throws
    /// Core's `ValidationFailure` when the criteria cannot be assessed.
    package static func values(_ input: ReferralInput, by actor: Actor, now: String,
                               daraHigh: DaraHighRule = .default) throws -> [String: (any DatabaseValueConvertible)?] {
        let criteria = try CriteriaAssessment.assess(claimed: input.claimedCriteria, checklist: input.checklist,
                                                     judgementReason: input.judgementReason,
                                                     policeIncidents12m: input.policeIncidents12m, isRepeat: false,
                                                     dara: input.dara, daraHigh: daraHigh)
        return [
            "ref": input.ref, "referred_on": input.referredOn.description,
            "referring_agency": input.referringAgency.rawValue, "second_agency": input.secondAgency?.rawValue,
            "referrer": input.referrer,
            "relationship": input.relationship, "children": input.childrenInHousehold,
            "ric_version": input.checklist?.version.rawValue ?? ChecklistVersion.safeLives24.rawValue,
            "ric_answers": input.checklist?.answerLetters, "ric_score": input.checklist?.score,
            "risk_band": input.band.rawValue, "criteria": ReferralRecord.criteriaText(criteria),
            "reason": input.judgementReason, "incidents": input.policeIncidents12m,
            "consent": input.consent.rawValue, "consent_note": input.consentNote,
            "sharing_reason": input.sharingReason?.rawValue, "lawful_basis": input.lawfulBasis,
            // Who recorded the consent decision: the acting login, never typed.
            // (A file carries them as exported: the decision stays with whoever made it, when.)
            "decided_by": input.consent == .unknown ? nil : input.consentDecidedBy ?? actor.name,
            "decided_at": input.consent == .unknown ? nil : input.consentDecidedAt ?? now,
            "status": input.initialStatus.rawValue, "heard_on": input.heardOn?.description,
            "now": now, "actor": actor.name,
        ]
    }

    /// The statement arguments of a referral's row: its values, its people,
    /// and who decided on consent if the decision changes (the acting login,
    /// now, whatever a file says).
    private static func arguments(_ values: [String: (any DatabaseValueConvertible)?], consent: Consent,
                                  victimID: Int64, perpetratorID: Int64?, by actor: Actor, now: String) -> StatementArguments {
        StatementArguments(values)
            + ["victim_id": victimID, "perpetrator_id": perpetratorID,
               "changed_by": consent == .unknown ? nil : actor.name, "changed_at": consent == .unknown ? nil : now]
    }

    /// What the MARAC's `dara-high` setting says a DARA grade of high meets.
    package static func daraHigh(_ db: Database) throws -> DaraHighRule {
        DaraHighRule(stored: try SettingStore.value(db, Settings.daraHigh))
    }

    /// Adds a referral's row; returns its id.
    package static func insert(_ db: Database, _ values: [String: (any DatabaseValueConvertible)?], consent: Consent,
                               victimID: Int64, perpetratorID: Int64?, by actor: Actor, now: String) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO referral (ref, referred_on, referring_agency, second_agency, referrer, victim_id,
                perpetrator_id, relationship, children_in_household, ric_version, ric_answers, ric_score,
                risk_band, criteria, professional_judgement_reason, police_incidents_12m, consent,
                consent_note, sharing_reason, lawful_basis, consent_decided_by, consent_decided_at,
                status, heard_on, created_at, created_by, updated_at, updated_by)
            VALUES (:ref, :referred_on, :referring_agency, :second_agency, :referrer, :victim_id,
                :perpetrator_id, :relationship, :children, :ric_version, :ric_answers, :ric_score,
                :risk_band, :criteria, :reason, :incidents, :consent,
                :consent_note, :sharing_reason, :lawful_basis, :decided_by, :decided_at,
                :status, :heard_on, :now, :actor, :now, :actor)
            """).execute(arguments: arguments(values, consent: consent, victimID: victimID, perpetratorID: perpetratorID, by: actor, now: now))
        return db.lastInsertedRowID
    }

    /// Replaces the details of referral `id` (its status moves to heard only
    /// when a hearing date arrives for a case just received).
    package static func replace(_ db: Database, id: Int64, _ values: [String: (any DatabaseValueConvertible)?], consent: Consent,
                                victimID: Int64, perpetratorID: Int64?, by actor: Actor, now: String) throws {
        try db.cachedStatement(sql: """
            UPDATE referral SET referred_on = :referred_on, referring_agency = :referring_agency,
                second_agency = :second_agency, referrer = :referrer, victim_id = :victim_id,
                perpetrator_id = :perpetrator_id, relationship = :relationship,
                children_in_household = :children, ric_version = :ric_version, ric_answers = :ric_answers,
                ric_score = :ric_score, risk_band = :risk_band, criteria = :criteria,
                professional_judgement_reason = :reason, police_incidents_12m = :incidents,
                consent_decided_by = CASE WHEN consent IS :consent AND sharing_reason IS :sharing_reason AND lawful_basis IS :lawful_basis
                                     THEN consent_decided_by ELSE :changed_by END,
                consent_decided_at = CASE WHEN consent IS :consent AND sharing_reason IS :sharing_reason AND lawful_basis IS :lawful_basis
                                     THEN consent_decided_at ELSE :changed_at END,
                consent = :consent, consent_note = :consent_note,
                sharing_reason = :sharing_reason, lawful_basis = :lawful_basis,
                heard_on = COALESCE(:heard_on, heard_on),
                status = CASE WHEN :heard_on IS NOT NULL AND status = 'received' THEN 'heard' ELSE status END,
                version = version + 1, updated_at = :now, updated_by = :actor
            WHERE id = :id
            """).execute(arguments: arguments(values, consent: consent, victimID: victimID, perpetratorID: perpetratorID, by: actor, now: now)
                         + ["id": id])
    }

    /// Writes a referral's children (replacing any it had, when `replacing`),
    /// each name in the search index under the victim whose household it is.
    package static func writeChildren(_ db: Database, referralID: Int64, victimID: Int64, _ children: [ChildInput], replacing: Bool) throws {
        if replacing { try db.cachedStatement(sql: "DELETE FROM child WHERE referral_id = ?").execute(arguments: [referralID]) }
        guard !children.isEmpty else { return }
        let child = try db.cachedStatement(sql: "INSERT INTO child (referral_id, name, dob, lives_with) VALUES (?, ?, ?, ?)")
        for c in children {
            try child.execute(arguments: [referralID, c.name, c.dob?.description, c.livesWith])
            // A child's name finds the victim whose household it is.
            try PersonSearchIndex().add(db, personID: victimID, .child, name: c.name, childID: db.lastInsertedRowID)
        }
    }

    /// Copies the victim's and perpetrator's characteristics at the referral
    /// date onto the referral (ages, district, equality fields) for figures.
    /// The plain fields are set in the same statement. One lookup of the
    /// victim's row (a row-value assignment) instead of one subquery per column.
    package static func snapshotForFigures(_ db: Database, referralID: Int64, plain: [String: String] = [:]) throws {
        try db.cachedStatement(sql: snapshotSQL)
            .execute(arguments: StatementArguments(ReferralField.plain.map { plain[$0.column] }) + [referralID])
    }

    static let snapshotSQL = """
        UPDATE referral SET \(ReferralField.plain.map { "\($0.column) = ?, " }.joined())
            (victim_age, victim_district, victim_gender, victim_ethnicity, victim_disability, victim_lgbt, perpetrator_age) =
            (SELECT CASE WHEN v.dob IS NULL THEN NULL ELSE \(FiguresService.age(dob: "v.dob", on: "referral.referred_on")) END,
                    v.postcode_district, v.gender, v.ethnicity, v.disability, v.lgbt,
                    (SELECT CASE WHEN p.dob IS NULL THEN NULL ELSE \(FiguresService.age(dob: "p.dob", on: "referral.referred_on")) END
                     FROM person p WHERE p.id = referral.perpetrator_id)
             FROM person v WHERE v.id = referral.victim_id)
        WHERE id = ?
        """

    /// Whether `code` is one of this MARAC's lawful bases (`lawful_basis`).
    package static func isLawfulBasis(_ db: Database, _ code: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM lawful_basis WHERE code = ?"), arguments: [code]) == true
    }

    /// This MARAC's lawful basis codes, in order (at most 50), to name in an error.
    package static func lawfulBasisCodes(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT code FROM lawful_basis ORDER BY code LIMIT 50")
    }
}
