import Foundation
import GRDB
import MaracCore

/// The referral table's reads and writes. Every method runs inside the
/// caller's transaction (`db`): the use-case layer opens exactly one per user
/// action, so several of these compose into one all-or-nothing change.
public struct ReferralService: Sendable {
    package let clock: Clock

    package init(clock: Clock) { self.clock = clock }

    // MARK: Adding

    /// Saves an edit of an existing referral, unless someone else has changed it
    /// since it was opened (its version moved on): then nothing is written and
    /// the error says who changed it and when, so the editor keeps their text.
    package func update(_ db: Database, _ input: ReferralInput, expectedVersion: Int, by actor: Actor) throws {
        let current = try fetch(db, ref: input.ref)
        guard current.version == expectedVersion else {
            throw CaseError(.conflict, "\(input.ref) was changed by \(current.updatedBy) at \(current.updatedAt) after it was opened; this edit was not saved",
                            hint: .reloadRecord)
        }
        _ = try insert(db, input, by: actor, update: true)
    }

    /// The referral a reference names, as far as replacing it needs.
    package struct StoredReferral: Sendable {
        package var id: Int64
        package var victimID: Int64
        package init(id: Int64, victimID: Int64) { self.id = id; self.victimID = victimID }
    }

    /// Adds one referral, or with `update` replaces the one with its reference.
    package func insert(_ db: Database, _ input: ReferralInput, by actor: Actor, update: Bool) throws -> Int64 {
        let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, victim_id FROM referral WHERE ref = ?"), arguments: [input.ref])
        return try insert(db, input, by: actor, update: update, stored: existing.map { StoredReferral(id: $0["id"], victimID: $0["victim_id"]) })
    }

    /// The same, for a caller that has already looked the reference up
    /// (`stored`, nil when it is new): an import reads each reference once.
    package func insert(_ db: Database, _ input: ReferralInput, by actor: Actor, update: Bool, stored existing: StoredReferral?) throws -> Int64 {
        // Every statement here is compiled once per connection and reused
        // (`cachedStatement`): an import runs them once per row.
        if existing != nil, !update {
            throw CaseError(.invalid, field: "referral_ref", "\(input.ref) already exists", hint: .replaceExisting)
        }
        try checkLawfulBasis(db, input.lawfulBasis)
        let victim = try person(db, input.victim, role: .victim)
        let victimID = victim.id
        let perpetratorID = try input.perpetrator.map { try person(db, $0, role: .perpetrator).id }
        let now = clock.timestamp
        let arguments = StatementArguments(try rowValues(input, by: actor, now: now))
            + ["victim_id": victimID, "perpetrator_id": perpetratorID,
               // A changed decision is the acting login's, now, whatever a file says.
               "changed_by": input.consent == .unknown ? nil : actor.name, "changed_at": input.consent == .unknown ? nil : now]
        let status: ReferralStatus = input.heardOn == nil ? .received : .heard
        let id: Int64
        if let existing {
            id = existing.id
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
                """).execute(arguments: arguments + ["id": id])
            try Audit.record(db, actor: actor, action: "update", entity: "referral", entityID: id, detail: "details replaced")
            try recomputeRepeats(db, victimID: existing.victimID)
        } else {
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
                """).execute(arguments: arguments)
            id = db.lastInsertedRowID
            try Audit.record(db, actor: actor, action: "create", entity: "referral", entityID: id,
                             detail: "band=\(input.band.rawValue) status=\(status.rawValue)")
        }
        // A replaced referral's children are replaced; a new one has none yet.
        if existing != nil { try db.cachedStatement(sql: "DELETE FROM child WHERE referral_id = ?").execute(arguments: [id]) }
        if !input.children.isEmpty {
            let child = try db.cachedStatement(sql: "INSERT INTO child (referral_id, name, dob, lives_with) VALUES (?, ?, ?, ?)")
            for c in input.children {
                try child.execute(arguments: [id, c.name, c.dob?.description, c.livesWith])
                // A child's name finds the victim whose household it is.
                try PersonSearchIndex().add(db, personID: victimID, .child, name: c.name, childID: db.lastInsertedRowID)
            }
        }
        // Plain fields (the field table's, column names from the table, values
        // bound) and the figures snapshot: one statement.
        try snapshotForFigures(db, referralID: id, plain: input.plain)
        // A victim first known from this referral has no other referral, so
        // it cannot be a repeat and nothing needs working out again.
        if !victim.isNew || existing != nil { try recomputeRepeats(db, victimID: victimID) }
        return id
    }

    /// A new referral's column values from its input, by the names the
    /// INSERT binds (people's ids apart): the one place they are worked out,
    /// for a referral added alone and for an import's staged rows.
    package func rowValues(_ input: ReferralInput, by actor: Actor, now: String) throws -> [String: (any DatabaseValueConvertible)?] {
        let criteria = try criteriaAssessment(input, isRepeat: false)
        let status: ReferralStatus = input.heardOn == nil ? .received : .heard
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
            "status": status.rawValue, "heard_on": input.heardOn?.description,
            "now": now, "actor": actor.name,
        ]
    }

    /// A lawful basis must be one of this MARAC's list (`lawful_basis`).
    func checkLawfulBasis(_ db: Database, _ code: String?) throws {
        guard let code else { return }
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM lawful_basis WHERE code = ?"), arguments: [code]) == true { return }
        let known = try String.fetchAll(db, sql: "SELECT code FROM lawful_basis ORDER BY code LIMIT 50")
        throw CaseError(.invalid, field: "lawful_basis", "the value is not one of this MARAC's lawful bases (\(known.joined(separator: ", ")))")
    }

    /// Copies the victim's and perpetrator's characteristics at the referral
    /// date onto the referral (ages, district, equality fields) for figures.
    /// The plain fields are set in the same statement. One lookup of the
    /// victim's row (a row-value assignment) instead of one subquery per column.
    func snapshotForFigures(_ db: Database, referralID: Int64, plain: [String: String] = [:]) throws {
        try db.cachedStatement(sql: Self.snapshotSQL)
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

    private func criteriaAssessment(_ input: ReferralInput, isRepeat: Bool) throws -> Set<ReferralCriterion> {
        do {
            return try CriteriaAssessment.assess(claimed: input.claimedCriteria, checklist: input.checklist,
                                                 judgementReason: input.judgementReason,
                                                 policeIncidents12m: input.policeIncidents12m, isRepeat: isRepeat)
        } catch {
            throw CaseError(error)
        }
    }

    /// Finds the person with the same normalised name and date of birth, or
    /// adds them. Newly known details (a postcode, an ethnicity) fill gaps
    /// but never erase what an earlier referral recorded.
    package func person(_ db: Database, _ input: PersonInput, role: PersonRole) throws -> (id: Int64, isNew: Bool) {
        let (id, isNew) = try matchOrInsert(db, input, role: role)
        for alias in input.aliases {
            try db.cachedStatement(sql: """
                INSERT INTO person_alias (person_id, name, name_key) VALUES (?, ?, ?)
                ON CONFLICT (person_id, name_key) DO NOTHING
                """).execute(arguments: [id, alias, IdentityKey.normalise(alias)])
            if db.changesCount > 0 {
                try PersonSearchIndex().add(db, personID: id, .alias, name: alias, aliasID: db.lastInsertedRowID)
            }
        }
        return (id, isNew)
    }

    private func matchOrInsert(_ db: Database, _ input: PersonInput, role: PersonRole) throws -> (id: Int64, isNew: Bool) {
        let key = input.identity
        let postcode = input.postcode?.description
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM person WHERE role = ? AND name_key = ? AND dob IS ? LIMIT 1"),
                                       arguments: [role.rawValue, key.name, key.dob?.description]) {
            try db.cachedStatement(sql: """
                UPDATE person SET
                    gender = CASE WHEN :gender = 'unknown' THEN gender ELSE :gender END,
                    ethnicity = CASE WHEN :ethnicity = 'unknown' THEN ethnicity ELSE :ethnicity END,
                    disability = CASE WHEN :disability = 'unknown' THEN disability ELSE :disability END,
                    lgbt = CASE WHEN :lgbt = 'unknown' THEN lgbt ELSE :lgbt END,
                    postcode = COALESCE(:postcode, postcode),
                    postcode_district = COALESCE(:district, postcode_district)
                WHERE id = :id
                """).execute(arguments: ["gender": input.gender.rawValue, "ethnicity": input.ethnicity.rawValue,
                                 "disability": input.disability.rawValue, "lgbt": input.lgbt.rawValue,
                                 "postcode": postcode, "district": input.postcode?.district, "id": id])
            return (id, false)
        }
        try db.cachedStatement(sql: """
            INSERT INTO person (role, name, name_key, dob, gender, ethnicity, disability, lgbt, postcode, postcode_district)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [role.rawValue, input.name, key.name, key.dob?.description, input.gender.rawValue,
                             input.ethnicity.rawValue, input.disability.rawValue, input.lgbt.rawValue,
                             postcode, input.postcode?.district])
        let id = db.lastInsertedRowID
        try PersonSearchIndex().add(db, personID: id, .name, name: input.name)
        return (id, true)
    }

    /// Works out the repeat flag of every referral of one victim, in date
    /// order, so referrals loaded out of order still come out right.
    package func recomputeRepeats(_ db: Database, victimID: Int64) throws {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT r.id, r.referred_on, r.perpetrator_id, r.is_repeat, r.criteria
            FROM referral r WHERE r.victim_id = ? ORDER BY r.referred_on, r.id
            """), arguments: [victimID])
        var priors: [RepeatRule.Prior] = []
        for row in rows {
            let reader = RecordReader(row, table: "referral")
            let day = try reader.day("referred_on")
            // People are deduplicated by identity, so the same perpetrator is the same row.
            let perpetrator = (try reader.value("perpetrator_id") as Int64?).map { IdentityKey(name: "#\($0)", dob: nil) }
            let isRepeat = RepeatRule.isRepeat(referredOn: day, perpetrator: perpetrator, priors: priors)
            var criteria = Set(try reader.criteria("criteria"))
            if isRepeat { criteria.insert(.repeat) } else { criteria.remove(.repeat) }
            let text = ReferralRecord.criteriaText(criteria)
            let storedRepeat: Bool = try reader.value("is_repeat")
            let storedCriteria: String = try reader.value("criteria")
            if isRepeat != storedRepeat || text != storedCriteria {
                try db.cachedStatement(sql: "UPDATE referral SET is_repeat = ?, criteria = ? WHERE id = ?")
                    .execute(arguments: [isRepeat, text, try reader.value("id") as Int64])
            }
            priors.append(.init(referredOn: day, perpetrator: perpetrator))
        }
    }

    // MARK: Screening and lifecycle

    /// Screens a received referral in. Only a referral just received is
    /// screened: a listed, heard or closed case is refused, never sent back.
    @discardableResult
    package func screenIn(_ db: Database, _ record: ReferralRecord, by actor: Actor) throws -> ReferralRecord {
        guard record.status.canBeScreened else {
            throw CaseError(.invalid, "\(record.ref) is \(record.status.words); only a referral just received is screened")
        }
        // Sharing without consent needs its reason and lawful basis on record first (Core's rule).
        let missing = ConsentDecision.problemsBeforeSharing(consent: record.consent, reason: record.sharingReason, basis: record.lawfulBasis)
        if !missing.isEmpty {
            // How to go on, said once (on the last line).
            throw CaseError(.invalid, missing.enumerated().map { index, problem in
                CaseError.Problem(field: problem.field, "\(record.ref) was not screened in: \(problem.message)",
                                  hint: index == missing.count - 1 ? .recordConsentDecision : nil)
            })
        }
        return try transition(db, record, to: .screenedIn, by: actor, detail: "screened in")
    }

    /// Declines a received referral; the reason is required and kept.
    package func decline(_ db: Database, _ record: ReferralRecord, reason: String, by actor: Actor) throws {
        guard record.status.canBeScreened else {
            throw CaseError(.invalid, "\(record.ref) is \(record.status.words); only a referral just received is screened")
        }
        try transition(db, record, to: .declined, by: actor, detail: "declined")
        try db.execute(sql: "UPDATE referral SET decline_reason = ? WHERE id = ?", arguments: [reason, record.id])
    }

    /// How many cases one lapse transaction changes at most: short enough that
    /// the write lock is held for well under 250 ms at a time (about 70 ms at
    /// a million referrals, docs/benchmarks.md), so a coordinator's
    /// `referral add` gets in between two batches; long enough that the pauses
    /// between batches are a small part of the run.
    public static let lapseBatchSize = 5_000

    /// Where the next lapse batch starts: the position in Core's list of
    /// lapsable statuses and the last (referred_on, id) done within it.
    package struct LapseCursor: Sendable, Equatable {
        var status = 0
        var referredOn = ""
        var id: Int64 = 0

        package init() {}
        init(status: Int) { self.status = status }
    }

    /// Marks as lapsed at most `limit` cases whose victim has had no referral
    /// for 12 months, from the statuses Core says may lapse, starting at
    /// `cursor`; each with its status change and audit row. Returns how many
    /// lapsed and where the next batch starts (nil when none is left). Walks
    /// `referral_by_status` in (status, referred_on, id) order, so no batch
    /// sorts or holds more than its own rows, and a case not due is passed
    /// once, never read again. (The cursor is a range on referred_on and a
    /// filter on id: written as `a > ? OR (a = ? AND id > ?)` SQLite plans a
    /// multi-index OR and sorts every candidate in a temporary B-tree for
    /// each batch, which made a batch of 2,000 take over a second at 1M.)
    package func lapseBatch(_ db: Database, from cursor: LapseCursor = .init(), limit: Int, by actor: Actor)
        throws -> (lapsed: Int, next: LapseCursor?) {
        let cutoff = clock.today.adding(months: -ReferralStatus.lapseMonths).description
        let statuses = ReferralStatus.lapsable
        let candidates = try db.cachedStatement(sql: """
            SELECT r.id, r.referred_on, r.ref FROM referral r INDEXED BY referral_by_status
            WHERE r.status = ? AND r.referred_on < ?
              AND r.referred_on >= ? AND NOT (r.referred_on = ? AND r.id <= ?)
              AND NOT EXISTS (SELECT 1 FROM referral later
                              WHERE later.victim_id = r.victim_id AND later.referred_on >= ?)
            ORDER BY r.referred_on, r.id LIMIT ?
            """)
        // The batch's cases in one statement (ids as a JSON array), their
        // audit rows with the chain's head read once: the same rows as one
        // UPDATE and one `Audit.record` per case, without their per-row cost.
        let update = try db.cachedStatement(sql: """
            UPDATE referral SET status = ?, version = version + 1, updated_at = ?, updated_by = ?
            WHERE id IN (SELECT value FROM json_each(?)) AND status = ?
            """)
        var cursor = cursor
        var lapsed = 0
        let now = clock.timestamp
        while cursor.status < statuses.count {
            let status = statuses[cursor.status]
            // Core decides: a status that may not lapse is never written.
            do { _ = try status.transition(to: .lapsed) } catch { throw CaseError(.invalid, "\(status.rawValue): \(error.description)") }
            let rows = try Row.fetchAll(candidates, arguments: [status.rawValue, cutoff, cursor.referredOn, cursor.referredOn, cursor.id,
                                                                cutoff, limit - lapsed])
            let ids: [Int64] = rows.map { $0[0] }
            if !ids.isEmpty {
                try update.execute(arguments: [ReferralStatus.lapsed.rawValue, now, actor.name,
                                               "[" + ids.map(String.init).joined(separator: ",") + "]", status.rawValue])
                // Read in this transaction with that status: every one changes.
                guard db.changesCount == ids.count else {
                    throw CaseError(.conflict, "the lapse changed \(db.changesCount) of \(ids.count) cases; nothing in this batch was kept")
                }
                let detail = "\(status.rawValue)->\(ReferralStatus.lapsed.rawValue): lapsed: no referral for 12 months"
                try Audit.recordAll(db, actor: actor, ids.map { (action: "status", entity: "referral", entityID: $0, detail: detail) })
                cursor.referredOn = rows[rows.count - 1][1]
                cursor.id = ids[ids.count - 1]
            }
            lapsed += rows.count
            if lapsed >= limit { return (lapsed, cursor) }
            cursor = LapseCursor(status: cursor.status + 1)
        }
        return (lapsed, nil)
    }

    /// Every status change: asks Core whether it is legal, writes it and its audit row.
    @discardableResult
    package func transition(_ db: Database, _ record: ReferralRecord, to target: ReferralStatus, by actor: Actor, detail: String) throws -> ReferralRecord {
        do {
            _ = try record.status.transition(to: target)
        } catch {
            throw CaseError(.invalid, "\(record.ref): \(error.description)")
        }
        try db.cachedStatement(sql: """
            UPDATE referral SET status = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?
            """).execute(arguments: [target.rawValue, clock.timestamp, actor.name, record.id])
        try Audit.record(db, actor: actor, action: "status", entity: "referral", entityID: record.id,
                         detail: "\(record.status.rawValue)->\(target.rawValue): \(detail)")
        var changed = record
        changed.status = target
        changed.version += 1
        return changed
    }

    // MARK: Reading

    package func fetch(_ db: Database, ref: String) throws -> ReferralRecord {
        guard let record = try ReferralRecord.fetchOne(db, sql: "SELECT * FROM referral WHERE ref = ?", arguments: [ref]) else {
            throw CaseError(.notFound, "no referral with that reference")
        }
        return record
    }

    /// `scope` limits the linked cases (other victims' referrals) to those
    /// the reader may see; the case itself is checked by the caller.
    package func referral(_ db: Database, ref: String,
                          scope: (sql: String, arguments: StatementArguments) = ("1", [])) throws -> ReferralDetail {
        do {
            let record = try fetch(db, ref: ref)
            guard let victim = try PersonRecord.fetchOne(db, sql: "SELECT * FROM person WHERE id = ?", arguments: [record.victimID]) else {
                throw CaseError(.storage, "referral row \(record.id): its victim is missing")
            }
            let perpetrator = try record.perpetratorID.flatMap {
                try PersonRecord.fetchOne(db, sql: "SELECT * FROM person WHERE id = ?", arguments: [$0])
            }
            let actions = try ActionRecord.fetchAll(db, sql: """
                SELECT \(ActionRecord.selection) FROM action a \(ActionRecord.joins)
                WHERE a.referral_id = ? ORDER BY a.due_on, a.id
                """, arguments: [record.id])
            let meetings = try String.fetchAll(db, sql: """
                SELECT m.held_on FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
                WHERE i.referral_id = ? ORDER BY m.held_on
                """, arguments: [record.id]).compactMap(Day.init)
            let history = try ReferralSummary.fetchAll(db, sql: """
                SELECT \(ReferralSummary.selection) FROM referral r JOIN person v ON v.id = r.victim_id
                WHERE r.victim_id = ? ORDER BY r.referred_on DESC, r.id DESC LIMIT 50
                """, arguments: [record.victimID])
            let children = try Row.fetchAll(db, sql: "SELECT id, name, dob, lives_with FROM child WHERE referral_id = ? ORDER BY id LIMIT 50",
                                            arguments: [record.id]).map { row in
                let r = RecordReader(row, table: "child")
                return ChildInput(name: try r.value("name"), dob: try r.optionalDay("dob"), livesWith: try r.value("lives_with"))
            }
            let aliases = try String.fetchAll(db, sql: "SELECT name FROM person_alias WHERE person_id = ? ORDER BY id LIMIT 50",
                                              arguments: [record.victimID])
            // Linked cases: the same perpetrator against other victims (the
            // victim's own referrals are the history above).
            let linked = try record.perpetratorID.map { perpetratorID in
                try ReferralSummary.fetchAll(db, sql: """
                    SELECT \(ReferralSummary.selection) FROM referral r JOIN person v ON v.id = r.victim_id
                    WHERE r.perpetrator_id = ? AND r.victim_id <> ? AND \(scope.sql)
                    ORDER BY r.referred_on DESC, r.id DESC LIMIT 50
                    """, arguments: [perpetratorID, record.victimID] + scope.arguments)
            } ?? []
            let shared = try Row.fetchAll(db, sql: """
                SELECT m.held_on, i.information_shared FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
                WHERE i.referral_id = ? AND i.information_shared IS NOT NULL ORDER BY m.held_on
                """, arguments: [record.id]).map { row in
                let r = RecordReader(row, table: "agenda_item")
                return (meeting: try r.day("held_on"), text: try r.value("information_shared") as String)
            }
            return ReferralDetail(referral: record, victim: victim, perpetrator: perpetrator, children: children, actions: actions,
                                  meetings: meetings, victimHistory: history, aliases: aliases, linkedCases: linked, shared: shared)
        }
    }

    public typealias Filter = ReferralFilter

    /// Newest first, a page at a time; `after` is the cursor the previous page returned.
    package func list(_ db: Database, _ filter: Filter, limit: Int, after cursor: String? = nil,
                      scope: (sql: String, arguments: StatementArguments) = ("1", [])) throws -> Page<ReferralSummary> {
        var conditions: [String] = [scope.sql]
        var arguments: StatementArguments = scope.arguments
        if let status = filter.status { conditions.append("r.status = ?"); arguments += [status.rawValue] }
        if let band = filter.band { conditions.append("r.risk_band = ?"); arguments += [band.rawValue] }
        if let agency = filter.agency {
            conditions.append("(r.referring_agency = ? OR r.second_agency = ?)")
            arguments += [agency, agency]
        }
        if let since = filter.since { conditions.append("r.referred_on >= ?"); arguments += [since.description] }
        if let cursor {
            guard let (day, id) = Cursor.decode(cursor) else { throw CaseError(.invalid, field: "after", "is not a cursor from an earlier page") }
            conditions.append("(r.referred_on < ? OR (r.referred_on = ? AND r.id < ?))")
            arguments += [day, day, id]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try ReferralSummary.fetchAll(db, sql: """
            SELECT \(ReferralSummary.selection) FROM referral r JOIN person v ON v.id = r.victim_id
            \(whereClause) ORDER BY r.referred_on DESC, r.id DESC LIMIT ?
            """, arguments: arguments + [limit + 1])
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { Cursor.encode($0.referredOn.description, $0.id) } : nil
        return Page(items: items, next: next)
    }

    /// Referrals waiting to be screened: highest risk first (Core's urgency),
    /// then longest waiting. One index range per band, in queue order: each
    /// walks `referral_by_status` (status, referred_on, then the rowid) from
    /// the longest waiting and stops at the page, so a key costs the same
    /// whether ten or ten thousand referrals wait (the band's test is written
    /// `+r.risk_band` so the planner never walks the band's whole history in
    /// `referral_by_band` instead). Only the page's rows are joined to their victims.
    package func triageQueue(_ db: Database, limit: Int, offset: Int = 0,
                             scope: (sql: String, arguments: StatementArguments) = ("1", [])) throws -> [ReferralSummary] {
        let bands = RiskBand.allCases.sorted { $0.urgency < $1.urgency }
        let perBand = bands.map { band in
            """
            SELECT * FROM (SELECT r.id, \(band.urgency) AS rank, r.referred_on AS day FROM referral r
                           WHERE r.status = '\(Self.received)' AND +r.risk_band = '\(band.rawValue)' AND \(scope.sql)
                           ORDER BY r.referred_on, r.id LIMIT ?)
            """
        }.joined(separator: "\nUNION ALL\n")
        var arguments: StatementArguments = []
        for _ in bands { arguments += scope.arguments + [limit + offset] }
        return try ReferralSummary.fetchAll(db, sql: """
            SELECT \(ReferralSummary.selection)
            FROM (\(perBand) ORDER BY rank, day, id LIMIT ? OFFSET ?) page
            JOIN referral r ON r.id = page.id JOIN person v ON v.id = r.victim_id
            ORDER BY page.rank, page.day, page.id
            """, arguments: arguments + [limit, offset])
    }

    /// How many referrals wait to be screened: the whole count, whatever the window shows.
    /// It walks every waiting referral, so it is remembered until the audit chain
    /// moves (`AuditedCount`): a key on the triage screen does not count them again.
    package func waitingCount(_ db: Database, scope: (sql: String, arguments: StatementArguments) = ("1", [])) throws -> Int {
        try AuditedCount.count(db, sql: "SELECT COUNT(*) FROM referral r WHERE r.status = '\(Self.received)' AND \(scope.sql)",
                               arguments: scope.arguments)
    }

    /// Core's code for a referral waiting to be screened, written into the SQL
    /// as a literal (it is a constant, never user input) so SQLite can use the
    /// partial index over it.
    static let received = ReferralStatus.received.rawValue
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
