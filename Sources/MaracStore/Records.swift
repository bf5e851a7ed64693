import Foundation
import GRDB
import MaracCore

extension ReferralRecord: FetchableRecord {
    /// Criteria as stored, `;`-separated codes. An unknown code is an error, never dropped.
    static func criteria(from text: String) throws -> [ReferralCriterion] {
        try text.split(separator: ";").map {
            guard let criterion = ReferralCriterion(rawValue: String($0)) else {
                throw StoreError.unreadable(UnreadableRow(table: "referral", id: nil, column: "criteria"))
            }
            return criterion
        }
    }

    static func criteriaText(_ criteria: Set<ReferralCriterion>) -> String {
        ReferralCriterion.ordered(criteria).map(\.rawValue).joined(separator: ";")
    }

    public init(row: Row) throws {
        let r = RecordReader(row, table: "referral")
        let id: Int64 = try r.value("id")
        let ref: String = try r.value("ref")
        let referredOn: Day = try r.day("referred_on")
        let referringAgency: String = try r.value("referring_agency")
        let secondAgency: String? = try r.value("second_agency")
        let referrer: String? = try r.value("referrer")
        let victimID: Int64 = try r.value("victim_id")
        let perpetratorID: Int64? = try r.value("perpetrator_id")
        let relationship: String? = try r.value("relationship")
        let childrenInHousehold: Int = try r.value("children_in_household")
        let ricVersion: ChecklistVersion = try r.code("ric_version")
        let ricAnswers: String? = try r.value("ric_answers")
        let ricScore: Int? = try r.value("ric_score")
        let band: RiskBand = try r.code("risk_band")
        let criteria: [ReferralCriterion] = try r.criteria("criteria")
        let judgementReason: String? = try r.value("professional_judgement_reason")
        let policeIncidents12m: Int? = try r.value("police_incidents_12m")
        let consent: Consent = try r.code("consent")
        let consentNote: String? = try r.value("consent_note")
        let sharingReason: SharingReason? = try r.optionalCode("sharing_reason")
        let lawfulBasis: String? = try r.value("lawful_basis")
        let consentDecidedBy: String? = try r.value("consent_decided_by")
        let consentDecidedAt: String? = try r.value("consent_decided_at")
        let isRepeat: Bool = try r.value("is_repeat")
        let status: ReferralStatus = try r.code("status")
        let declineReason: String? = try r.value("decline_reason")
        let relistedAfterLapse: Bool = try r.value("relisted_after_lapse")
        let heardOn: Day? = try r.optionalDay("heard_on")
        let version: Int = try r.value("version")
        let createdAt: String = try r.value("created_at")
        let createdBy: String = try r.value("created_by")
        let updatedAt: String = try r.value("updated_at")
        let updatedBy: String = try r.value("updated_by")
        var plain: [String: String] = [:]
        for field in ReferralField.plain {
            if let text = try r.value(field.column) as String? { plain[field.column] = text }
        }
        self.init(
            id: id,
            ref: ref,
            referredOn: referredOn,
            referringAgency: referringAgency,
            secondAgency: secondAgency,
            referrer: referrer,
            victimID: victimID,
            perpetratorID: perpetratorID,
            relationship: relationship,
            childrenInHousehold: childrenInHousehold,
            ricVersion: ricVersion,
            ricAnswers: ricAnswers,
            ricScore: ricScore,
            band: band,
            criteria: criteria,
            judgementReason: judgementReason,
            policeIncidents12m: policeIncidents12m,
            consent: consent,
            consentNote: consentNote,
            sharingReason: sharingReason,
            lawfulBasis: lawfulBasis,
            consentDecidedBy: consentDecidedBy,
            consentDecidedAt: consentDecidedAt,
            isRepeat: isRepeat,
            status: status,
            declineReason: declineReason,
            relistedAfterLapse: relistedAfterLapse,
            heardOn: heardOn,
            version: version,
            createdAt: createdAt,
            createdBy: createdBy,
            updatedAt: updatedAt,
            updatedBy: updatedBy,
            plain: plain
        )
    }
}

extension PersonRecord: FetchableRecord {
    public init(row: Row) throws {
        let r = RecordReader(row, table: "person")
        let id: Int64 = try r.value("id")
        let role: PersonRole = try r.code("role")
        let name: String = try r.value("name")
        let dob: Day? = try r.optionalDay("dob")
        let gender: Gender = try r.code("gender")
        let ethnicity: Ethnicity = try r.code("ethnicity")
        let disability: TriState = try r.code("disability")
        let lgbt: TriState = try r.code("lgbt")
        let postcode: String? = try r.value("postcode")
        self.init(
            id: id,
            role: role,
            name: name,
            dob: dob,
            gender: gender,
            ethnicity: ethnicity,
            disability: disability,
            lgbt: lgbt,
            postcode: postcode
        )
    }
}

extension ReferralSummary: FetchableRecord {
    static let selection = """
        r.id, r.ref, r.referred_on, r.referring_agency, r.second_agency, r.risk_band, r.ric_score, r.criteria,
        r.is_repeat, r.children_in_household, r.status, r.heard_on, v.name AS victim_name, r.keyworker, r.victim_id, r.dara_grade,
        \(SafetyFlags.columns.map { "r.\($0)" }.joined(separator: ", ")),
        (SELECT t.peer FROM case_transfer t WHERE t.referral_id = r.id AND t.direction = 'in' AND t.state = 'pending'
         ORDER BY t.id DESC LIMIT 1) AS transfer_from
        """
    public init(row: Row) throws {
        let r = RecordReader(row, table: "referral")
        let id: Int64 = try r.value("id")
        let ref: String = try r.value("ref")
        let referredOn: Day = try r.day("referred_on")
        let referringAgency: String = try r.value("referring_agency")
        let secondAgency: String? = try r.value("second_agency")
        let band: RiskBand = try r.code("risk_band")
        let score: Int? = try r.value("ric_score")
        let criteria: [ReferralCriterion] = try r.criteria("criteria")
        let isRepeat: Bool = try r.value("is_repeat")
        let childrenInHousehold: Int = try r.value("children_in_household")
        let status: ReferralStatus = try r.code("status")
        let victimName: String = try r.value("victim_name")
        let heardOn: Day? = try r.optionalDay("heard_on")
        var plain: [String: String] = [:]
        for column in SafetyFlags.columns { plain[column] = try r.value(column) }
        let safety: SafetyFlags = SafetyFlags(plain: plain)
        let keyworker: String? = try r.value("keyworker")
        let victimID: Int64 = try r.value("victim_id")
        self.init(
            id: id,
            ref: ref,
            referredOn: referredOn,
            referringAgency: referringAgency,
            secondAgency: secondAgency,
            band: band,
            score: score,
            criteria: criteria,
            isRepeat: isRepeat,
            childrenInHousehold: childrenInHousehold,
            status: status,
            victimName: victimName,
            heardOn: heardOn,
            safety: safety,
            keyworker: keyworker,
            victimID: victimID
        )
        self.daraGrade = try r.optionalCode("dara_grade")
        // By `case_transfer_by_referral`: one seek a row of the page.
        self.transferFrom = try r.value("transfer_from")
    }
}


extension ActionRecord: FetchableRecord {
    static let selection = """
        a.id, r.ref, m.held_on, a.agency, a.owner, a.description, a.due_on, a.status,
        a.completion_note, a.incomplete_reason, a.closed_on, a.version
        """
    static let joins = "JOIN referral r ON r.id = a.referral_id LEFT JOIN meeting m ON m.id = a.meeting_id"
    public init(row: Row) throws {
        let r = RecordReader(row, table: "action")
        let id: Int64 = try r.value("id")
        let referralRef: String = try r.value("ref")
        let meetingDate: Day? = try r.optionalDay("held_on")
        let agency: String = try r.value("agency")
        let owner: String = try r.value("owner")
        let description: String = try r.value("description")
        let due: Day = try r.day("due_on")
        let status: ActionStatus = try r.code("status")
        let completionNote: String? = try r.value("completion_note")
        let incompleteReason: String? = try r.value("incomplete_reason")
        let closedOn: Day? = try r.optionalDay("closed_on")
        let version: Int = try r.value("version")
        self.init(
            id: id,
            referralRef: referralRef,
            meetingDate: meetingDate,
            agency: agency,
            owner: owner,
            description: description,
            due: due,
            status: status,
            completionNote: completionNote,
            incompleteReason: incompleteReason,
            closedOn: closedOn,
            version: version
        )
    }
}

extension MeetingRecord: FetchableRecord {
    public init(row: Row) throws {
        let r = RecordReader(row, table: "meeting")
        let id: Int64 = try r.value("id")
        let heldOn: Day = try r.day("held_on")
        let status: MeetingStatus = try r.code("status")
        let confidentialitySigned: Bool = try r.value("confidentiality_signed")
        let cases: Int = try r.value("cases")
        let heard: Int = try r.value("heard")
        self.init(
            id: id,
            heldOn: heldOn,
            status: status,
            confidentialitySigned: confidentialitySigned,
            cases: cases,
            heard: heard
        )
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

    func unreadable(_ column: String) -> StoreError {
        let id = (try? row.decode(Int64?.self, forColumn: "id")).flatMap { $0 }
        return .unreadable(UnreadableRow(table: table, id: id, column: column))
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
