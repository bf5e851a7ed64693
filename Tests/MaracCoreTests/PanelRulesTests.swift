import Testing
@testable import MaracCore

/// The perpetrator panel's rules (issue 24), once, in Core.
@Suite struct PanelRulesTests {
    static let serial = SerialStanding(differentVictims: 2, isSerial: true, words: "serial: 2 victims in 3 years")
    static let single = SerialStanding(differentVictims: 1, isSerial: false, words: nil)

    @Test func theCriteriaMetComeFromTheMARACsData() {
        #expect(PanelCriterion.met(serial: Self.serial, highRiskReferrals: 1, repeatReferrals: 2) == [.serial, .highHarm, .repeat])
        #expect(PanelCriterion.met(serial: Self.single, highRiskReferrals: 0, repeatReferrals: 1) == [.repeat])
        #expect(PanelCriterion.met(serial: Self.single, highRiskReferrals: 0, repeatReferrals: 0).isEmpty)
        // Kept as codes and read back the same.
        #expect(PanelCriterion.parse(PanelCriterion.text([.serial, .highHarm])) == [.serial, .highHarm])
    }

    @Test func aDecisionNeedsAReasonAndNoFurtherActionCloses() throws {
        #expect(throws: FieldError.self) { _ = try PanelRules.reason(nil) }
        #expect(throws: FieldError.self) { _ = try PanelRules.reason(" \n ") }
        #expect(try PanelRules.reason("  accepted ") == "accepted")
        #expect(PanelDecisionKind.noFurtherAction.stateAfter == .closed)
        #expect(PanelDecisionKind.drive.stateAfter == .decided && PanelDecisionKind.drive.isProgramme)
        #expect(!PanelDecisionKind.disruption.isProgramme)
        #expect(!PanelReferralState.closed.isOnPanel && PanelReferralState.decided.isOnPanel)
    }

    @Test func reviewsAreOverdueOnceTheirDayHasPassedUntilAFinalOutcome() throws {
        let due = try #require(Day("2026-11-10"))
        let next = due.adding(days: 1)
        #expect(!PanelRules.isReviewOverdue(reviewDue: due, outcome: nil, today: due))
        #expect(PanelRules.isReviewOverdue(reviewDue: due, outcome: nil, today: next))
        #expect(PanelRules.isReviewOverdue(reviewDue: due, outcome: .engaged, today: next))
        #expect(!PanelRules.isReviewOverdue(reviewDue: due, outcome: .breached, today: next))
        #expect(throws: FieldError.self) { try PanelRules.checkDates(start: due, end: due.adding(days: -1), reviewDue: next) }
        #expect(throws: FieldError.self) { try PanelRules.checkDates(start: due, end: nil, reviewDue: due.adding(days: -1)) }
    }

    @Test func theOutcomeWindowsAreTwelveMonthsEitherSideOfTheDecision() throws {
        let decided = try #require(Day("2026-03-15"))
        #expect(PanelRules.windowBefore(decided) == (Day("2025-03-15")!, Day("2026-03-14")!))
        #expect(PanelRules.windowAfter(decided) == (Day("2026-03-16")!, Day("2027-03-15")!))
        // The agenda's order: new referrals, reviews, closures.
        #expect(PanelListingKind.allCases.sorted { $0.order < $1.order } == [.new, .review, .closure])
    }
}
