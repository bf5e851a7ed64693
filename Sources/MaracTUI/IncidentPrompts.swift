import MaracCore

/// Logging an incident heard of between meetings (issue 23), question by
/// question through the one answer path: which case (from the home screen),
/// when, which agency (an agency user's own, not asked), the abuse types and
/// the perpetrator from lists, whether a crime was reported, what happened,
/// the agency's reference. Each answer is checked as it is given; a wrong one
/// asks the same question again with the text as typed. The answers so far
/// ride in the value, as `ActionPrompts`; the whole is checked again by the
/// use case when saved.
public struct IncidentPrompts: Equatable, Sendable {
    public enum Step: Equatable, Sendable { case ref, date, agency, types, crime, perpetrator, newName, newDob, summary, reference, samePerson }

    /// The perpetrator answers the list offers besides the victim's known ones.
    static let unknownPerpetrator = "unknown", newPerpetrator = "new"

    var ref: String
    let today: Day
    /// An agency user's own agency: not asked. Nil: the coordinator chooses.
    let fixedAgency: String?
    var fields: [String: String] = [:]

    init(ref: String?, today: Day, fixedAgency: String?) {
        self.ref = ref ?? ""
        self.today = today
        self.fixedAgency = fixedAgency
        if let ref { fields["referral_ref"] = ref }
        if let fixedAgency { fields["agency"] = fixedAgency }
    }

    /// The first question: the case when it is not known yet, else the date.
    var ask: Effect {
        ref.isEmpty ? .ask(.incident(self, .ref, problem: nil), initial: "")
            : .ask(.incident(self, .date, problem: nil), initial: today.description)
    }

    func question(_ step: Step) -> String {
        switch step {
        case .ref: "Incident: the reference of the victim's referral"
        case .date: "Incident on \(ref): when did it happen (YYYY-MM-DD)"
        case .agency: "Which agency heard of it"
        case .types: "What kind of abuse (space marks several)"
        case .crime: "Was a crime reported"
        case .perpetrator: "Who did it"
        case .newName: "The perpetrator's name"
        case .newDob: "Their date of birth (YYYY-MM-DD; empty if not known)"
        case .summary: "What happened, briefly"
        case .reference: "Your agency's reference for it (empty if none)"
        case .samePerson: "Same person as one already recorded? Their person id, or n for a new person"
        }
    }

    func answer(_ step: Step, _ typed: String) -> [Effect] {
        func again(_ problem: String) -> [Effect] { [.ask(.incident(self, step, problem: problem), initial: typed)] }
        func next(_ prompts: IncidentPrompts, _ step: Step, initial: String = "") -> [Effect] {
            [.ask(.incident(prompts, step, problem: nil), initial: initial)]
        }
        let text = typed.trimmingCharacters(in: .whitespaces)
        var after = self
        switch step {
        case .ref:
            do throws(FieldError) { after.ref = try ReferralInput.validateRef(text) } catch { return again(error.message) }
            after.fields["referral_ref"] = after.ref
            return next(after, .date, initial: today.description)
        case .date:
            guard let day = Day(text) else { return again("not a real date in the form YYYY-MM-DD") }
            guard day <= today else { return again("in the future") }
            after.fields["occurred_on"] = day.description
            return fixedAgency == nil ? next(after, .agency) : next(after, .types)
        case .agency:
            do throws(FieldError) { after.fields["agency"] = try AgencyCode(validating: text).rawValue } catch { return again(error.message) }
            return next(after, .types)
        case .types:
            // The picker answers codes with spaces between; typed by heart they may have `;`.
            let joined = text.split(whereSeparator: { $0 == " " || $0 == ";" }).joined(separator: ";")
            let types: [AbuseType]
            do throws(FieldError) { types = try AbuseType.parseList(joined, field: "abuse_types") } catch { return again("not an abuse type: choose from the list") }
            guard !types.isEmpty else { return again("choose at least one") }
            after.fields["abuse_types"] = AbuseType.text(types)
            return next(after, .crime)
        case .crime:
            switch text.lowercased() {
            case "yes", "y": after.fields["crime_reported"] = "yes"
            case "no", "n": after.fields["crime_reported"] = "no"
            default: return again("yes or no")
            }
            return next(after, .perpetrator)
        case .perpetrator:
            switch text.lowercased() {
            case Self.newPerpetrator: return next(after, .newName)
            case Self.unknownPerpetrator: after.fields["perpetrator_id"] = Self.unknownPerpetrator
            default:
                guard let id = Int64(text), id > 0 else { return again("choose one from the list, new or unknown") }
                after.fields["perpetrator_id"] = String(id)
            }
            return next(after, .summary)
        case .newName:
            guard !text.isEmpty else { return again("a name is needed (or Esc, and choose unknown)") }
            guard text.count <= ReferralInput.maxNameLength else { return again("longer than \(ReferralInput.maxNameLength) characters") }
            after.fields["perpetrator_name"] = text
            return next(after, .newDob)
        case .newDob:
            if !text.isEmpty {
                guard let day = Day(text) else { return again("not a real date in the form YYYY-MM-DD") }
                guard day <= today else { return again("in the future") }
                after.fields["perpetrator_dob"] = day.description
            }
            return next(after, .summary)
        case .summary:
            guard !text.isEmpty else { return again("say briefly what happened") }
            guard typed.count <= IncidentInput.maxSummaryLength else { return again("longer than \(IncidentInput.maxSummaryLength) characters") }
            after.fields["summary"] = typed
            return next(after, .reference)
        case .reference:
            guard text.count <= 40 else { return again("longer than 40 characters") }
            if !text.isEmpty { after.fields["agency_reference"] = text }
            return [.request(.logIncident(after.fields, perpetrator: nil))]
        case .samePerson:
            // Asked only when the perpetrator named may be someone recorded (a near match).
            if text.lowercased() == "n" { return [.request(.logIncident(fields, perpetrator: .new))] }
            guard let id = Int64(text), id > 0 else { return again("a person id from the message, or n") }
            return [.request(.logIncident(fields, perpetrator: .existing(id)))]
        }
    }

    /// What the message line says once it is saved: a repeat is for the coordinator.
    static func saved(_ incident: IncidentSummary) -> String {
        incident.finding == .repeat
            ? "incident \(incident.id) logged — repeat: the coordinator will see it in triage"
            : "incident \(incident.id) logged: \(incident.finding.words)"
    }
}
