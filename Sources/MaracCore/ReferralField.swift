/// The one table of a referral's fields. The import and export columns, the
/// `referral add` flags, the form's fields and labels, and `referral show` all
/// read it, so a field is described once.
///
/// A field whose `storage` is `.plain` needs nothing else in code: it is
/// checked by its kind, stored in the referral column of the same name, and
/// exported, shown and edited from here. Adding one takes this table, a
/// migration and schema.sql.
public struct ReferralField: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Free text up to a length; `multiline` fields may hold newlines.
        case text(maxLength: Int, multiline: Bool)
        /// A person's name: identifying, never echoed in an error.
        case name
        case day
        case count
        /// One of a fixed vocabulary of codes.
        case code([String])
        /// Answers to the risk checklist, one letter a question.
        case checklistAnswers
        /// A `;`-separated list.
        case list
        /// A `;`-separated list of codes from a fixed vocabulary, each once (abuse types).
        case codes([String])
    }

    /// How the field is stored: by the referral rules (`structured`), or as a
    /// plain column of the referral table named as the field.
    public enum Storage: Sendable, Equatable { case structured, plain }

    /// Where a field's value is kept.
    public enum Home: Sendable, Equatable { case referral, victim, perpetrator, household }

    /// The import/export column, and the key of the form's values.
    public let column: String
    /// Words for people: form labels and `referral show`.
    public let label: String
    public let kind: Kind
    public let required: Bool
    /// The `referral add` option, without the leading `--`.
    public let flag: String
    public let help: String
    /// Shown as a text field on the form.
    public let onForm: Bool
    /// Identifying: it names or describes the person (a name, a date of birth,
    /// free text that may hold either). An error about it names the field,
    /// never its value, and a purge clears it.
    public let identifying: Bool
    /// Whose record holds it: the referral's own row, or the victim's or
    /// perpetrator's person row, or the household's children.
    public let home: Home
    public let storage: Storage
    /// Typed by a person (form, `referral add`); false for bookkeeping columns of the file format.
    public let enteredByPeople: Bool

    public init(_ column: String, _ label: String, _ kind: Kind, required: Bool = false, flag: String? = nil, help: String = "",
                onForm: Bool = true, identifying: Bool = false, storage: Storage = .structured, enteredByPeople: Bool = true,
                home: Home = .referral) {
        self.column = column
        self.label = label
        self.kind = kind
        self.required = required
        // Plain Swift, not Foundation's replacingOccurrences: this table is built
        // whenever a command starts (its help lists the fields), and bridging
        // to NSString here was 6% of a command's time.
        self.flag = flag ?? String(column.map { $0 == "_" ? "-" : $0 })
        self.help = help
        self.onForm = onForm
        self.identifying = identifying
        self.home = home
        self.storage = storage
        self.enteredByPeople = enteredByPeople
    }

    static let shortText = Kind.text(maxLength: ReferralInput.maxNameLength, multiline: false)
    static let longText = Kind.text(maxLength: ReferralInput.maxTextLength, multiline: true)

    /// Every field, in export and form order.
    public static let all: [ReferralField] = [
        ReferralField("referral_ref", "Reference", shortText, required: true, flag: "ref", help: "Reference, e.g. BR-2026-0042."),
        ReferralField("referred_on", "Referred on", .day, required: true, help: "Date referred, YYYY-MM-DD (default today)."),
        ReferralField("referring_agency", "Referring agency", .code(ReferralRoute.allCases.map(\.rawValue)), required: true,
                      flag: "agency", help: "Referral route code, e.g. police, idva."),
        ReferralField("second_agency", "Second agency", .code(ReferralRoute.allCases.map(\.rawValue)), help: "Second agency of a joint referral."),
        ReferralField("victim_name", "Victim name", .name, required: true, help: "Victim's name.", identifying: true, home: .victim),
        ReferralField("victim_dob", "Victim DOB", .day, help: "Victim's date of birth, YYYY-MM-DD.", identifying: true, home: .victim),
        ReferralField("victim_gender", "Victim gender", .code(Gender.allCases.map(\.rawValue)), help: "female, male, other, unknown", home: .victim),
        ReferralField("victim_ethnicity", "Ethnicity", .code(Ethnicity.allCases.map(\.rawValue)), help: "white, mixed, asian, black, other, unknown", home: .victim),
        ReferralField("victim_disability", "Disability", .code(TriState.allCases.map(\.rawValue)), help: "yes, no, unknown", home: .victim),
        ReferralField("victim_lgbt", "LGBT+", .code(TriState.allCases.map(\.rawValue)), help: "yes, no, unknown", home: .victim),
        ReferralField("victim_postcode", "Postcode", shortText, help: "Victim's postcode.", identifying: true, home: .victim),
        ReferralField("perpetrator_name", "Perpetrator", .name, help: "Perpetrator's name.", identifying: true, home: .perpetrator),
        ReferralField("perpetrator_dob", "Perpetrator DOB", .day, help: "Perpetrator's date of birth.", identifying: true, home: .perpetrator),
        ReferralField("perpetrator_gender", "Perp. gender", .code(Gender.allCases.map(\.rawValue)), help: "female, male, other, unknown", home: .perpetrator),
        ReferralField("children_in_household", "Children", .count, flag: "children", help: "How many children live in the household."),
        ReferralField("ric_version", "Checklist", .code(ChecklistVersion.allCases.map(\.rawValue)), help: "safelives-24 or police-27", onForm: false),
        ReferralField("ric_answers", "Checklist answers", .checklistAnswers, help: "One letter per question: Y N D or - (not asked).", onForm: false, identifying: true),
        ReferralField("ric_score", "Checklist score", .count, help: "Score only, when the answers are not to hand.", onForm: false),
        ReferralField("criteria", "Criteria", .list,
                      help: "; separated: visible_high_risk professional_judgement escalation (repeat is worked out)"),
        ReferralField("professional_judgement_reason", "Judgement reason", longText, flag: "judgement-reason",
                      help: "Required with professional_judgement.", identifying: true),
        ReferralField("police_incidents_12m", "Incidents 12m", .count, flag: "police-incidents12m",
                      help: "Domestic abuse incidents reported to police in the last 12 months."),
        ReferralField("heard_on", "Heard on", .day, help: "Loading history: the meeting that heard the case.", onForm: false),
        ReferralField("referrer", "Referrer", longText, help: "Name of the referrer.", identifying: true),
        ReferralField("relationship", "Relationship", longText, help: "The perpetrator's relationship to the victim.", identifying: true),
        ReferralField("consent", "Consent", .code(Consent.allCases.map(\.rawValue)),
                      help: "given, not_given, not_sought (not_required is read as not_sought), unknown (not recorded)"),
        ReferralField("consent_note", "Consent note", longText, help: "Why consent was not sought or given; required with sharing reason other.", identifying: true),
        // Shared without consent (v7): why, and on which lawful basis; screening in refuses a case without them.
        ReferralField("sharing_reason", "Sharing reason", .code(SharingReason.allCases.map(\.rawValue)),
                      help: "When consent is not_given or not_sought: high_risk_of_serious_harm, consent_would_increase_risk, lacks_capacity, other"),
        ReferralField("lawful_basis", "Lawful basis", .text(maxLength: 40, multiline: false),
                      help: "When consent is not_given or not_sought: a code from `marac lawful-basis list`"),
        // Who recorded the consent decision and when: set by marac from the acting login, never typed (ignored on import).
        ReferralField("consent_decided_by", "Consent decided by", .text(maxLength: 32, multiline: false),
                      help: "Set by marac: the login that recorded the consent decision.", onForm: false, enteredByPeople: false),
        ReferralField("consent_decided_at", "Consent decided at", .text(maxLength: 32, multiline: false),
                      help: "Set by marac: when the consent decision was recorded.", onForm: false, enteredByPeople: false),
        ReferralField("victim_aliases", "Also known as", .list, help: "Other names the victim is known by, ; separated.", identifying: true, home: .victim),
        ReferralField("children", "Children details", .list, flag: "child-details",
                      help: "The children: name|YYYY-MM-DD|lives with; name|...", identifying: true, home: .household),
        ReferralField("police_reference", "Police reference", .text(maxLength: 40, multiline: false),
                      help: "The police incident or crime reference.", identifying: true, storage: .plain),
        ReferralField("keyworker", "Keyworker", .text(maxLength: 32, multiline: false),
                      help: "The login of the IDVA who is keyworker on the case (they see and edit it).", storage: .plain),
        // Safety flags (issue 10): how the victim may be contacted, shown in words wherever the victim is.
        ReferralField(SafetyFlags.safeToCall, "Safe to call", .code(TriState.allCases.map(\.rawValue)),
                      help: "Safe to call the victim on the safe number: yes, no, unknown.", storage: .plain),
        ReferralField(SafetyFlags.doNotContactAtHome, "No home contact", .code(["yes", "no"]),
                      help: "Do not contact the victim at home: yes or no.", storage: .plain),
        ReferralField(SafetyFlags.perpetratorUnaware, "Perp. unaware", .code(TriState.allCases.map(\.rawValue)),
                      help: "The perpetrator is unaware of the referral: yes, no, unknown.", storage: .plain),
        ReferralField(SafetyFlags.interpreterLanguage, "Interpreter", .text(maxLength: 40, multiline: false),
                      help: "An interpreter is needed: the language.", storage: .plain),
        // Issue 25: the referral form's "referred to another MARAC before? where, when";
        // a case taken in from another MARAC (`transfer in`) has them filled with its sender.
        // Not on the form yet: the terminal UI's form is being reworked (issue 25 left it to that work);
        // `referral add`, import, export, edit and the referral page have them.
        ReferralField("previous_marac", "Previous MARAC", .text(maxLength: Settings.maracNameMaxLength, multiline: false),
                      help: "Referred to another MARAC before: which MARAC.", onForm: false, storage: .plain),
        ReferralField("previous_marac_on", "Previous MARAC on", .day,
                      help: "Referred to another MARAC before: when, YYYY-MM-DD.", onForm: false, storage: .plain),
        // DARA beside DASH (issue 23, v17): the police's own instrument, never scored like DASH.
        ReferralField(RiskInstrument.column, "Instrument", .code(RiskInstrument.allCases.map(\.rawValue)),
                      help: "The risk assessment that came with the referral: dash (default) or dara.", storage: .plain),
        ReferralField(RiskInstrument.versionColumn, "DARA version", .text(maxLength: 20, multiline: false),
                      help: "The DARA form's version, e.g. 2022.", storage: .plain),
        ReferralField(RiskInstrument.gradeColumn, "DARA grade", .code(DaraGrade.allCases.map(\.rawValue)),
                      help: "The officer's DARA risk grade: standard, medium, high.", storage: .plain),
        ReferralField(RiskInstrument.rationaleColumn, "DARA rationale", longText,
                      help: "The officer's rationale for the DARA grade (required with dara).", identifying: true, storage: .plain),
        // Issue 23: what kind of abuse; several allowed. Kept as text on the
        // referral row and, by trigger, one row per type in referral_abuse_type for the figures.
        ReferralField("abuse_types", "Abuse types", .codes(AbuseType.allCases.map(\.rawValue)),
                      help: "; separated: \(AbuseType.allCases.map(\.rawValue).joined(separator: " "))", storage: .plain),
        // Last in every export (checked on import --update); new fields go before it.
        // The record's version when it was exported: an update is refused if it has changed since.
        ReferralField("version", "Version", .count, help: "The version an export was taken at (import --update checks it).",
                      onForm: false, enteredByPeople: false),
    ]

    /// The order the form asks in: who referred, the victim, the perpetrator,
    /// the household, the criteria, consent (the checklist comes after).
    public static let formOrder: [String] = [
        "referral_ref", "referred_on", "referring_agency", "second_agency", "referrer",
        "victim_name", "victim_aliases", "victim_dob", "victim_gender", "victim_ethnicity", "victim_disability", "victim_lgbt", "victim_postcode",
        SafetyFlags.safeToCall, SafetyFlags.doNotContactAtHome, SafetyFlags.perpetratorUnaware, SafetyFlags.interpreterLanguage,
        "perpetrator_name", "perpetrator_dob", "perpetrator_gender", "relationship", "children_in_household", "children",
        "police_incidents_12m", RiskInstrument.column, RiskInstrument.versionColumn, RiskInstrument.gradeColumn, RiskInstrument.rationaleColumn,
        "criteria", "professional_judgement_reason", "police_reference", "keyworker", "consent", "sharing_reason", "lawful_basis", "consent_note",
    ]

    /// The form's fields in the form's order: every field on the form, none twice.
    public static let onFormInOrder: [ReferralField] = {
        let form = all.filter { $0.onForm && $0.enteredByPeople }
        let ordered = formOrder.compactMap { column in form.first { $0.column == column } }
        return ordered + form.filter { !formOrder.contains($0.column) }
    }()

    public static let byColumn: [String: ReferralField] = Dictionary(uniqueKeysWithValues: all.map { ($0.column, $0) })
    /// The `referral add` options: fields people type.
    public static let byFlag: [String: ReferralField] = Dictionary(uniqueKeysWithValues: all.filter(\.enteredByPeople).map { ($0.flag, $0) })

    /// Columns marac sets from the acting login and the clock. A file may carry
    /// them (an export does, so a re-import keeps who decided and when); what
    /// people enter (flags, the form, its edit) never does.
    public static let setByMarac: Set<String> = ["consent_decided_by", "consent_decided_at"]

    /// Free text a use case records on the referral row outside the file
    /// format (why a referral was declined): it may name someone, so a purge
    /// clears it with the identifying fields.
    public static let recordedText: [String] = ["decline_reason"]

    /// The referral row's other text columns, each named here as holding no
    /// identity: codes, references, logins, moments and the figures' snapshot
    /// (a postcode district, never a postcode). `FieldTableTests` checks that
    /// every text column of the referral table is a field, recorded text, the
    /// figures' snapshot or here.
    public static let notIdentifying: Set<String> = [
        "ref", "status", "risk_band", "created_at", "created_by", "updated_at", "updated_by",
    ]

    /// The victim's codes copied onto the referral row when it is written, for
    /// the figures (a postcode district, never a postcode): kept by a purge, so
    /// the figures of past years do not change.
    public static let figuresSnapshot: Set<String> = [
        "victim_district", "victim_gender", "victim_ethnicity", "victim_disability", "victim_lgbt",
    ]

    /// What a purge clears on the referral row: every identifying field kept
    /// there, and the recorded free text. Codes, dates, counts and the
    /// figures' snapshot stay.
    public static let clearedOnPurge: [(column: String, isText: Bool)] =
        all.filter { $0.identifying && $0.home == .referral }.map { field in
            if case .text = field.kind { return (field.column, true) }
            return (field.column, false)
        } + recordedText.map { ($0, true) }

    /// The fields stored as plain referral columns.
    public static let plain: [ReferralField] = all.filter { $0.storage == .plain }

    /// Checks a plain field's text by its kind; the value comes back as stored.
    public func checkPlain(_ text: String, today: Day) throws(FieldError) -> String {
        switch kind {
        case .text(let limit, let multiline):
            try FieldLimits.check(column, text, maxLength: limit, multiLine: multiline)
            return text
        case .name:
            try FieldLimits.check(column, text, maxLength: FieldLimits.name, multiLine: false)
            return text
        case .day:
            return try ReferralInput.parseDay(text, field: column, notAfter: today).description
        case .count:
            return String(try ReferralInput.parseCount(text, field: column))
        case .code(let codes):
            let lower = text.lowercased()
            guard codes.contains(lower) else { throw FieldError(column, "must be one of: \(codes.joined(separator: ", "))") }
            return lower
        case .checklistAnswers, .list:
            try FieldLimits.check(column, text, maxLength: FieldLimits.list, multiLine: false)
            return text
        case .codes:
            try FieldLimits.check(column, text, maxLength: FieldLimits.list, multiLine: false)
            return AbuseType.text(try AbuseType.parseList(text, field: column))
        }
    }
}
