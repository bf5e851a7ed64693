import GRDB

/// Settings, agencies, demo data, figures, search and the audit trail.
extension Session {
    public func setting(_ key: String) throws(CaseError) -> String? {
        try read { db in try SettingStore.value(db, key) }
    }

    /// Changes a setting a person may change (`Settings.userSettable`).
    public func changeSetting(_ key: String, to value: String) throws(CaseError) {
        guard Settings.userSettable[key] != nil else {
            throw CaseError(.invalid, field: "key", "'\(TerminalText.escape(key))' is not a setting; settings are: \(Settings.userSettable.keys.sorted().joined(separator: ", "))")
        }
        guard let number = Int(value), number > 0, number < 100_000_000 else {
            throw CaseError(.invalid, field: "value", "must be a whole number above 0")
        }
        try write { db in try SettingStore.set(db, key, String(number), by: actor) }
    }

    /// Refuses when this is a demo database: real referrals are never mixed
    /// with synthetic people (and then shown as synthetic).
    public func requireRealDatabase() throws(CaseError) {
        if try isDemo() {
            throw CaseError(.notPermitted, "\(TerminalText.escape(database.path)) is a DEMO database (synthetic people only); real referrals cannot be added to it")
        }
    }

    /// True when this database holds synthetic demo people only.
    public func isDemo() throws(CaseError) -> Bool {
        try read { db in try SettingStore.isDemo(db) }
    }

    /// Fills an empty database with synthetic people.
    public func fillDemo(seed: UInt64, size: DemoData.Size) throws(CaseError) -> DemoData.Outcome {
        try write { db in try DemoData(clock: clock).fill(db, seed: seed, size: size, by: actor) }
    }

    public func agencies() throws(CaseError) -> [AgencyService.Agency] {
        try read { db in try AgencyService().list(db) }
    }

    public func addAgency(code: String, name: String) throws(CaseError) {
        try write { db in try AgencyService().add(db, code: code, name: name, by: actor) }
    }

    /// The figures for a period; the population comes from the setting unless given.
    public func figures(_ period: FiguresPeriod, population: Int? = nil) throws(CaseError) -> FiguresService.Figures {
        try read { db in
            let stored = try SettingStore.value(db, Settings.adultFemalePopulation).flatMap(Int.init)
            return try FiguresService(today: today).figures(db, period, population: population ?? stored)
        }
    }

    /// Records that exact (unsuppressed) figures left the system.
    public func recordExactFigures(_ detail: String) throws(CaseError) {
        try write { db in try Audit.record(db, actor: actor, action: "unsuppressed", entity: "figures", entityID: nil, detail: detail) }
    }

    public func searchPeople(_ query: String, limit: Int = 50) throws(CaseError) -> [SearchService.Match] {
        try read { db in try SearchService().people(db, matching: query, limit: limit) }
    }

    public func cases(ofPerson id: Int64, limit: Int = 100) throws(CaseError) -> [SearchService.PersonCase] {
        try read { db in try SearchService().cases(db, ofPerson: id, limit: limit) }
    }

    /// The audit trail newest first, optionally for one referral.
    /// The audit trail newest first: of one referral, or of one kind of record.
    public func auditTrail(referral ref: String? = nil, entity: String? = nil, before cursor: Int64? = nil,
                           limit: Int) throws(CaseError) -> Page<AuditTrail.Entry> {
        try read { db in
            let trail = AuditTrail()
            if let ref {
                return try trail.page(db, entity: "referral", entityID: try trail.referralID(db, ref: ref), before: cursor, limit: limit)
            }
            return try trail.page(db, entity: entity, before: cursor, limit: limit)
        }
    }
}
