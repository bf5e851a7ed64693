import Foundation
import GRDB
import MaracCore

/// A referral as stored, with its derived band, criteria and repeat flag.
public struct ReferralRecord: Sendable, Equatable, FetchableRecord {
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
    public var sharingReason: SharingReason?
    public var lawfulBasis: String?
    public var consentDecidedBy: String?
    public var consentDecidedAt: String?
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
    /// Fields stored as plain columns (`ReferralField.plain`), by column.
    public var plain: [String: String]

    public init(row: Row) throws {
        let r = RecordReader(row, table: "referral")
        id = try r.value("id")
        ref = try r.value("ref")
        referredOn = try r.day("referred_on")
        referringAgency = try r.value("referring_agency")
        secondAgency = try r.value("second_agency")
        referrer = try r.value("referrer")
        victimID = try r.value("victim_id")
        perpetratorID = try r.value("perpetrator_id")
        relationship = try r.value("relationship")
        childrenInHousehold = try r.value("children_in_household")
        ricVersion = try r.code("ric_version")
        ricAnswers = try r.value("ric_answers")
        ricScore = try r.value("ric_score")
        band = try r.code("risk_band")
        criteria = try r.criteria("criteria")
        judgementReason = try r.value("professional_judgement_reason")
        policeIncidents12m = try r.value("police_incidents_12m")
        consent = try r.code("consent")
        consentNote = try r.value("consent_note")
        sharingReason = try r.optionalCode("sharing_reason")
        lawfulBasis = try r.value("lawful_basis")
        consentDecidedBy = try r.value("consent_decided_by")
        consentDecidedAt = try r.value("consent_decided_at")
        isRepeat = try r.value("is_repeat")
        status = try r.code("status")
        declineReason = try r.value("decline_reason")
        relistedAfterLapse = try r.value("relisted_after_lapse")
        heardOn = try r.optionalDay("heard_on")
        version = try r.value("version")
        createdAt = try r.value("created_at")
        createdBy = try r.value("created_by")
        updatedAt = try r.value("updated_at")
        updatedBy = try r.value("updated_by")
        var plain: [String: String] = [:]
        for field in ReferralField.plain {
            if let text = try r.value(field.column) as String? { plain[field.column] = text }
        }
        self.plain = plain
    }

    /// Criteria as stored, `;`-separated codes. An unknown code is an error, never dropped.
    static func criteria(from text: String) throws -> [ReferralCriterion] {
        try text.split(separator: ";").map {
            guard let criterion = ReferralCriterion(rawValue: String($0)) else { throw CaseError(.storage, "a stored criterion cannot be read") }
            return criterion
        }
    }

    static func criteriaText(_ criteria: Set<ReferralCriterion>) -> String {
        ReferralCriterion.ordered(criteria).map(\.rawValue).joined(separator: ";")
    }
}

/// A person as stored.
public struct PersonRecord: Sendable, Equatable, FetchableRecord {
    public var id: Int64
    public var role: PersonRole
    public var name: String
    public var dob: Day?
    public var gender: Gender
    public var ethnicity: Ethnicity
    public var disability: TriState
    public var lgbt: TriState
    public var postcode: String?

    public init(row: Row) throws {
        let r = RecordReader(row, table: "person")
        id = try r.value("id")
        role = try r.code("role")
        name = try r.value("name")
        dob = try r.optionalDay("dob")
        gender = try r.code("gender")
        ethnicity = try r.code("ethnicity")
        disability = try r.code("disability")
        lgbt = try r.code("lgbt")
        postcode = try r.value("postcode")
    }
}

/// One line of a referral list or queue.
public struct ReferralSummary: Sendable, Equatable, FetchableRecord {
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
    /// Shown in words on every row that names the victim.
    public var safety: SafetyFlags
    /// The IDVA on the case (their login), shown in meeting mode.
    public var keyworker: String?
    /// Whose case it is: recorded as seen when a page shows the victim's name.
    public var victimID: Int64

    static let selection = """
        r.id, r.ref, r.referred_on, r.referring_agency, r.second_agency, r.risk_band, r.ric_score, r.criteria,
        r.is_repeat, r.children_in_household, r.status, r.heard_on, v.name AS victim_name, r.keyworker, r.victim_id,
        \(SafetyFlags.columns.map { "r.\($0)" }.joined(separator: ", "))
        """

    public init(row: Row) throws {
        let r = RecordReader(row, table: "referral")
        id = try r.value("id")
        ref = try r.value("ref")
        referredOn = try r.day("referred_on")
        referringAgency = try r.value("referring_agency")
        secondAgency = try r.value("second_agency")
        band = try r.code("risk_band")
        score = try r.value("ric_score")
        criteria = try r.criteria("criteria")
        isRepeat = try r.value("is_repeat")
        childrenInHousehold = try r.value("children_in_household")
        status = try r.code("status")
        victimName = try r.value("victim_name")
        heardOn = try r.optionalDay("heard_on")
        var plain: [String: String] = [:]
        for column in SafetyFlags.columns { plain[column] = try r.value(column) }
        safety = SafetyFlags(plain: plain)
        keyworker = try r.value("keyworker")
        victimID = try r.value("victim_id")
    }
}

/// A page of a list and the cursor that fetches the next one.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Pass to the next call's `after` to continue; nil on the last page.
    public var next: String?

    public init(items: [Item], next: String?) {
        self.items = items
        self.next = next
    }
}

public struct ActionRecord: Sendable, Equatable, FetchableRecord {
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

    public init(row: Row) throws {
        let r = RecordReader(row, table: "action")
        id = try r.value("id")
        referralRef = try r.value("ref")
        meetingDate = try r.optionalDay("held_on")
        agency = try r.value("agency")
        owner = try r.value("owner")
        description = try r.value("description")
        due = try r.day("due_on")
        status = try r.code("status")
        completionNote = try r.value("completion_note")
        incompleteReason = try r.value("incomplete_reason")
        closedOn = try r.optionalDay("closed_on")
        version = try r.value("version")
    }

    public func isOverdue(today: Day) -> Bool { ActionRules.isOverdue(status: status, due: due, today: today) }
}

public struct MeetingRecord: Sendable, Equatable, FetchableRecord {
    public var id: Int64
    public var heldOn: Day
    public var status: MeetingStatus
    public var confidentialitySigned: Bool
    public var cases: Int
    public var heard: Int

    public init(row: Row) throws {
        let r = RecordReader(row, table: "meeting")
        id = try r.value("id")
        heldOn = try r.day("held_on")
        status = try r.code("status")
        confidentialitySigned = try r.value("confidentiality_signed")
        cases = try r.value("cases")
        heard = try r.value("heard")
    }
}

/// Reads one stored row strictly: a value that cannot be read is an error
/// naming the table, the row id and the column, never a silent default and
/// never the value itself (it may be a name).
struct RecordReader {
    let row: Row
    let table: String

    init(_ row: Row, table: String) {
        self.row = row
        self.table = table
    }

    func unreadable(_ column: String) -> CaseError {
        let id = (try? row.decode(Int64?.self, forColumn: "id")).flatMap { $0 }.map(String.init) ?? "?"
        return CaseError(.storage, UnreadableRow(table: table, id: Int64(id), column: column).description)
    }

    func value<T: DatabaseValueConvertible>(_ column: String) throws -> T {
        do { return try row.decode(T.self, forColumn: column) } catch { throw unreadable(column) }
    }

    func day(_ column: String) throws -> Day {
        guard let day = Day(try value(column) as String) else { throw unreadable(column) }
        return day
    }

    func optionalDay(_ column: String) throws -> Day? {
        guard let text = try value(column) as String? else { return nil }
        guard let day = Day(text) else { throw unreadable(column) }
        return day
    }

    func code<T: RawRepresentable>(_ column: String) throws -> T where T.RawValue == String {
        guard let code = T(rawValue: try value(column) as String) else { throw unreadable(column) }
        return code
    }

    func optionalCode<T: RawRepresentable>(_ column: String) throws -> T? where T.RawValue == String {
        guard let text = try value(column) as String? else { return nil }
        guard let code = T(rawValue: text) else { throw unreadable(column) }
        return code
    }

    func criteria(_ column: String) throws -> [ReferralCriterion] {
        do { return try ReferralRecord.criteria(from: try value(column) as String) } catch { throw unreadable(column) }
    }
}
