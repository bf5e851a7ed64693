internal import MaracStore
internal import GRDB

/// Settings, agencies, demo data, figures, search and the audit trail.
extension Session {
    public func setting(_ key: String) throws(CaseError) -> String? {
        try read(.viewSettings) { db, _ in try SettingStore.value(db, key) }
    }

    /// Changes a setting a person may change (`Settings.userSettable`).
    public func changeSetting(_ key: String, to value: String) throws(CaseError) {
        guard Settings.userSettable[key] != nil else {
            throw CaseError(.invalid, field: "key", "is not a setting; settings are: \(Settings.userSettable.keys.sorted().joined(separator: ", "))")
        }
        guard let number = Int(value), number > 0, number < 100_000_000 else {
            throw CaseError(.invalid, field: "value", "must be a whole number above 0")
        }
        if key == Settings.suppressionThreshold, number < 2 {
            throw CaseError(.invalid, field: "value", "the suppression threshold must be 2 or more")
        }
        try write(.changeSettings) { db, _ in try SettingStore.set(db, key, String(number), by: actor) }
    }

    /// Refuses when this is a demo database: real referrals are never mixed
    /// with synthetic people (and then shown as synthetic).
    /// Logging and importing ask this inside their own transaction; a front
    /// end may ask first, before anyone types a whole referral.
    public func requireRealDatabase() throws(CaseError) {
        if try isDemo() { throw demoRefusal }
    }

    /// The same, inside the caller's transaction.
    func requireRealDatabase(_ db: Database) throws {
        if try SettingStore.isDemo(db) { throw demoRefusal }
    }

    private var demoRefusal: CaseError {
        CaseError(.notPermitted, "\(TerminalText.escape(database.path)) is a DEMO database (synthetic people only); real referrals cannot be added to it")
    }

    /// True when this database holds synthetic demo people only (no permission needed: it names no one).
    public func isDemo() throws(CaseError) -> Bool {
        do { return try database.read { db in try SettingStore.isDemo(db) } } catch { throw CaseError.from(error) }
    }

    /// Fills an empty database with synthetic people.
    public func fillDemo(seed: UInt64, size: DemoSize) throws(CaseError) -> DemoOutcome {
        try write(.fillDemo) { db, _ in try DemoData(clock: clock).fill(db, seed: seed, size: size, by: actor) }
    }

    public func agencies() throws(CaseError) -> [Agency] {
        try read(.viewAgencies) { db, _ in try AgencyService().list(db) }
    }

    public func addAgency(code: String, name: String) throws(CaseError) {
        try write(.manageAgencies) { db, _ in try AgencyService().add(db, code: code, name: name, by: actor) }
    }

    /// The figures for a period; the population comes from the setting unless
    /// given. Exact figures are for the coordinator; everyone else allowed
    /// figures gets them suppressed (`mustSuppress`).
    public func figures(_ period: FiguresPeriod, population: Int? = nil) throws(CaseError) -> Figures {
        let stored = try read(.viewSuppressedFigures) { db, _ in try SettingStore.value(db, Settings.adultFemalePopulation).flatMap(Int.init) }
        // Counts only, read on two connections at once (FiguresService).
        do { return try FiguresService(today: today).figures(database.writer, period, population: population ?? stored) } catch {
            throw CaseError.from(error)
        }
    }

    /// Whether figures must be suppressed for this person (exact small counts
    /// go only to those the policy lets see them).
    public func mustSuppressFigures() throws(CaseError) -> Bool {
        try read(.viewSuppressedFigures) { db, permit in Policy.grant(permit.user.roles, .viewExactFigures) == nil }
    }

    /// Counts below this are hidden wherever figures are suppressed (a setting, 5 by default).
    public func suppressionThreshold() throws(CaseError) -> Int {
        try read(.viewSuppressedFigures) { db, _ in
            guard let text = try SettingStore.value(db, Settings.suppressionThreshold) else { return Suppression.defaultThreshold }
            guard let value = Int(text), value >= 2 else {
                throw CaseError(.invalid, field: "suppression-threshold", "the stored setting must be a whole number, 2 or more")
            }
            return value
        }
    }

    /// Records that exact (unsuppressed) figures left the system.
    public func recordExactFigures(_ detail: String) throws(CaseError) {
        try write(.viewExactFigures) { db, _ in
            try Audit.record(db, actor: actor, action: "unsuppressed", entity: "figures", entityID: nil, detail: detail)
        }
    }

    /// People matching a name, alias, date of birth or postcode, within scope;
    /// the result set's people are recorded as seen (never the search text).
    public func searchPeople(_ query: String, limit: Int = 50) throws(CaseError) -> [SearchMatch] {
        try write(.searchPeople) { db, permit in
            let matches = try SearchService().people(db, matching: query, limit: limit, scope: permit.scope,
                                                     scopeIDs: ScopeSQL.ownCaseIDs(permit.grant, login: actor.name))
            try recordAccess(db, permit, referralIDs: [], personIDs: matches.map(\.personID))
            return matches
        }
    }

    public func cases(ofPerson id: Int64, limit: Int = 100) throws(CaseError) -> [PersonCase] {
        try write(.searchPeople) { db, permit in
            let cases = try SearchService().cases(db, ofPerson: id, limit: limit, scope: permit.scope)
            try recordAccess(db, permit, referralIDs: cases.map(\.summary.id), personIDs: cases.isEmpty ? [] : [id])
            return cases
        }
    }

    /// The audit trail newest first: of one referral, or of one kind of record.
    public func auditTrail(referral ref: String? = nil, entity: String? = nil, before cursor: Int64? = nil,
                           limit: Int) throws(CaseError) -> Page<AuditEntry> {
        try read(.viewAudit) { db, _ in
            let trail = AuditTrail()
            if let ref {
                return try trail.page(db, entity: "referral", entityID: try trail.referralID(db, ref: ref), before: cursor, limit: limit)
            }
            return try trail.page(db, entity: entity, before: cursor, limit: limit)
        }
    }
}
