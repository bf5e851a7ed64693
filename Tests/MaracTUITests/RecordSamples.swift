import GRDB
@testable import MaracCore
@testable import MaracStore

/// Rows of what screens list, made by hand so a screen's keys are tested with
/// no database. The one place tests build records: they are made the way the
/// store reads them (from a row), as they have no other initialiser.
enum Sample {
    static func summary(_ ref: String, band: RiskBand = .high, status: ReferralStatus = .received) throws -> ReferralSummary {
        var values: [String: (any DatabaseValueConvertible)?] = [
            "id": 1, "ref": ref, "referred_on": "2026-11-20", "referring_agency": "police", "second_agency": nil,
            "risk_band": band.rawValue, "ric_score": 15, "criteria": "", "is_repeat": false, "children_in_household": 0,
            "status": status.rawValue, "victim_name": "Ann Example", "heard_on": nil, "keyworker": nil, "victim_id": 1,
        ]
        for column in SafetyFlags.columns { values[column] = nil }
        return try ReferralSummary(row: Row(values))
    }

    static func meeting(_ day: Day) throws -> MeetingRecord {
        try MeetingRecord(row: Row(["id": 1, "held_on": day.description, "status": MeetingStatus.planned.rawValue,
                                    "confidentiality_signed": false, "cases": 0, "heard": 0]))
    }

    static func action(_ id: Int64, ref: String, due: Day) throws -> ActionRecord {
        try ActionRecord(row: Row(["id": id, "ref": ref, "held_on": nil, "agency": "police", "owner": "DC Patel", "description": "Flag the address",
                                   "due_on": due.description, "status": ActionStatus.open.rawValue, "completion_note": nil,
                                   "incomplete_reason": nil, "closed_on": nil, "version": 1]))
    }

    /// A meeting's agenda with these cases, none heard.
    static func agenda(_ day: Day, _ cases: [ReferralSummary]) throws -> Agenda {
        Agenda(meeting: try meeting(day), openActions: [], openActionCount: 0,
               cases: cases.enumerated().map { index, summary in
                   Agenda.Case(item: AgendaItem(referralRef: summary.ref, section: .adultOnlyCases, band: summary.band, score: 15, listedPosition: index + 1),
                               referral: summary, heard: false)
               },
               attendance: [])
    }
}
