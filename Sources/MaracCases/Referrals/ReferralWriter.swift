internal import MaracStore
internal import GRDB

/// Adding a referral, or replacing one's details: the checks (a reference
/// already used, a lawful basis not on the MARAC's list, an edit of a version
/// that has moved on), the rows through the store, and their audit rows.
/// Runs inside the caller's transaction; several compose into one.
struct ReferralWriter {
    let actor: Actor
    let clock: Clock

    /// Adds one referral; returns its id. With `identity` a near match of
    /// the victim or perpetrator must be decided (issue 20); without it (an
    /// edit, an import) the exact rule alone finds people.
    func add(_ db: Database, _ input: ReferralInput, identity: IntakeIdentity? = nil) throws -> Int64 {
        try write(db, input, update: false, existing: try ReferralRows.stored(db, ref: input.ref), identity: identity)
    }

    /// Saves an edit of an existing referral, unless someone else has changed it
    /// since it was opened (its version moved on): then nothing is written and
    /// the error says who changed it and when, so the editor keeps their text.
    /// A correction writes its own audit row, naming the fields it changed (`audited` false).
    func replace(_ db: Database, _ input: ReferralInput, expectedVersion: Int, audited: Bool = true) throws {
        let current = try ReferralLookup.record(db, ref: input.ref)
        guard current.version == expectedVersion else {
            throw CaseError(.conflict, "\(input.ref) was changed by \(current.updatedBy) at \(current.updatedAt) after it was opened; this edit was not saved",
                            hint: .reloadRecord)
        }
        _ = try write(db, input, update: true, existing: try ReferralRows.stored(db, ref: input.ref), audited: audited)
    }

    /// Adds one referral, or with `update` replaces the one with its reference
    /// (`existing`, looked up by the caller: an import reads each reference once).
    func write(_ db: Database, _ input: ReferralInput, update: Bool, existing: ReferralRows.Stored?, identity: IntakeIdentity? = nil,
               audited: Bool = true) throws -> Int64 {
        if existing != nil, !update {
            throw CaseError(.invalid, field: "referral_ref", "\(input.ref) already exists", hint: .replaceExisting)
        }
        if let code = input.lawfulBasis, try !ReferralRows.isLawfulBasis(db, code) {
            throw try Self.unknownLawfulBasis(db, code)
        }
        let victim = try identity?.person(db, input.victim, role: .victim) ?? ReferralPeople.person(db, input.victim, role: .victim)
        let perpetratorID = try input.perpetrator.map {
            try (identity?.person(db, $0, role: .perpetrator) ?? ReferralPeople.person(db, $0, role: .perpetrator)).id
        }
        let now = clock.timestamp
        let values: [String: (any DatabaseValueConvertible)?]
        do { values = try ReferralRows.values(input, by: actor, now: now, daraHigh: try ReferralRows.daraHigh(db)) } catch let failure as ValidationFailure { throw CaseError(failure) }
        let id: Int64
        if let existing {
            id = existing.id
            try ReferralRows.replace(db, id: id, values, consent: input.consent, victimID: victim.id, perpetratorID: perpetratorID,
                                     by: actor, now: now)
            if audited { try Audit.record(db, actor: actor, action: "update", entity: "referral", entityID: id, detail: "details replaced") }
            try ReferralRepeats.recompute(db, victimID: existing.victimID)
        } else {
            id = try ReferralRows.insert(db, values, consent: input.consent, victimID: victim.id, perpetratorID: perpetratorID,
                                         by: actor, now: now)
            try Audit.record(db, actor: actor, action: "create", entity: "referral", entityID: id,
                             detail: Self.createdDetail(band: input.band.rawValue, status: input.initialStatus.rawValue))
        }
        // A replaced referral's children are replaced; a new one has none yet.
        try ReferralRows.writeChildren(db, referralID: id, victimID: victim.id, input.children, replacing: existing != nil)
        // Plain fields (the field table's, column names from the table, values
        // bound) and the figures snapshot: one statement.
        try ReferralRows.snapshotForFigures(db, referralID: id, plain: input.plain)
        // A victim first known from this referral has no other referral, so
        // it cannot be a repeat and nothing needs working out again.
        if !victim.isNew || existing != nil { try ReferralRepeats.recompute(db, victimID: victim.id) }
        return id
    }

    /// A lawful basis must be one of this MARAC's list (`lawful_basis`).
    static func unknownLawfulBasis(_ db: Database, _ code: String) throws -> CaseError {
        let known = try ReferralRows.lawfulBasisCodes(db)
        return CaseError(.invalid, field: "lawful_basis", "the value is not one of this MARAC's lawful bases (\(known.joined(separator: ", ")))")
    }

    /// The audit detail of a referral added: its band and status as written.
    static func createdDetail(band: String, status: String) -> String { "band=\(band) status=\(status)" }

    /// The audit rows of referrals added set-based (an import), in order.
    func recordCreated(_ db: Database, _ created: [ImportBulk.Created]) throws {
        try Audit.recordAll(db, actor: actor, created.map {
            (action: "create", entity: "referral", entityID: $0.id, detail: Self.createdDetail(band: $0.band, status: $0.status))
        })
    }
}
