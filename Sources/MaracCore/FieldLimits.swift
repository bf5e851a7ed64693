/// What a text field may hold, checked at the boundary before anything is
/// stored. A value that breaks a limit is rejected with a clear error naming
/// the column; nothing is ever truncated, cut short at a NUL or stored as NULL.
///
/// - NUL and the other C0 control characters (and DEL) are refused; tab is
///   allowed everywhere, newline and carriage return only in multi-line fields.
/// - Every field has a stated maximum length in characters.
public enum FieldLimits {
    /// Short codes, dates, numbers and references.
    public static let code = 64
    /// Names of people (victim, perpetrator, aliases each, children each).
    public static let name = 200
    /// Free text: referrer, relationship, notes, reasons.
    public static let text = 2000
    /// Lists and long single-line values (checklist answers, aliases, children).
    public static let list = 4000

    /// Maximum length of each import column, in characters.
    public static let maxLength: [String: Int] = [
        "referral_ref": code, "referred_on": code, "referring_agency": code, "second_agency": code,
        "victim_name": name, "victim_dob": code, "victim_gender": code, "victim_ethnicity": code,
        "victim_disability": code, "victim_lgbt": code, "victim_postcode": code,
        "perpetrator_name": name, "perpetrator_dob": code, "perpetrator_gender": code,
        "children_in_household": code, "ric_version": code, "ric_answers": code, "ric_score": code,
        "criteria": 200, "professional_judgement_reason": text, "police_incidents_12m": code, "heard_on": code,
        "referrer": text, "relationship": text, "consent": code, "consent_note": text,
        "sharing_reason": code, "lawful_basis": code, "consent_decided_by": code, "consent_decided_at": code,
        "victim_aliases": list, "children": list, "version": code, "abuse_types": 400,
        // Actions, screening and meetings.
        "owner": name, "description": text, "note": text, "reason": text, "information shared": 10_000,
    ]

    /// Fields where a line break is part of the value.
    public static let multiLine: Set<String> = [
        "professional_judgement_reason", "consent_note", "description", "note", "reason", "information shared",
    ]

    /// Checks one raw value. The message names the column and the problem, never the value.
    public static func check(_ column: String, _ value: String, maxLength: Int? = nil, multiLine: Bool? = nil) throws(FieldError) {
        let limit = maxLength ?? FieldLimits.maxLength[column] ?? text
        let lines = multiLine ?? FieldLimits.multiLine.contains(column)
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x00:
                throw FieldError(column, "contains a NUL character; remove it")
            case 0x09:
                continue
            case 0x0A, 0x0D:
                if !lines { throw FieldError(column, "contains a line break; this field is one line") }
            case 0x01..<0x20, 0x7F:
                throw FieldError(column, "contains a control character (U+\(hex(scalar.value))); remove it")
            default:
                continue
            }
        }
        // Count scalars cheaply first; a 10 MB value must not cost a grapheme walk.
        if value.utf8.count > limit, value.unicodeScalars.count > limit, value.count > limit {
            throw FieldError(column, "is longer than \(limit) characters")
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension FieldLimits {
    /// How an error refers to a rejected value of a coded field: never by the
    /// value itself (contracts.md: no error line repeats a value given). A
    /// name or date of birth that landed in the wrong column, or a code that
    /// happens to look like one, reads "the value" all the same; the message
    /// names the column and what is expected.
    public static func quoted(_ text: String) -> String {
        "the value "
    }
}
