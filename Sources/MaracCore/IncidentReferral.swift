/// The referral an incident calls for (`marac incident refer`): the
/// victim's latest referral's people and safety details carried over, as the
/// field table's columns, so it is checked exactly as any referral is.
public enum IncidentReferral {
    /// Who the referral is about and how to contact them safely: carried
    /// over. What was assessed then (checklist, criteria, reasons, dates,
    /// the consent decision) is not: the new referral is assessed afresh,
    /// with the incident's summary as its reason.
    public static let carried: [String] = [
        "victim_name", "victim_dob", "victim_gender", "victim_ethnicity", "victim_disability", "victim_lgbt", "victim_postcode",
        "victim_aliases", "relationship", "children_in_household", "children", "keyworker",
        SafetyFlags.safeToCall, SafetyFlags.doNotContactAtHome, SafetyFlags.perpetratorUnaware, SafetyFlags.interpreterLanguage,
    ]
    static let perpetrator = ["perpetrator_name", "perpetrator_dob", "perpetrator_gender"]

    /// - Parameters:
    ///   - stored: the latest referral's columns (`ReferralDetail.columnValues`).
    ///   - samePerpetrator: the incident's perpetrator is that referral's: carried over too.
    public static func fields(copying stored: [String: String], incident: IncidentSummary, samePerpetrator: Bool,
                              ref: String, today: Day) -> [String: String] {
        var fields: [String: String] = [:]
        for column in carried + (samePerpetrator ? perpetrator : []) { fields[column] = stored[column] }
        fields["referral_ref"] = ref
        fields["referred_on"] = today.description
        // An agency that is not a referral route refers as `other`.
        fields["referring_agency"] = ReferralRoute(rawValue: incident.agency)?.rawValue ?? ReferralRoute.other.rawValue
        fields["abuse_types"] = AbuseType.text(incident.abuseTypes)
        // The incident is why it is referred: its summary is the referral's
        // written reason. The one reason a referral holds is professional
        // judgement's, so that is the criterion it is given with (a repeat
        // gets `repeat` as well, worked out when stored, whatever the score).
        fields["criteria"] = ReferralCriterion.professionalJudgement.rawValue
        fields["professional_judgement_reason"] = incident.summary
        return fields
    }
}
