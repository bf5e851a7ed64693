internal import MaracStore
internal import GRDB

/// The names the figures are shown with, and the setting that names the MARAC.
extension Session {
    /// The MARAC's name and every agency's name by code, for whoever may see
    /// figures (an analyst included): names of organisations, never of people.
    public func figuresNames() throws(CaseError) -> FiguresNames {
        try read(.viewSuppressedFigures) { db, _ in
            let agencies = try AgencyService().list(db)
            return FiguresNames(maracName: try SettingStore.value(db, Settings.maracName),
                                agencies: Dictionary(agencies.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// A setting that holds words (`Settings.textSettings`): one line, no
    /// control characters, at most `maracNameMaxLength` characters; never
    /// truncated. The audit row names the key only (the value is the MARAC's
    /// name, not a person's, but the trail keeps to ids and keys).
    func changeTextSetting(_ key: String, to value: String) throws(CaseError) {
        let words = value.trimmingCharacters(in: .whitespaces)
        guard !words.isEmpty else { throw CaseError(.invalid, field: "value", "is required: the words for \(key)") }
        do throws(FieldError) {
            try FieldLimits.check("value", words, maxLength: Settings.maracNameMaxLength, multiLine: false)
        } catch { throw CaseError(error) }
        try write(.changeSettings) { db, _ in
            try SettingStore.set(db, key, words)
            try Audit.record(db, actor: actor, action: "set", entity: "setting", entityID: nil, detail: key)
        }
    }
}
