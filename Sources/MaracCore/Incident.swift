/// An incident an agency hears of between meetings (issue 23), as typed or
/// read from a file, checked field by field. Against the victim's record
/// (their date of birth, their known perpetrators, their referrals) it is
/// checked by the use case, with the words here.
public struct IncidentInput: Sendable, Equatable {
    /// A referral of the victim: the incident is logged against its victim.
    public var ref: String
    public var agency: AgencyCode
    public var occurredOn: Day
    public var abuseTypes: [AbuseType]
    public var crimeReported: Bool
    /// One of the victim's known perpetrators, by person id; nil: the
    /// perpetrator of the referral named by `ref`, unless `perpetratorUnknown`.
    public var perpetratorID: Int64?
    /// Someone not known to marac (or not said): such an incident cannot be shown to be a repeat.
    public var perpetratorUnknown: Bool
    /// A perpetrator named on the incident rather than picked by id: matched
    /// by the identity rules as at referral (exact, near match asked about, or new).
    public var newPerpetrator: PersonInput?
    public var summary: String
    public var agencyReference: String?

    /// The file's columns, in order; the command's flags are named after them.
    public static let columns = ["referral_ref", "agency", "occurred_on", "abuse_types", "crime_reported",
                                 "perpetrator_id", "summary", "agency_reference", "perpetrator_name", "perpetrator_dob"]
    public static let required: Set<String> = ["referral_ref", "agency", "occurred_on", "abuse_types", "summary"]
    public static let maxSummaryLength = 2_000

    /// Checks every field, listing every problem; `today` bounds the date.
    /// An unknown column is refused by name (a file with a misspelt header
    /// would otherwise lose that column silently).
    public static func validate(_ fields: [String: String], today: Day) throws(ValidationFailure) -> IncidentInput {
        var problems = ProblemList()
        func value(_ column: String) -> String? {
            guard let text = fields[column]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        for column in fields.keys.sorted() where !columns.contains(column) {
            problems.add(column, "is not an incident column; expected: \(columns.joined(separator: ", "))")
        }
        for column in columns where required.contains(column) && value(column) == nil {
            problems.add(column, "is required")
        }
        let ref = value("referral_ref").flatMap { text in problems.check { () throws(FieldError) in try ReferralInput.validateRef(text) } }
        let agency = value("agency").flatMap { text in problems.check { () throws(FieldError) in try AgencyCode(validating: text) } }
        let day = value("occurred_on").flatMap { text in
            problems.check { () throws(FieldError) in try ReferralInput.parseDay(text, field: "occurred_on", notAfter: today) }
        }
        let types = value("abuse_types").flatMap { text in
            problems.check { () throws(FieldError) in try AbuseType.parseList(text, field: "abuse_types") }
        }
        if let types, types.isEmpty { problems.add("abuse_types", "needs at least one abuse type") }
        var crime = false
        if let text = value("crime_reported") {
            switch text.lowercased() {
            case "yes": crime = true
            case "no": crime = false
            default: problems.add("crime_reported", "must be yes or no")
            }
        }
        var perpetratorID: Int64?
        var unknown = false
        if let text = value("perpetrator_id") {
            if text.lowercased() == "unknown" { unknown = true }
            else if let id = Int64(text), id > 0 { perpetratorID = id }
            else { problems.add("perpetrator_id", "must be a person id (a whole number) or unknown") }
        }
        var named: PersonInput?
        if let name = value("perpetrator_name") {
            if name.count > ReferralInput.maxNameLength {
                problems.add("perpetrator_name", "is longer than \(ReferralInput.maxNameLength) characters")
            } else if name.contains(where: \.isNewline) {
                problems.add("perpetrator_name", "must be one line")
            } else {
                named = PersonInput(name: name)
            }
            if value("perpetrator_id") != nil {
                problems.add("perpetrator_name", "is given with perpetrator_id; pick a known perpetrator or name a new one, not both")
            }
        }
        if let text = value("perpetrator_dob") {
            if value("perpetrator_name") == nil { problems.add("perpetrator_dob", "needs perpetrator_name") }
            let dob = problems.check { () throws(FieldError) in try ReferralInput.parseDay(text, field: "perpetrator_dob", notAfter: today) }
            named?.dob = dob
        }
        let summary = value("summary").flatMap { text in
            problems.check { () throws(FieldError) -> String in
                try FieldLimits.check("summary", text, maxLength: maxSummaryLength, multiLine: true)
                return text
            }
        }
        let reference = value("agency_reference").flatMap { text in
            problems.check { () throws(FieldError) -> String in
                try FieldLimits.check("agency_reference", text, maxLength: 40, multiLine: false)
                return text
            }
        }
        try problems.throwIfAny()
        return IncidentInput(ref: ref!, agency: agency!, occurredOn: day!, abuseTypes: types!, crimeReported: crime,
                             perpetratorID: perpetratorID, perpetratorUnknown: unknown, newPerpetrator: named,
                             summary: summary!, agencyReference: reference)
    }

    /// Before the victim was born: a typing slip, refused naming the field.
    public static func checkAgainstBirth(_ day: Day, victimDOB: Day?) throws(FieldError) {
        if let dob = victimDOB, day < dob { throw FieldError("occurred_on", "is before the victim's date of birth") }
    }

    /// A perpetrator picked by id must be one of the victim's known perpetrators.
    public static let notAKnownPerpetrator = FieldError("perpetrator_id", "is not one of this victim's known perpetrators (see marac referral history)")
}

/// One incident as lists and the triage queue show it.
public struct IncidentSummary: Sendable, Equatable {
    public var id: Int64
    /// The victim's referral the incident was matched to (their latest on or
    /// before it), if any.
    public var ref: String?
    public var victimID: Int64
    public var occurredOn: Day
    public var agency: String
    public var abuseTypes: [AbuseType]
    public var crimeReported: Bool
    public var perpetratorID: Int64?
    public var summary: String
    public var agencyReference: String?
    public var finding: RepeatRule.IncidentFinding
    /// The referral it became (`incident refer`), once referred.
    public var referredAs: String?
    public var createdBy: String

    public init(id: Int64, ref: String?, victimID: Int64, occurredOn: Day, agency: String, abuseTypes: [AbuseType], crimeReported: Bool,
                perpetratorID: Int64?, summary: String, agencyReference: String?, finding: RepeatRule.IncidentFinding,
                referredAs: String?, createdBy: String) {
        self.id = id
        self.ref = ref
        self.victimID = victimID
        self.occurredOn = occurredOn
        self.agency = agency
        self.abuseTypes = abuseTypes
        self.crimeReported = crimeReported
        self.perpetratorID = perpetratorID
        self.summary = summary
        self.agencyReference = agencyReference
        self.finding = finding
        self.referredAs = referredAs
        self.createdBy = createdBy
    }
}
