/// The referral an incident calls for (`marac incident refer`): the
/// victim's latest referral's people and safety details carried over, as the
/// field table's columns, so it is checked exactly as any referral is.
public enum IncidentReferral {
    /// Who the referral is about and how to contact them safely: carried
    /// over. What was assessed then (checklist, criteria, reasons, dates,
    /// the consent decision) is not: the new referral is assessed afresh.
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
        return fields
    }
}
