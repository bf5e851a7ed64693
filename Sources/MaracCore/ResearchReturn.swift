/// An agency's research return for one case on one meeting's agenda: whether
/// the agency knows the victim, perpetrator or children, a summary of what it
/// holds, the current risks or safeguarding in place, and the day it was
/// returned. One validator, whatever it came from: a row of a returned
/// research list, `meeting research-record` flags or the UI's prompts all
/// become a `[column: text]` map named by `columns`.
public struct ResearchReturnInput: Sendable, Equatable {
    public var ref: String
    public var agency: String
    public var known: Bool
    public var summary: String
    public var currentRisks: String
    public var returnedOn: Day

    public init(ref: String, agency: String, known: Bool, summary: String, currentRisks: String, returnedOn: Day) {
        self.ref = ref
        self.agency = agency
        self.known = known
        self.summary = summary
        self.currentRisks = currentRisks
        self.returnedOn = returnedOn
    }

    /// The columns an agency fills in and sends back.
    public static let returnColumns = ["known", "summary", "current_risks", "returned_on"]
    /// What an agency needs to match its own records; written on the research
    /// list, accepted and ignored when the list comes back filled in.
    public static let matchingColumns = [
        "victim_name", "victim_aliases", "victim_dob", "victim_postcode",
        "perpetrator_name", "perpetrator_aliases", "perpetrator_dob", "perpetrator_postcode", "children",
    ]
    /// A research list's columns, in order: the file `meeting research` writes
    /// and `meeting research-return` reads.
    public static let columns = ["referral_ref", "agency"] + matchingColumns + returnColumns
    public static let requiredColumns = ["referral_ref", "agency", "known"]

    /// Longest summary or risks text, in characters.
    public static let maxText = FieldLimits.list

    /// Checks one return; every problem is reported, never a value of an identifying field.
    public static func validate(_ fields: [String: String], today: Day) throws(ValidationFailure) -> ResearchReturnInput {
        var problems = ProblemList()
        func text(_ column: String) -> String { (fields[column] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        for (column, value) in fields {
            let multiLine = column == "summary" || column == "current_risks"
            problems.check { () throws(FieldError) in
                try FieldLimits.check(column, value, maxLength: multiLine ? maxText : FieldLimits.list, multiLine: multiLine)
            }
        }
        let ref = text("referral_ref")
        if ref.isEmpty { problems.add("referral_ref", "is required") } else if ref.count > FieldLimits.code {
            problems.add("referral_ref", "is longer than \(FieldLimits.code) characters")
        }
        var agency = ""
        if text("agency").isEmpty { problems.add("agency", "is required") } else {
            agency = problems.check { () throws(FieldError) in try AgencyCode(validating: text("agency")) }?.rawValue ?? ""
        }
        let known = problems.check { () throws(FieldError) in try parseKnown(text("known")) }
        let summary = text("summary"), risks = text("current_risks")
        if known == true, summary.isEmpty {
            problems.add("summary", "is required when the agency knows the people (say what it holds)")
        }
        var returnedOn = today
        if !text("returned_on").isEmpty {
            returnedOn = problems.check { () throws(FieldError) in try ReferralInput.parseDay(text("returned_on"), field: "returned_on", notAfter: today) } ?? today
        }
        try problems.throwIfAny()
        return ResearchReturnInput(ref: ref, agency: agency, known: known ?? false, summary: summary, currentRisks: risks, returnedOn: returnedOn)
    }

    /// `yes` / `no` (also `known` / `not known`, `y` / `n`), any case.
    public static func parseKnown(_ text: String) throws(FieldError) -> Bool {
        switch text.lowercased().replacingOccurrences(of: "_", with: " ") {
        case "yes", "y", "known": return true
        case "no", "n", "not known": return false
        case "": throw FieldError("known", "is required: yes (known to the agency) or no")
        default: throw FieldError("known", "\(FieldLimits.quoted(text))must be yes or no")
        }
    }

    public static func knownWords(_ known: Bool) -> String { known ? "known" : "not known" }
}

/// How far an agenda case's research has come: how many of the agencies
/// expected at the meeting have returned, and whether to ask the chair to
/// defer it.
///
/// The agencies expected are those that confirmed attendance or were recorded
/// present at that meeting, and any other agency that sent a return anyway
/// (it is at the table in all but name), so the count never reads "3 of 2".
/// A case is flagged "defer?" when its referring agency (either agency of a
/// joint referral) has neither confirmed attendance nor sent a return: SafeLives
/// practice is to defer a case whose referrer will not be there to present it.
public struct ResearchCompleteness: Sendable, Equatable {
    public let returned: Int
    public let expected: Int
    public let deferSuggested: Bool

    public init(returned: Int, expected: Int, deferSuggested: Bool) {
        self.returned = returned
        self.expected = expected
        self.deferSuggested = deferSuggested
    }

    public static func of(returnedBy: Set<String>, confirmed: Set<String>, referrers: [String]) -> ResearchCompleteness {
        let expected = confirmed.union(returnedBy)
        let referrerThere = referrers.contains { confirmed.contains($0) || returnedBy.contains($0) }
        return ResearchCompleteness(returned: returnedBy.count, expected: expected.count, deferSuggested: !referrerThere)
    }

    /// "7 of 9 agencies returned".
    public var words: String { "\(returned) of \(expected) \(expected == 1 ? "agency" : "agencies") returned" }
    /// "7/9", for narrow columns.
    public var short: String { "\(returned)/\(expected)" }
}
