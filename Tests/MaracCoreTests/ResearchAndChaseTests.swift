import Testing
@testable import MaracCore

/// Chasing and research rules over hand-worked examples.
@Suite struct ChaseRulesTests {
    let today = Day("2026-11-24")!

    /// Today 2026-11-24, due soon within 7 days, escalated at 14 days overdue.
    /// Worked by hand: 2026-11-10 is 14 days before today, 2026-11-11 13 days;
    /// 2026-12-01 is 7 days ahead, 2026-12-02 8.
    @Test func aHandWorkedWeek() {
        let rules = ChaseRules(dueSoonDays: 7, escalationDays: 14)
        let cases: [(String, ActionStatus, ChaseState?)] = [
            ("2026-10-01", .open, .escalated(daysOverdue: 54)),
            ("2026-11-10", .open, .escalated(daysOverdue: 14)),
            ("2026-11-11", .open, .overdue(daysOverdue: 13)),
            ("2026-11-23", .open, .overdue(daysOverdue: 1)),
            ("2026-11-24", .open, .dueSoon(daysLeft: 0)),
            ("2026-12-01", .open, .dueSoon(daysLeft: 7)),
            ("2026-12-02", .open, nil),
            ("2026-10-01", .done, nil),
            ("2026-10-01", .incomplete, nil),
        ]
        for (due, status, expected) in cases {
            #expect(rules.state(status: status, due: Day(due)!, today: today) == expected, "\(due) \(status)")
        }
        #expect(rules.horizon(today: today) == Day("2026-12-01"))
        #expect(rules.escalationCutoff(today: today) == Day("2026-11-10"))
        #expect(rules.isEscalated(status: .open, due: Day("2026-11-10")!, today: today))
        #expect(!rules.isEscalated(status: .open, due: Day("2026-11-11")!, today: today))
    }

    @Test func theSettingsMoveTheLines() {
        let rules = ChaseRules(dueSoonDays: 2, escalationDays: 3)
        #expect(rules.state(status: .open, due: Day("2026-11-21")!, today: today) == .escalated(daysOverdue: 3))
        #expect(rules.state(status: .open, due: Day("2026-11-22")!, today: today) == .overdue(daysOverdue: 2))
        #expect(rules.state(status: .open, due: Day("2026-11-27")!, today: today) == nil)
        #expect(ChaseRules() == ChaseRules(dueSoonDays: 7, escalationDays: 14))
    }

    @Test func wordsSayWhereAnActionStands() {
        #expect(ChaseState.dueSoon(daysLeft: 0).words == "due today")
        #expect(ChaseState.dueSoon(daysLeft: 1).words == "due in 1 day")
        #expect(ChaseState.overdue(daysOverdue: 3).words == "3 days overdue")
        #expect(ChaseState.escalated(daysOverdue: 20).code == "escalated")
    }
}

@Suite struct ResearchRulesTests {
    let today = Day("2026-11-24")!

    @Test func aGoodReturnIsTyped() throws {
        let input = try ResearchReturnInput.validate(
            ["referral_ref": "BR-1", "agency": "Police", "known": "Yes", "summary": " Two call-outs ", "current_risks": "DVPN\nin place",
             "returned_on": "2026-11-20"], today: today)
        #expect(input == ResearchReturnInput(ref: "BR-1", agency: "police", known: true, summary: "Two call-outs",
                                             currentRisks: "DVPN\nin place", returnedOn: Day("2026-11-20")!))
        let bare = try ResearchReturnInput.validate(["referral_ref": "BR-1", "agency": "housing", "known": "not known"], today: today)
        #expect(!bare.known && bare.summary.isEmpty && bare.returnedOn == today)
    }

    @Test func everyProblemIsNamedByColumnNeverByValue() {
        let failure = #expect(throws: ValidationFailure.self) {
            _ = try ResearchReturnInput.validate(["referral_ref": "", "agency": "Not A Code!", "known": "perhaps", "returned_on": "2026-12-25",
                                                  "current_risks": "bad\u{7}"], today: today)
        }
        let fields = Set(failure?.problems.map(\.field) ?? [])
        #expect(fields == ["referral_ref", "agency", "known", "returned_on", "current_risks"])
        let known = #expect(throws: ValidationFailure.self) {
            _ = try ResearchReturnInput.validate(["referral_ref": "R", "agency": "police", "known": "yes"], today: today)
        }
        #expect(known?.problems.map(\.field) == ["summary"])
    }

    /// 9 agencies confirmed; 7 of them returned, and one that never confirmed did too: 8 of 10.
    @Test func completenessCountsTheAgenciesExpected() {
        let confirmed: Set = ["police", "idva", "housing", "primary_care", "acute_health", "mental_health", "probation", "education", "childrens_social_care"]
        let returned: Set = ["police", "idva", "housing", "primary_care", "acute_health", "mental_health", "probation", "substance_misuse"]
        let c = ResearchCompleteness.of(returnedBy: returned, confirmed: confirmed, referrers: ["police"])
        #expect(c == ResearchCompleteness(returned: 8, expected: 10, deferSuggested: false))
        #expect(c.words == "8 of 10 agencies returned")
        let seven = ResearchCompleteness.of(returnedBy: returned.subtracting(["substance_misuse", "probation"]), confirmed: confirmed, referrers: ["idva"])
        #expect(seven.words == "6 of 9 agencies returned")
    }

    @Test func aCaseWhoseReferrerNeitherConfirmedNorReturnedMayBeDeferred() {
        #expect(ResearchCompleteness.of(returnedBy: ["police"], confirmed: ["police"], referrers: ["housing"]).deferSuggested)
        #expect(!ResearchCompleteness.of(returnedBy: ["housing"], confirmed: ["police"], referrers: ["housing"]).deferSuggested)
        #expect(!ResearchCompleteness.of(returnedBy: [], confirmed: ["housing"], referrers: ["housing"]).deferSuggested)
        // A joint referral: either referrer being there is enough.
        #expect(!ResearchCompleteness.of(returnedBy: [], confirmed: ["idva"], referrers: ["housing", "idva"]).deferSuggested)
        #expect(ResearchCompleteness.of(returnedBy: [], confirmed: [], referrers: ["housing"]).words == "0 of 0 agencies returned")
    }
}
