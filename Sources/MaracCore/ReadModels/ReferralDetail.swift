import Foundation

/// Everything `referral show` prints.
public struct ReferralDetail: Sendable {
    public var referral: ReferralRecord
    public var victim: PersonRecord
    public var perpetrator: PersonRecord?
    public var children: [ChildInput]
    public var actions: [ActionRecord]
    public var meetings: [Day]
    public var victimHistory: [ReferralSummary]
    public var aliases: [String]
    /// Other victims' referrals with the same perpetrator, within the reader's scope.
    public var linkedCases: [ReferralSummary] = []
    /// What agencies shared at each meeting that heard it, oldest meeting
    /// first; each text holds its dated entries, one a line (appended, never replaced).
    public var shared: [(meeting: Day, text: String)] = []
    /// The perpetrator against the serial rule; nil when no perpetrator is recorded.
    public var serial: SerialStanding? = nil

    /// The referral as the field table's columns: what the edit form starts
    /// from and what an export row holds.
    public var columnValues: [String: String] {
        let r = referral, v = victim
        var values: [String: String?] = [
            "referral_ref": r.ref, "referred_on": r.referredOn.description, "referring_agency": r.referringAgency,
            "second_agency": r.secondAgency, "referrer": r.referrer, "victim_name": v.name, "victim_dob": v.dob?.description,
            "victim_gender": v.gender.rawValue, "victim_ethnicity": v.ethnicity.rawValue, "victim_disability": v.disability.rawValue,
            "victim_lgbt": v.lgbt.rawValue, "victim_postcode": v.postcode, "perpetrator_name": perpetrator?.name,
            "perpetrator_dob": perpetrator?.dob?.description, "perpetrator_gender": perpetrator?.gender.rawValue,
            "relationship": r.relationship,
            "children_in_household": String(r.childrenInHousehold), "police_incidents_12m": r.policeIncidents12m.map(String.init),
            "children": children.isEmpty ? nil : ChildInput.format(children),
            "victim_aliases": aliases.isEmpty ? nil : aliases.joined(separator: "; "),
            // repeat is worked out again by the system; the rest is what was claimed or shown.
            "criteria": r.criteria.filter { $0 != .repeat }.map(\.rawValue).joined(separator: ";"),
            "professional_judgement_reason": r.judgementReason, "consent": r.consent.rawValue, "consent_note": r.consentNote,
            "sharing_reason": r.sharingReason?.rawValue, "lawful_basis": r.lawfulBasis,
            "consent_decided_by": r.consentDecidedBy, "consent_decided_at": r.consentDecidedAt,
            "heard_on": r.heardOn?.description,
            "ric_version": r.ricScore == nil ? nil : r.ricVersion.rawValue, "ric_score": r.ricScore.map(String.init),
            "ric_answers": r.ricAnswers,
        ]
        for (column, text) in r.plain { values[column] = text }
        return values.compactMapValues { $0 }.filter { !$0.value.isEmpty }
    }

    public init(
        referral: ReferralRecord,
        victim: PersonRecord,
        perpetrator: PersonRecord? = nil,
        children: [ChildInput],
        actions: [ActionRecord],
        meetings: [Day],
        victimHistory: [ReferralSummary],
        aliases: [String],
        linkedCases: [ReferralSummary] = [],
        shared: [(meeting: Day, text: String)] = []
    ) {
        self.referral = referral
        self.victim = victim
        self.perpetrator = perpetrator
        self.children = children
        self.actions = actions
        self.meetings = meetings
        self.victimHistory = victimHistory
        self.aliases = aliases
        self.linkedCases = linkedCases
        self.shared = shared
    }
}
