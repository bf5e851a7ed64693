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

    init(row: Row) throws {
        let r = RowReader(row, table: "referral")
        id = try r["id"]
        ref = try r["ref"]
        referredOn = Day(try r["referred_on"] as String) ?? Day(ordinal: 0)
        referringAgency = try r["referring_agency"]
        secondAgency = try r["second_agency"]
        referrer = try r["referrer"]
        victimID = try r["victim_id"]
        perpetratorID = try r["perpetrator_id"]
        relationship = try r["relationship"]
        childrenInHousehold = try r["children_in_household"]
        ricVersion = ChecklistVersion(rawValue: try r["ric_version"] as String) ?? .safeLives24
        ricAnswers = try r["ric_answers"]
        ricScore = try r["ric_score"]
        band = RiskBand(rawValue: try r["risk_band"] as String) ?? .notCompleted
        criteria = ReferralRecord.criteria(from: try r["criteria"])
        judgementReason = try r["professional_judgement_reason"]
        policeIncidents12m = try r["police_incidents_12m"]
        consent = Consent(rawValue: try r["consent"] as String) ?? .unknown
        consentNote = try r["consent_note"]
        isRepeat = try r["is_repeat"]
        status = ReferralStatus(rawValue: try r["status"] as String) ?? .received
        declineReason = try r["decline_reason"]
        relistedAfterLapse = try r["relisted_after_lapse"]
        heardOn = (try r["heard_on"] as String?).flatMap(Day.init)
        version = try r["version"]
        createdAt = try r["created_at"]
        createdBy = try r["created_by"]
        updatedAt = try r["updated_at"]
        updatedBy = try r["updated_by"]
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

    init(row: Row) throws {
        let r = RowReader(row, table: "person")
        id = try r["id"]
        role = PersonRole(rawValue: try r["role"] as String) ?? .victim
        name = try r["name"]
        dob = (try r["dob"] as String?).flatMap(Day.init)
        gender = Gender(rawValue: try r["gender"] as String) ?? .unknown
        ethnicity = Ethnicity(rawValue: try r["ethnicity"] as String) ?? .unknown
        disability = TriState(rawValue: try r["disability"] as String) ?? .unknown
        lgbt = TriState(rawValue: try r["lgbt"] as String) ?? .unknown
        postcode = try r["postcode"]
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

    init(row: Row) throws {
        let r = RowReader(row, table: "referral")
        id = try r["id"]
        ref = try r["ref"]
        referredOn = Day(try r["referred_on"] as String) ?? Day(ordinal: 0)
        referringAgency = try r["referring_agency"]
        secondAgency = try r["second_agency"]
        band = RiskBand(rawValue: try r["risk_band"] as String) ?? .notCompleted
        score = try r["ric_score"]
        criteria = ReferralRecord.criteria(from: try r["criteria"])
        isRepeat = try r["is_repeat"]
        childrenInHousehold = try r["children_in_household"]
        status = ReferralStatus(rawValue: try r["status"] as String) ?? .received
        victimName = try r["victim_name"]
        heardOn = (try r["heard_on"] as String?).flatMap(Day.init)
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

    init(row: Row) throws {
        let r = RowReader(row, table: "action")
        id = try r["id"]
        referralRef = try r["ref"]
        meetingDate = (try r["held_on"] as String?).flatMap(Day.init)
        agency = try r["agency"]
        owner = try r["owner"]
        description = try r["description"]
        due = Day(try r["due_on"] as String) ?? Day(ordinal: 0)
        status = ActionStatus(rawValue: try r["status"] as String) ?? .open
        completionNote = try r["completion_note"]
        incompleteReason = try r["incomplete_reason"]
        closedOn = (try r["closed_on"] as String?).flatMap(Day.init)
        version = try r["version"]
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

    init(row: Row) throws {
        let r = RowReader(row, table: "meeting")
        id = try r["id"]
        heldOn = Day(try r["held_on"] as String) ?? Day(ordinal: 0)
        status = try r["status"]
        confidentialitySigned = try r["confidentiality_signed"]
        cases = (try r["cases"] as Int?) ?? 0
        heard = (try r["heard"] as Int?) ?? 0
    }
}
