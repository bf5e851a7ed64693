@testable import MaracCore

/// Rows of what screens list, made by hand so a screen's keys are tested with
/// no database: the read models' own initialisers, as the store fills them.
enum Sample {
    static func summary(_ ref: String, band: RiskBand = .high, status: ReferralStatus = .received) throws -> ReferralSummary {
        ReferralSummary(id: 1, ref: ref, referredOn: Day("2026-11-20")!, referringAgency: "police", band: band, score: 15,
                        criteria: [], isRepeat: false, childrenInHousehold: 0, status: status, victimName: "Ann Example",
                        safety: SafetyFlags(plain: [:]), victimID: 1)
    }

    static func meeting(_ day: Day) throws -> MeetingRecord {
        MeetingRecord(id: 1, heldOn: day, status: .planned, confidentialitySigned: false, cases: 0, heard: 0)
    }

    static func action(_ id: Int64, ref: String, due: Day) throws -> ActionRecord {
        ActionRecord(id: id, referralRef: ref, agency: "police", owner: "DC Patel", description: "Flag the address",
                     due: due, status: .open, version: 1)
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
