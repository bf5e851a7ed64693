import Foundation
import GRDB
import MaracCore

/// Every change to referrals passes through here, one transaction per user
/// action, with the audit row written in the same transaction.
public struct ReferralService: Sendable {
    public let database: MaracDatabase
    public let clock: Clock

    public init(database: MaracDatabase, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    // MARK: Adding

    /// Adds one referral; returns its id. With `update`, an existing reference
    /// is overwritten instead of rejected.
    @discardableResult
    public func add(_ input: ReferralInput, by actor: Actor, update: Bool = false) throws -> Int64 {
        try database.pool.write { db in try insert(db, input, by: actor, update: update) }
    }

    /// Saves an edit of an existing referral, unless someone else has changed it
    /// since it was opened (its version moved on): then nothing is written and
    /// the error says who changed it and when, so the editor keeps their text.
    public func update(_ input: ReferralInput, expectedVersion: Int, by actor: Actor) throws {
        try database.pool.write { db in
            let current = try fetch(db, ref: input.ref)
            guard current.version == expectedVersion else {
                throw StoreError(.conflict, "\(input.ref) was changed by \(current.updatedBy) at \(current.updatedAt) after you opened it; your edit was not saved")
            }
            _ = try insert(db, input, by: actor, update: true)
        }
    }

    /// The body of `add`, for callers that batch many referrals in one
    /// transaction (import: all or nothing).
    func insert(_ db: Database, _ input: ReferralInput, by actor: Actor, update: Bool) throws -> Int64 {
        let existing = try Row.fetchOne(db, sql: "SELECT id, victim_id FROM referral WHERE ref = ?", arguments: [input.ref])
        if existing != nil, !update {
            throw StoreError(.invalid, "referral_ref: \(input.ref) already exists (use --update to replace it)")
        }
        let victimID = try person(db, input.victim, role: .victim)
        let perpetratorID = try input.perpetrator.map { try person(db, $0, role: .perpetrator) }
        let criteria = try criteriaAssessment(input, isRepeat: false)
        let now = clock.timestamp
        let status: ReferralStatus = input.heardOn == nil ? .received : .heard
        let arguments: StatementArguments = [
            "ref": input.ref, "referred_on": input.referredOn.description,
            "referring_agency": input.referringAgency.rawValue, "second_agency": input.secondAgency?.rawValue,
            "referrer": input.referrer, "victim_id": victimID, "perpetrator_id": perpetratorID,
            "relationship": input.relationship, "children": input.childrenInHousehold,
            "ric_version": input.checklist?.version.rawValue ?? ChecklistVersion.safeLives24.rawValue,
            "ric_answers": input.checklist?.answerLetters, "ric_score": input.checklist?.score,
            "risk_band": input.band.rawValue, "criteria": ReferralRecord.criteriaText(criteria),
            "reason": input.judgementReason, "incidents": input.policeIncidents12m,
            "consent": input.consent.rawValue, "consent_note": input.consentNote,
            "status": status.rawValue, "heard_on": input.heardOn?.description,
            "now": now, "actor": actor.name,
        ]
        let id: Int64
        if let existing {
            id = existing["id"]
            try db.execute(sql: """
                UPDATE referral SET referred_on = :referred_on, referring_agency = :referring_agency,
                    second_agency = :second_agency, referrer = :referrer, victim_id = :victim_id,
                    perpetrator_id = :perpetrator_id, relationship = :relationship,
                    children_in_household = :children, ric_version = :ric_version, ric_answers = :ric_answers,
                    ric_score = :ric_score, risk_band = :risk_band, criteria = :criteria,
                    professional_judgement_reason = :reason, police_incidents_12m = :incidents,
                    consent = :consent, consent_note = :consent_note,
                    heard_on = COALESCE(:heard_on, heard_on),
                    status = CASE WHEN :heard_on IS NOT NULL AND status = 'received' THEN 'heard' ELSE status END,
                    version = version + 1, updated_at = :now, updated_by = :actor
                WHERE id = :id
                """, arguments: arguments + ["id": id])
            try Audit.record(db, actor: actor, action: "update", entity: "referral", entityID: id, detail: "details replaced")
            try recomputeRepeats(db, victimID: existing["victim_id"])
        } else {
            try db.execute(sql: """
                INSERT INTO referral (ref, referred_on, referring_agency, second_agency, referrer, victim_id,
                    perpetrator_id, relationship, children_in_household, ric_version, ric_answers, ric_score,
                    risk_band, criteria, professional_judgement_reason, police_incidents_12m, consent,
                    consent_note, status, heard_on, created_at, created_by, updated_at, updated_by)
                VALUES (:ref, :referred_on, :referring_agency, :second_agency, :referrer, :victim_id,
                    :perpetrator_id, :relationship, :children, :ric_version, :ric_answers, :ric_score,
                    :risk_band, :criteria, :reason, :incidents, :consent,
                    :consent_note, :status, :heard_on, :now, :actor, :now, :actor)
                """, arguments: arguments)
            id = db.lastInsertedRowID
            try Audit.record(db, actor: actor, action: "create", entity: "referral", entityID: id,
                             detail: "band=\(input.band.rawValue) status=\(status.rawValue)")
        }
        try db.execute(sql: "DELETE FROM child WHERE referral_id = ?", arguments: [id])
        for child in input.children {
            try db.execute(sql: "INSERT INTO child (referral_id, name, dob, lives_with) VALUES (?, ?, ?, ?)",
                           arguments: [id, child.name, child.dob?.description, child.livesWith])
        }
        try snapshotForFigures(db, referralID: id)
        try recomputeRepeats(db, victimID: victimID)
        return id
    }

    /// Copies the victim's and perpetrator's characteristics at the referral
    /// date onto the referral (ages, district, equality fields) for figures.
    func snapshotForFigures(_ db: Database, referralID: Int64) throws {
        try db.execute(sql: """
            UPDATE referral SET
                victim_age = (SELECT CASE WHEN v.dob IS NULL THEN NULL ELSE \(FiguresService.age(dob: "v.dob", on: "referral.referred_on")) END
                              FROM person v WHERE v.id = referral.victim_id),
                victim_district = (SELECT v.postcode_district FROM person v WHERE v.id = referral.victim_id),
                victim_gender = (SELECT v.gender FROM person v WHERE v.id = referral.victim_id),
                victim_ethnicity = (SELECT v.ethnicity FROM person v WHERE v.id = referral.victim_id),
                victim_disability = (SELECT v.disability FROM person v WHERE v.id = referral.victim_id),
                victim_lgbt = (SELECT v.lgbt FROM person v WHERE v.id = referral.victim_id),
                perpetrator_age = (SELECT CASE WHEN p.dob IS NULL THEN NULL ELSE \(FiguresService.age(dob: "p.dob", on: "referral.referred_on")) END
                                   FROM person p WHERE p.id = referral.perpetrator_id)
            WHERE id = ?
            """, arguments: [referralID])
    }

    private func criteriaAssessment(_ input: ReferralInput, isRepeat: Bool) throws -> Set<ReferralCriterion> {
        do {
            return try CriteriaAssessment.assess(claimed: input.claimedCriteria, checklist: input.checklist,
                                                 judgementReason: input.judgementReason,
                                                 policeIncidents12m: input.policeIncidents12m, isRepeat: isRepeat)
        } catch {
            throw StoreError.invalid(error)
        }
    }

    /// Finds the person with the same normalised name and date of birth, or
    /// adds them. Newly known details (a postcode, an ethnicity) fill gaps
    /// but never erase what an earlier referral recorded.
    func person(_ db: Database, _ input: PersonInput, role: PersonRole) throws -> Int64 {
        let id = try matchOrInsert(db, input, role: role)
        for alias in input.aliases {
            try db.execute(sql: """
                INSERT INTO person_alias (person_id, name, name_key) VALUES (?, ?, ?)
                ON CONFLICT (person_id, name_key) DO NOTHING
                """, arguments: [id, alias, IdentityKey.normalise(alias)])
        }
        return id
    }

    private func matchOrInsert(_ db: Database, _ input: PersonInput, role: PersonRole) throws -> Int64 {
        let key = input.identity
        let postcode = input.postcode?.description
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE role = ? AND name_key = ? AND dob IS ? LIMIT 1",
                                       arguments: [role.rawValue, key.name, key.dob?.description]) {
            try db.execute(sql: """
                UPDATE person SET
                    gender = CASE WHEN :gender = 'unknown' THEN gender ELSE :gender END,
                    ethnicity = CASE WHEN :ethnicity = 'unknown' THEN ethnicity ELSE :ethnicity END,
                    disability = CASE WHEN :disability = 'unknown' THEN disability ELSE :disability END,
                    lgbt = CASE WHEN :lgbt = 'unknown' THEN lgbt ELSE :lgbt END,
                    postcode = COALESCE(:postcode, postcode),
                    postcode_district = COALESCE(:district, postcode_district)
                WHERE id = :id
                """, arguments: ["gender": input.gender.rawValue, "ethnicity": input.ethnicity.rawValue,
                                 "disability": input.disability.rawValue, "lgbt": input.lgbt.rawValue,
                                 "postcode": postcode, "district": input.postcode?.district, "id": id])
            return id
        }
        try db.execute(sql: """
            INSERT INTO person (role, name, name_key, dob, gender, ethnicity, disability, lgbt, postcode, postcode_district)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [role.rawValue, input.name, key.name, key.dob?.description, input.gender.rawValue,
                             input.ethnicity.rawValue, input.disability.rawValue, input.lgbt.rawValue,
                             postcode, input.postcode?.district])
        return db.lastInsertedRowID
    }

    /// Works out the repeat flag of every referral of one victim, in date
    /// order, so referrals loaded out of order still come out right.
    func recomputeRepeats(_ db: Database, victimID: Int64) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.id, r.referred_on, r.perpetrator_id, r.is_repeat, r.criteria
            FROM referral r WHERE r.victim_id = ? ORDER BY r.referred_on, r.id
            """, arguments: [victimID])
        var priors: [RepeatRule.Prior] = []
        for row in rows {
            let r = RowReader(row, table: "referral")
            guard let day = Day(try r["referred_on"] as String) else {
                throw UnreadableRow(table: "referral", id: try r["id"], column: "referred_on")
            }
            // People are deduplicated by identity, so the same perpetrator is the same row.
            let perpetrator = (row["perpetrator_id"] as Int64?).map { IdentityKey(name: "#\($0)", dob: nil) }
            let isRepeat = RepeatRule.isRepeat(referredOn: day, perpetrator: perpetrator, priors: priors)
            var criteria = Set(ReferralRecord.criteria(from: row["criteria"]))
            if isRepeat { criteria.insert(.repeat) } else { criteria.remove(.repeat) }
            let text = ReferralRecord.criteriaText(criteria)
            if isRepeat != (row["is_repeat"] as Bool) || text != (row["criteria"] as String) {
                try db.execute(sql: "UPDATE referral SET is_repeat = ?, criteria = ? WHERE id = ?",
                               arguments: [isRepeat, text, row["id"] as Int64])
            }
            priors.append(.init(referredOn: day, perpetrator: perpetrator))
        }
    }

    // MARK: Screening and lifecycle

    /// Screens a received referral in for MARAC.
    public func accept(ref: String, by actor: Actor) throws {
        try database.pool.write { db in
            let record = try fetch(db, ref: ref)
            try transition(db, record, to: .screenedIn, by: actor, detail: "screened in")
        }
    }

    /// Declines a received referral; the reason is required and kept.
    public func decline(ref: String, reason: String, by actor: Actor) throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw StoreError(.invalid, "reason: declining a referral needs a reason") }
        do { try FieldLimits.check("reason", reason) } catch { throw StoreError(.invalid, error.description) }
        try database.pool.write { db in
            let record = try fetch(db, ref: ref)
            try transition(db, record, to: .declined, by: actor, detail: "declined")
            try db.execute(sql: "UPDATE referral SET decline_reason = ? WHERE id = ?", arguments: [reason, record.id])
        }
    }

    /// Marks as lapsed every case whose victim has had no referral for 12
    /// months. Returns how many lapsed.
    @discardableResult
    public func lapseDue(by actor: Actor) throws -> Int {
        let cutoff = clock.today.adding(months: -ReferralStatus.lapseMonths)
        return try database.pool.write { db in
            let candidates = try Row.fetchAll(db, sql: """
                SELECT r.* FROM referral r
                WHERE r.status IN ('screened_in', 'heard', 'actions_open', 'closed')
                  AND r.referred_on < :cutoff
                  AND NOT EXISTS (SELECT 1 FROM referral later
                                  WHERE later.victim_id = r.victim_id AND later.referred_on >= :cutoff)
                """, arguments: ["cutoff": cutoff.description])
            for row in candidates {
                try transition(db, ReferralRecord(row: row), to: .lapsed, by: actor, detail: "lapsed: no referral for 12 months")
            }
            return candidates.count
        }
    }

    func transition(_ db: Database, _ record: ReferralRecord, to target: ReferralStatus, by actor: Actor, detail: String) throws {
        do {
            _ = try record.status.transition(to: target)
        } catch {
            throw StoreError(.invalid, "\(record.ref): \(error.description)")
        }
        try db.execute(sql: """
            UPDATE referral SET status = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?
            """, arguments: [target.rawValue, clock.timestamp, actor.name, record.id])
        try Audit.record(db, actor: actor, action: "status", entity: "referral", entityID: record.id,
                         detail: "\(record.status.rawValue)->\(target.rawValue): \(detail)")
    }

    // MARK: Reading

    func fetch(_ db: Database, ref: String) throws -> ReferralRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM referral WHERE ref = ?", arguments: [ref]) else {
            throw StoreError(.notFound, "no referral \(TerminalText.escape(ref))")
        }
        return try ReferralRecord(row: row)
    }

    public func referral(ref: String) throws -> ReferralDetail {
        try database.pool.read { db in
            let record = try fetch(db, ref: ref)
            let victim = try Row.fetchOne(db, sql: "SELECT * FROM person WHERE id = ?", arguments: [record.victimID]).map(PersonRecord.init)!
            let perpetrator = try record.perpetratorID.flatMap {
                try Row.fetchOne(db, sql: "SELECT * FROM person WHERE id = ?", arguments: [$0]).map(PersonRecord.init)
            }
            let actions = try Row.fetchAll(db, sql: """
                SELECT \(ActionRecord.selection) FROM action a \(ActionRecord.joins)
                WHERE a.referral_id = ? ORDER BY a.due_on, a.id
                """, arguments: [record.id]).map(ActionRecord.init)
            let meetings = try String.fetchAll(db, sql: """
                SELECT m.held_on FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
                WHERE i.referral_id = ? ORDER BY m.held_on
                """, arguments: [record.id]).compactMap(Day.init)
            let history = try Row.fetchAll(db, sql: """
                SELECT \(ReferralSummary.selection) FROM referral r JOIN person v ON v.id = r.victim_id
                WHERE r.victim_id = ? ORDER BY r.referred_on DESC, r.id DESC LIMIT 50
                """, arguments: [record.victimID]).map(ReferralSummary.init)
            let children = try Row.fetchAll(db, sql: "SELECT name, dob, lives_with FROM child WHERE referral_id = ? ORDER BY id LIMIT 50",
                                            arguments: [record.id]).map {
                ChildInput(name: $0["name"], dob: ($0["dob"] as String?).flatMap(Day.init), livesWith: $0["lives_with"])
            }
            return ReferralDetail(referral: record, victim: victim, perpetrator: perpetrator, children: children, actions: actions,
                                  meetings: meetings, victimHistory: history)
        }
    }

    /// Filters for `referral list`.
    public struct Filter: Sendable {
        public var status: ReferralStatus?
        public var band: RiskBand?
        public var agency: String?
        public var since: Day?

        public init(status: ReferralStatus? = nil, band: RiskBand? = nil, agency: String? = nil, since: Day? = nil) {
            self.status = status
            self.band = band
            self.agency = agency
            self.since = since
        }
    }

    /// Newest first, a page at a time; `after` is the cursor the previous page returned.
    public func list(_ filter: Filter, limit: Int, after cursor: String? = nil) throws -> Page<ReferralSummary> {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let status = filter.status { conditions.append("r.status = ?"); arguments += [status.rawValue] }
        if let band = filter.band { conditions.append("r.risk_band = ?"); arguments += [band.rawValue] }
        if let agency = filter.agency {
            conditions.append("(r.referring_agency = ? OR r.second_agency = ?)")
            arguments += [agency, agency]
        }
        if let since = filter.since { conditions.append("r.referred_on >= ?"); arguments += [since.description] }
        if let cursor {
            guard let (day, id) = Cursor.decode(cursor) else { throw StoreError(.invalid, "after: not a cursor from an earlier page") }
            conditions.append("(r.referred_on < ? OR (r.referred_on = ? AND r.id < ?))")
            arguments += [day, day, id]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(ReferralSummary.selection) FROM referral r JOIN person v ON v.id = r.victim_id
                \(whereClause) ORDER BY r.referred_on DESC, r.id DESC LIMIT \(limit + 1)
                """, arguments: arguments)
        }
        let items = try Array(rows.prefix(limit).map(ReferralSummary.init))
        let next = rows.count > limit ? items.last.map { Cursor.encode($0.referredOn.description, $0.id) } : nil
        return Page(items: items, next: next)
    }

    /// Referrals waiting to be screened: highest risk first, then longest waiting.
    public func triageQueue(limit: Int, offset: Int = 0) throws -> [ReferralSummary] {
        // The page is chosen from the small partial index first; only its rows are
        // joined to their victims.
        try database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(ReferralSummary.selection)
                FROM (SELECT id, CASE risk_band WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'standard' THEN 2 ELSE 3 END AS rank,
                             referred_on AS day
                      FROM referral WHERE status = 'received' ORDER BY rank, day, id LIMIT ? OFFSET ?) page
                JOIN referral r ON r.id = page.id JOIN person v ON v.id = r.victim_id
                ORDER BY page.rank, page.day, page.id
                """, arguments: [limit, offset]).map(ReferralSummary.init)
        }
    }
}

/// Everything `referral show` prints.
public struct ReferralDetail: Sendable {
    public var referral: ReferralRecord
    public var victim: PersonRecord
    public var perpetrator: PersonRecord?
    public var children: [ChildInput]
    public var actions: [ActionRecord]
    public var meetings: [Day]
    public var victimHistory: [ReferralSummary]
}

/// Keyset cursors: "date/id" of the last row shown, opaque to users.
enum Cursor {
    static func encode(_ key: String, _ id: Int64) -> String { "\(key)/\(id)" }

    static func decode(_ text: String) -> (String, Int64)? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let id = Int64(parts[1]) else { return nil }
        return (String(parts[0]), id)
    }
}
