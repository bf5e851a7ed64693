internal import MaracStore
internal import GRDB

/// Settings, agencies, demo data and figures.
extension Session {
    public func setting(_ key: String) throws(CaseError) -> String? {
        try read(.viewSettings) { db, _ in try SettingStore.value(db, key) }
    }

    /// Changes a setting a person may change (`Settings.userSettable`).
    public func changeSetting(_ key: String, to value: String) throws(CaseError) {
        if Settings.textSettings[key] != nil { return try changeTextSetting(key, to: value) }
        if let coded = Settings.codedSettings[key] {
            let code = value.trimmingCharacters(in: .whitespaces).lowercased()
            guard coded.codes.contains(code) else {
                throw CaseError(.invalid, field: "value", "must be one of: \(coded.codes.joined(separator: ", "))")
            }
            return try write(.changeSettings) { db, _ in
                try SettingStore.set(db, key, code)
                try Audit.record(db, actor: actor, action: "set", entity: "setting", entityID: nil, detail: "\(key)=\(code)")
            }
        }
        guard Settings.userSettable[key] != nil else {
            let all = Array(Settings.userSettable.keys) + Array(Settings.textSettings.keys) + Array(Settings.codedSettings.keys)
            throw CaseError(.invalid, field: "key", "is not a setting; settings are: \(all.sorted().joined(separator: ", "))")
        }
        guard let number = Int(value), number > 0, number < 100_000_000 else {
            throw CaseError(.invalid, field: "value", "must be a whole number above 0")
        }
        if key == Settings.suppressionThreshold, number < 2 {
            throw CaseError(.invalid, field: "value", "the suppression threshold must be 2 or more")
        }
        if key == Settings.serialVictims, number < 2 {
            throw CaseError(.invalid, field: "value", "a serial perpetrator has 2 or more victims: the count must be 2 or more")
        }
        try write(.changeSettings) { db, _ in
            try SettingStore.set(db, key, String(number))
            try Audit.record(db, actor: actor, action: "set", entity: "setting", entityID: nil, detail: "\(key)=\(number)")
        }
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

    /// Fills an empty database with synthetic people: refused for a database
    /// holding records demo did not make (fake people never mix with real ones).
    public func fillDemo(seed: UInt64, size: DemoSize) throws(CaseError) -> DemoOutcome {
        try write(.fillDemo) { db, _ in
            if try DemoData.recordCount(db) > 0 {
                if try SettingStore.isDemo(db) { return .alreadyDemo }
                throw CaseError(.notPermitted, "this database holds records demo did not make; demo data goes in a database of its own")
            }
            let counts = try DemoData(clock: clock).fill(db, seed: seed, size: size, by: actor) { created in
                try referralWriter.recordCreated(db, created)
            }
            try Audit.record(db, actor: actor, action: "demo", entity: "database", entityID: nil,
                             detail: "seed=\(seed) size=\(size.rawValue) referrals=\(counts.referrals)")
            return .filled(referrals: counts.referrals, meetings: counts.meetings, actions: counts.actions)
        }
    }

    public func agencies() throws(CaseError) -> [Agency] {
        try read(.viewAgencies) { db, _ in try AgencyService().list(db) }
    }

    /// Adds a local agency: a new code and a name (one line, up to 120 characters).
    public func addAgency(code text: String, name: String) throws(CaseError) {
        try write(.manageAgencies) { db, _ in
            let code: AgencyCode
            do throws(FieldError) { code = try AgencyCode(validating: text, field: "code") } catch { throw CaseError(error) }
            let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else { throw CaseError(.invalid, field: "name", "is required") }
            do throws(FieldError) { try FieldLimits.check("name", name, maxLength: 120, multiLine: false) } catch { throw CaseError(error) }
            let agencies = AgencyService()
            if try agencies.isKnown(db, code: code.rawValue) {
                throw CaseError(.invalid, field: "code", "\(code) already exists")
            }
            try agencies.insert(db, code: code.rawValue, name: name)
            try Audit.record(db, actor: actor, action: "create", entity: "agency", entityID: nil, detail: code.rawValue)
        }
    }

    /// The figures for a period; the population comes from the setting unless
    /// given. Exact figures are for the coordinator; everyone else allowed
    /// figures gets them suppressed (`mustSuppress`).
    public func figures(_ period: FiguresPeriod, population: Int? = nil) throws(CaseError) -> Figures {
        let stored = try read(.viewSuppressedFigures) { db, _ in try SettingStore.value(db, Settings.adultFemalePopulation).flatMap(Int.init) }
        // Counts only, read in one transaction (FiguresService).
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

    /// The base figures that leave the MARAC are rounded to instead of
    /// suppressed (`figures-rounding`); nil when unset or 1 (suppression).
    public func figuresRounding() throws(CaseError) -> Int? {
        try read(.viewSuppressedFigures) { db, _ in
            guard let text = try SettingStore.value(db, Settings.figuresRounding) else { return nil }
            guard let value = Int(text), value >= 1 else {
                throw CaseError(.invalid, field: "figures-rounding", "the stored setting must be a whole number, 1 or more")
            }
            return value > 1 ? value : nil
        }
    }

    /// Records that exact (unsuppressed) figures left the system.
    public func recordExactFigures(_ detail: String) throws(CaseError) {
        try write(.viewExactFigures) { db, _ in
            try Audit.record(db, actor: actor, action: "unsuppressed", entity: "figures", entityID: nil, detail: detail)
        }
    }
}
