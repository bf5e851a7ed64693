import Testing
@testable import MaracCore

/// The rules of domain.md, table by table.
@Suite struct DomainRulesTests {
    static func answers(yes: Int, rest: Character = "N", count: Int = 24) -> String {
        String(repeating: "Y", count: yes) + String(repeating: rest, count: count - yes)
    }

    @Test(arguments: [(0, RiskBand.standard), (9, .standard), (10, .medium), (13, .medium), (14, .high), (24, .high)])
    func bandsFromScore(score: Int, band: RiskBand) throws {
        #expect(RiskBand(score: score) == band)
        let checklist = try RiskChecklist.parse(answers: Self.answers(yes: score), version: .safeLives24)
        #expect(checklist.score == score)
        #expect(checklist.band == band)
    }

    @Test func noChecklistIsNotCompleted() {
        #expect(RiskBand(checklist: nil) == .notCompleted)
    }

    @Test(arguments: ["D", "-"] as [Character])
    func dontKnowAndNotAskedNeverCount(other: Character) throws {
        let checklist = try RiskChecklist.parse(answers: Self.answers(yes: 13, rest: other), version: .safeLives24)
        #expect(checklist.score == 13)
        #expect(checklist.band == .medium)
        #expect(checklist.answers?.filter { $0 == .notAsked }.count == (other == "-" ? 11 : 0))
    }

    @Test(arguments: [(23, ChecklistVersion.safeLives24, false), (25, .safeLives24, false), (24, .safeLives24, true),
                      (27, .police27, true), (24, .police27, false), (0, .safeLives24, false)])
    func answerCountMustMatchTheForm(letters: Int, version: ChecklistVersion, valid: Bool) {
        let text = String(repeating: "N", count: letters)
        if valid {
            #expect(throws: Never.self) { try RiskChecklist.parse(answers: text, version: version) }
        } else {
            #expect(throws: FieldError.self) { try RiskChecklist.parse(answers: text, version: version) }
        }
    }

    @Test func onlyTheFourLettersAreAnswers() throws {
        #expect(throws: FieldError("ric_answers", "letter 1 is not an answer: use Y, N, D or -")) {
            try RiskChecklist.parse(answers: "x" + String(repeating: "N", count: 23), version: .safeLives24)
        }
        // Issue 10: lowercase letters are the same answers (a prompt must not refuse "y").
        #expect(try RiskChecklist.parse(answers: "yd" + String(repeating: "n", count: 22), version: .safeLives24)
                == RiskChecklist.parse(answers: "YD" + String(repeating: "N", count: 22), version: .safeLives24))
        #expect(throws: FieldError.self) { try RiskChecklist.scoreOnly(25, version: .safeLives24) }
        #expect(throws: Never.self) { try RiskChecklist.scoreOnly(27, version: .police27) }
    }

    @Test func theQuestionsAreData() {
        #expect(ChecklistQuestions.safeLives24.count == 24)
        #expect(ChecklistQuestions.police27.count == 27)
        #expect(ChecklistQuestions.police27.prefix(24).elementsEqual(ChecklistQuestions.safeLives24))
    }

    // MARK: Criteria

    func assess(_ claimed: Set<ReferralCriterion>, score: Int?, reason: String? = nil, incidents: Int? = nil,
                repeat isRepeat: Bool = false) throws(ValidationFailure) -> Set<ReferralCriterion> {
        let checklist = score.map { try! RiskChecklist.scoreOnly($0, version: .safeLives24) }
        return try CriteriaAssessment.assess(claimed: claimed, checklist: checklist, judgementReason: reason,
                                             policeIncidents12m: incidents, isRepeat: isRepeat)
    }

    @Test func judgementNeedsAWrittenReason() throws {
        #expect(throws: ValidationFailure.self) { try assess([.professionalJudgement], score: 8) }
        #expect(throws: ValidationFailure.self) { try assess([.professionalJudgement], score: 8, reason: "   ") }
        #expect(try assess([.professionalJudgement], score: 8, reason: "Extreme fear") == [.professionalJudgement])
    }

    @Test func judgementNeverLowersAScoreOrBand() throws {
        let criteria = try assess([.professionalJudgement], score: 16, reason: "Also worried")
        #expect(criteria == [.professionalJudgement, .visibleHighRisk])
        #expect(RiskBand(score: 16) == .high)
    }

    @Test func visibleHighRiskNeedsFourteen() throws {
        #expect(throws: ValidationFailure.self) { try assess([.visibleHighRisk], score: 12) }
        #expect(throws: ValidationFailure.self) { try assess([.visibleHighRisk], score: nil) }
        #expect(try assess([], score: 14) == [.visibleHighRisk])
    }

    @Test(arguments: [(2, false), (3, true), (7, true)])
    func escalationAtThreeIncidents(incidents: Int, escalates: Bool) throws {
        #expect(try assess([], score: 5, incidents: incidents).contains(.escalation) == escalates)
        if escalates {
            #expect(throws: Never.self) { try assess([.escalation], score: 5, incidents: incidents) }
        } else {
            #expect(throws: ValidationFailure.self) { try assess([.escalation], score: 5, incidents: incidents) }
        }
    }

    @Test func repeatIsTheSystemsCall() throws {
        #expect(try assess([.repeat], score: 15) == [.visibleHighRisk])
        #expect(try assess([], score: 15, repeat: true) == [.visibleHighRisk, .repeat])
    }

    // MARK: Repeats

    static let perpetrator = IdentityKey(name: "Daniel Smith", dob: Day("1988-02-02"))
    static let other = IdentityKey(name: "Someone Else", dob: nil)

    @Test(arguments: [
        ("2025-12-01", perpetrator, true),    // 11 months after the last referral
        ("2026-02-01", perpetrator, false),   // 13 months: a new case
        ("2026-01-01", perpetrator, true),    // exactly 12 months: still within
        ("2026-01-02", perpetrator, false),   // a day past 12 months
        ("2025-12-01", other, false),         // another perpetrator
    ])
    func repeatWithinTwelveMonthsOfTheLastReferral(day: String, perpetrator: IdentityKey, expected: Bool) {
        let prior = RepeatRule.Prior(referredOn: Day("2025-01-01")!, perpetrator: Self.perpetrator)
        #expect(RepeatRule.isRepeat(referredOn: Day(day)!, perpetrator: perpetrator, priors: [prior]) == expected)
    }

    @Test func aChainOfReferralsStaysLive() {
        // Every 10 months with the same perpetrator: each is within 12 months of the last.
        let priors = [0, 10, 20, 30].map { RepeatRule.Prior(referredOn: Day("2020-01-01")!.adding(months: $0), perpetrator: Self.perpetrator) }
        #expect(RepeatRule.isRepeat(referredOn: Day("2020-01-01")!.adding(months: 40), perpetrator: Self.perpetrator, priors: priors))
        // A gap of more than 12 months ends the chain: older referrals no longer count.
        let gap = [RepeatRule.Prior(referredOn: Day("2020-01-01")!, perpetrator: Self.perpetrator),
                   RepeatRule.Prior(referredOn: Day("2022-01-01")!, perpetrator: Self.other)]
        #expect(!RepeatRule.isRepeat(referredOn: Day("2022-06-01")!, perpetrator: Self.perpetrator, priors: gap))
    }

    @Test func anUnknownPerpetratorIsNeverARepeat() {
        let prior = RepeatRule.Prior(referredOn: Day("2025-01-01")!, perpetrator: nil)
        #expect(!RepeatRule.isRepeat(referredOn: Day("2025-02-01")!, perpetrator: nil, priors: [prior]))
    }

    @Test func identityIgnoresCaseAndSpacing() {
        #expect(IdentityKey(name: "  Amina   BEGUM ", dob: nil) == IdentityKey(name: "amina begum", dob: nil))
        #expect(IdentityKey(name: "Zoe\u{0308}", dob: nil) == IdentityKey(name: "Zoë", dob: nil))
        #expect(IdentityKey(name: "Amina Begum", dob: Day("1990-01-01")) != IdentityKey(name: "Amina Begum", dob: nil))
    }

    // MARK: Lifecycle

    @Test(arguments: [(ReferralStatus.received, ReferralStatus.heard), (.received, .listed), (.declined, .screenedIn),
                      (.closed, .received), (.screenedIn, .heard), (.heard, .listed)])
    func illegalTransitionsAreErrors(from: ReferralStatus, to: ReferralStatus) {
        #expect(throws: IllegalTransition(from: from, to: to)) { try from.transition(to: to) }
    }

    @Test func theWholeLifeOfACase() throws {
        var status = ReferralStatus.received
        for next in [ReferralStatus.screenedIn, .listed, .heard, .actionsOpen, .closed, .lapsed, .listed] {
            status = try status.transition(to: next)
        }
        #expect(status == .listed)
        #expect(ReferralStatus.declined.next.isEmpty)
    }

    // MARK: Agenda

    @Test func agendaOrderIsChildrenThenAdultsThenLapsed() {
        let items = [
            AgendaItem(referralRef: "ADULT-HIGH", section: .forCase(childrenInHousehold: 0, relistedAfterLapse: false), band: .high, score: 20, listedPosition: 1),
            AgendaItem(referralRef: "LAPSED", section: .forCase(childrenInHousehold: 2, relistedAfterLapse: true), band: .high, score: 22, listedPosition: 2),
            AgendaItem(referralRef: "KIDS-MEDIUM", section: .forCase(childrenInHousehold: 1, relistedAfterLapse: false), band: .medium, score: 11, listedPosition: 3),
            AgendaItem(referralRef: "KIDS-HIGH", section: .forCase(childrenInHousehold: 3, relistedAfterLapse: false), band: .high, score: 15, listedPosition: 4),
            AgendaItem(referralRef: "ADULT-HIGH-2", section: .forCase(childrenInHousehold: 0, relistedAfterLapse: false), band: .high, score: 20, listedPosition: 5),
        ]
        #expect(AgendaItem.ordered(items).map(\.referralRef) == ["KIDS-HIGH", "KIDS-MEDIUM", "ADULT-HIGH", "ADULT-HIGH-2", "LAPSED"])
    }

    // MARK: Actions

    @Test func overdueIsOpenAfterTheDueDate() throws {
        let today = Day("2026-11-24")!
        #expect(ActionRules.isOverdue(status: .open, due: Day("2026-11-23")!, today: today))
        #expect(!ActionRules.isOverdue(status: .open, due: today, today: today))
        #expect(!ActionRules.isOverdue(status: .done, due: Day("2026-11-01")!, today: today))
        #expect(throws: ActionTransitionError.self) { try ActionStatus.done.transition(to: .incomplete) }
        #expect(try ActionStatus.open.transition(to: .incomplete) == .incomplete)
    }
}
