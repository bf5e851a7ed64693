import Foundation
import GRDB
import MaracCore

/// A referral as stored, with its derived band, criteria and repeat flag.
public struct ReferralRecord: Sendable, Equatable {
    public var id: Int64
    public var ref: String
    public var referredOn: Day
    public var referringAgency: String
    public var secondAgency: String?
    public var referrer: String?
    public var victimID: Int64
    public var perpetratorID: Int64?
    public var relationship: String?
    public var childrenInHousehold: Int
    public var ricVersion: ChecklistVersion
    public var ricAnswers: String?
    public var ricScore: Int?
    public var band: RiskBand
    public var criteria: [ReferralCriterion]
    public var judgementReason: String?
    public var policeIncidents12m: Int?
    public var consent: Consent
    public var consentNote: String?
    public var isRepeat: Bool
    public var status: ReferralStatus
    public var declineReason: String?
    public var relistedAfterLapse: Bool
    public var heardOn: Day?
    public var version: Int
    public var createdAt: String
    public var createdBy: String
    public var updatedAt: String
    public var updatedBy: String

    init(row: Row) {
        id = row["id"]
        ref = row["ref"]
        referredOn = Day(row["referred_on"] as String) ?? Day(ordinal: 0)
        referringAgency = row["referring_agency"]
        secondAgency = row["second_agency"]
        referrer = row["referrer"]
        victimID = row["victim_id"]
        perpetratorID = row["perpetrator_id"]
        relationship = row["relationship"]
        childrenInHousehold = row["children_in_household"]
        ricVersion = ChecklistVersion(rawValue: row["ric_version"]) ?? .safeLives24
        ricAnswers = row["ric_answers"]
        ricScore = row["ric_score"]
        band = RiskBand(rawValue: row["risk_band"]) ?? .notCompleted
        criteria = ReferralRecord.criteria(from: row["criteria"])
        judgementReason = row["professional_judgement_reason"]
        policeIncidents12m = row["police_incidents_12m"]
        consent = Consent(rawValue: row["consent"]) ?? .unknown
        consentNote = row["consent_note"]
        isRepeat = row["is_repeat"]
        status = ReferralStatus(rawValue: row["status"]) ?? .received
        declineReason = row["decline_reason"]
        relistedAfterLapse = row["relisted_after_lapse"]
        heardOn = (row["heard_on"] as String?).flatMap(Day.init)
        version = row["version"]
        createdAt = row["created_at"]
        createdBy = row["created_by"]
        updatedAt = row["updated_at"]
        updatedBy = row["updated_by"]
    }

    static func criteria(from text: String) -> [ReferralCriterion] {
        text.split(separator: ";").compactMap { ReferralCriterion(rawValue: String($0)) }
    }

    static func criteriaText(_ criteria: Set<ReferralCriterion>) -> String {
        ReferralCriterion.ordered(criteria).map(\.rawValue).joined(separator: ";")
    }
}

/// A person as stored.
public struct PersonRecord: Sendable, Equatable {
    public var id: Int64
    public var role: PersonRole
    public var name: String
    public var dob: Day?
    public var gender: Gender
    public var ethnicity: Ethnicity
    public var disability: TriState
    public var lgbt: TriState
    public var postcode: String?

    init(row: Row) {
        id = row["id"]
        role = PersonRole(rawValue: row["role"]) ?? .victim
        name = row["name"]
        dob = (row["dob"] as String?).flatMap(Day.init)
        gender = Gender(rawValue: row["gender"]) ?? .unknown
        ethnicity = Ethnicity(rawValue: row["ethnicity"]) ?? .unknown
        disability = TriState(rawValue: row["disability"]) ?? .unknown
        lgbt = TriState(rawValue: row["lgbt"]) ?? .unknown
        postcode = row["postcode"]
    }
}

/// One line of a referral list or queue.
public struct ReferralSummary: Sendable, Equatable {
    public var id: Int64
    public var ref: String
    public var referredOn: Day
    public var referringAgency: String
    public var secondAgency: String?
    public var band: RiskBand
    public var score: Int?
    public var criteria: [ReferralCriterion]
    public var isRepeat: Bool
    public var childrenInHousehold: Int
    public var status: ReferralStatus
    public var victimName: String
    public var heardOn: Day?

    static let selection = """
        r.id, r.ref, r.referred_on, r.referring_agency, r.second_agency, r.risk_band, r.ric_score, r.criteria,
        r.is_repeat, r.children_in_household, r.status, r.heard_on, v.name AS victim_name
        """

    init(row: Row) {
        id = row["id"]
        ref = row["ref"]
        referredOn = Day(row["referred_on"] as String) ?? Day(ordinal: 0)
        referringAgency = row["referring_agency"]
        secondAgency = row["second_agency"]
        band = RiskBand(rawValue: row["risk_band"]) ?? .notCompleted
        score = row["ric_score"]
        criteria = ReferralRecord.criteria(from: row["criteria"])
        isRepeat = row["is_repeat"]
        childrenInHousehold = row["children_in_household"]
        status = ReferralStatus(rawValue: row["status"]) ?? .received
        victimName = row["victim_name"]
        heardOn = (row["heard_on"] as String?).flatMap(Day.init)
    }
}

/// A page of a list and the cursor that fetches the next one.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Pass to the next call's `after` to continue; nil on the last page.
    public var next: String?
}

public struct ActionRecord: Sendable, Equatable {
    public var id: Int64
    public var referralRef: String
    public var meetingDate: Day?
    public var agency: String
    public var owner: String
    public var description: String
    public var due: Day
    public var status: ActionStatus
    public var completionNote: String?
    public var incompleteReason: String?
    public var closedOn: Day?
    public var version: Int

    static let selection = """
        a.id, r.ref, m.held_on, a.agency, a.owner, a.description, a.due_on, a.status,
        a.completion_note, a.incomplete_reason, a.closed_on, a.version
        """
    static let joins = "JOIN referral r ON r.id = a.referral_id LEFT JOIN meeting m ON m.id = a.meeting_id"

    init(row: Row) {
        id = row["id"]
        referralRef = row["ref"]
        meetingDate = (row["held_on"] as String?).flatMap(Day.init)
        agency = row["agency"]
        owner = row["owner"]
        description = row["description"]
        due = Day(row["due_on"] as String) ?? Day(ordinal: 0)
        status = ActionStatus(rawValue: row["status"]) ?? .open
        completionNote = row["completion_note"]
        incompleteReason = row["incomplete_reason"]
        closedOn = (row["closed_on"] as String?).flatMap(Day.init)
        version = row["version"]
    }

    public func isOverdue(today: Day) -> Bool { ActionRules.isOverdue(status: status, due: due, today: today) }
}

public struct MeetingRecord: Sendable, Equatable {
    public var id: Int64
    public var heldOn: Day
    public var status: String
    public var confidentialitySigned: Bool
    public var cases: Int
    public var heard: Int

    init(row: Row) {
        id = row["id"]
        heldOn = Day(row["held_on"] as String) ?? Day(ordinal: 0)
        status = row["status"]
        confidentialitySigned = row["confidentiality_signed"]
        cases = row["cases"] ?? 0
        heard = row["heard"] ?? 0
    }
}
