/// A new Clare's Law request as a person gives it, checked field by field
/// (every problem named by its field, never its value).
public struct DisclosureRequestInput: Sendable, Equatable {
    public var route: DisclosureRoute
    public var requestedOn: Day
    public var askedBy: DisclosureAsker
    /// The person at risk (a victim's person record) and the subject (a perpetrator's).
    public var personAtRisk: PersonInput
    public var subject: PersonInput

    public static let fields = ["route", "requested_on", "asked_by", "person_at_risk_name", "person_at_risk_dob", "subject_name", "subject_dob"]

    public static func validate(_ fields: [String: String], today: Day) throws(ValidationFailure) -> DisclosureRequestInput {
        var problems = ProblemList()
        func value(_ column: String) -> String? {
            guard let raw = fields[column]?.trimmed(), !raw.isEmpty else { return nil }
            if problems.check({ () throws(FieldError) in try FieldLimits.check(column, raw) }) == nil { return nil }
            return raw
        }
        func required(_ column: String) -> String? {
            let text = value(column)
            if text == nil, fields[column]?.trimmed().isEmpty ?? true { problems.add(column, "is required") }
            return text
        }
        func day(_ column: String) -> Day? {
            value(column).flatMap { text in problems.check { () throws(FieldError) -> Day in try ReferralInput.parseDay(text, field: column, notAfter: today) } }
        }
        func person(_ prefix: String) -> PersonInput? {
            let name = required(prefix + "_name")
            if let name, name.count > ReferralInput.maxNameLength {
                problems.add(prefix + "_name", "is longer than \(ReferralInput.maxNameLength) characters")
            }
            let dob = day(prefix + "_dob")
            return name.map { PersonInput(name: $0, dob: dob) }
        }
        let route = required("route").flatMap { text in
            problems.check { () throws(FieldError) -> DisclosureRoute in try Vocabulary.parse(text, as: DisclosureRoute.self, field: "route") }
        }
        let askedBy = required("asked_by").flatMap { text in
            problems.check { () throws(FieldError) -> DisclosureAsker in try Vocabulary.parse(text, as: DisclosureAsker.self, field: "asked_by") }
        }
        let requestedOn = required("requested_on").flatMap { _ in day("requested_on") }
        let atRisk = person("person_at_risk")
        let subject = person("subject")
        if let requestedOn {
            for (prefix, who) in [("person_at_risk", atRisk), ("subject", subject)] where (who?.dob).map({ $0 > requestedOn }) == true {
                problems.add(prefix + "_dob", "is after requested_on")
            }
        }
        try problems.throwIfAny()
        return DisclosureRequestInput(route: route!, requestedOn: requestedOn!, askedBy: askedBy!, personAtRisk: atRisk!, subject: subject!)
    }
}
