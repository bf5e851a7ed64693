/// Why a case is shared without the victim's consent: the grounds a MARAC's
/// information-sharing protocol accepts. `other` needs the consent note.
public enum SharingReason: String, CaseIterable, Sendable, Codable {
    case highRiskOfSeriousHarm = "high_risk_of_serious_harm"
    case consentWouldIncreaseRisk = "consent_would_increase_risk"
    case lacksCapacity = "lacks_capacity"
    case other

    public var words: String {
        switch self {
        case .highRiskOfSeriousHarm: "high risk of serious harm"
        case .consentWouldIncreaseRisk: "seeking consent would increase the risk"
        case .lacksCapacity: "the victim lacks capacity to consent"
        case .other: "other (see the consent note)"
        }
    }
}

/// A lawful basis for sharing without consent, from the MARAC's own list
/// (the `lawful_basis` table, `marac lawful-basis add`): a short code that
/// referrals and files carry, and the text of the law it stands for.
public struct LawfulBasis: Sendable, Equatable {
    public var code: String
    public var text: String

    public init(code: String, text: String) {
        self.code = code
        self.text = text
    }

    /// The basis every new database starts with: public task and substantial
    /// public interest, DPA 2018's condition for safeguarding.
    public static let seeded = LawfulBasis(
        code: "safeguarding",
        text: "UK GDPR Art 6(1)(e); Art 9(2)(g); DPA 2018 Sch 1 para 18 (safeguarding of children and individuals at risk)")

    public static let maxTextLength = 500

    /// Codes are short and plain (letters, digits, `_`, `-`, `.`), so they
    /// are safe in CSV, flags and file names.
    public static func checkCode(_ text: String, field: String = "code") throws(FieldError) -> String {
        let code = text.trimmed(.whitespaces).lowercased()
        guard (1...40).contains(code.count),
              code.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)) }) else {
            throw FieldError(field, "is not a lawful basis code (1–40 letters, digits, _ - .)")
        }
        return code
    }

    /// The text of the law: one line, within its limit.
    public static func checkText(_ text: String) throws(FieldError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw FieldError("text", "is required: the law the basis stands for") }
        try FieldLimits.check("text", trimmed, maxLength: maxTextLength, multiLine: false)
        return trimmed
    }
}

/// The rules of a consent decision: what a referral may record, and what
/// must be recorded before a case is shared at the MARAC without consent.
public enum ConsentDecision {
    /// Problems with what a referral records, whatever it came from. A
    /// reason or basis is only recorded when the case is shared without
    /// consent; `other` needs the note that says what it is. (A missing
    /// reason or basis is not a problem here: see `problemsBeforeSharing`.)
    public static func problemsWhenRecorded(consent: Consent, reason: SharingReason?, basis: String?, note: String?,
                                            reasonGiven: Bool, basisGiven: Bool) -> [FieldError] {
        var problems: [FieldError] = []
        if !consent.sharesWithoutConsent {
            if reasonGiven { problems.append(FieldError("sharing_reason", "is recorded only when consent is not_given or not_sought")) }
            if basisGiven { problems.append(FieldError("lawful_basis", "is recorded only when consent is not_given or not_sought")) }
        }
        if reason == .other, note == nil {
            problems.append(FieldError("consent_note", "is required when the reason for sharing is other: say what it is"))
        }
        return problems
    }

    /// A recorded decision time as marac writes timestamps (`2026-11-24T09:30:00Z`,
    /// optionally with milliseconds): a real date, then the time in UTC.
    public static func checkTimestamp(_ text: String, field: String) throws(FieldError) -> String {
        let ok = (20...24).contains(text.count) && Day(String(text.prefix(10))) != nil && text.dropFirst(10).first == "T" && text.hasSuffix("Z")
            && text.dropFirst(11).dropLast().allSatisfy { $0.isASCII && ($0.isNumber || $0 == ":" || $0 == ".") }
        guard ok else { throw FieldError(field, "is not a time as marac writes it (YYYY-MM-DDTHH:MM:SSZ)") }
        return text
    }

    /// What stops a case being shared (screened in for the meeting): a case
    /// shared without consent needs its reason and its lawful basis recorded.
    public static func problemsBeforeSharing(consent: Consent, reason: SharingReason?, basis: String?) -> [FieldError] {
        guard consent.sharesWithoutConsent else { return [] }
        var problems: [FieldError] = []
        if reason == nil {
            problems.append(FieldError("sharing_reason", "consent is \(consent.words): record why the case is shared without it (one of \(SharingReason.allCases.map(\.rawValue).joined(separator: ", ")))"))
        }
        if basis == nil {
            problems.append(FieldError("lawful_basis", "consent is \(consent.words): record the lawful basis for sharing without it (a code of this MARAC's list of lawful bases)"))
        }
        return problems
    }
}
