import Testing
@testable import MaracCore

/// Clare's Law (issue 23): the steps in order, and the 28-day clock.
@Suite struct DisclosureSchemeTests {
    static let requested = Day("2026-03-02")!

    static func progress(_ steps: [DisclosureStep], decision: DisclosureDecision? = nil) -> DisclosureProgress {
        var done: [DisclosureStep: Day] = [:]
        for (i, step) in steps.enumerated() { done[step] = requested.adding(days: i + 1) }
        return DisclosureProgress(requestedOn: requested, done: done, decision: decision)
    }

    @Test func eachStepNeedsTheOneBeforeAndTheErrorNamesIt() {
        let today = Self.requested.adding(days: 20)
        let fresh = Self.progress([])
        #expect(throws: Never.self) { try fresh.check(.contact, on: today, today: today) }
        for step in DisclosureStep.allCases.dropFirst() {
            #expect(throws: FieldError("step", "\(step.rawValue) needs contact (first contact and checks) first")) {
                try fresh.check(step, on: today, today: today)
            }
        }
        let met = Self.progress([.contact, .faceToFace])
        #expect(throws: FieldError("step", "decision needs assessment (full risk assessment) first")) {
            try met.check(.decision, on: today, today: today)
        }
        #expect(throws: Never.self) { try met.check(.assessment, on: today, today: today) }
        #expect(met.next == .assessment)
    }

    @Test func aStepIsRecordedOnce() {
        let today = Self.requested.adding(days: 20)
        #expect(throws: FieldError("step", "contact (first contact and checks) is already recorded")) {
            try Self.progress([.contact]).check(.contact, on: today, today: today)
        }
    }

    @Test func noDisclosureAfterADecisionNotToDisclose() {
        let today = Self.requested.adding(days: 20)
        let declined = Self.progress([.contact, .faceToFace, .assessment, .decision], decision: .notDisclose)
        #expect(throws: FieldError.self) { try declined.check(.disclosure, on: today, today: today) }
        #expect(throws: Never.self) { try declined.check(.outcome, on: today, today: today) }
        #expect(declined.steps == [.contact, .faceToFace, .assessment, .decision, .outcome])
        let disclosing = Self.progress([.contact, .faceToFace, .assessment, .decision], decision: .disclose)
        #expect(throws: FieldError("step", "outcome needs disclosure (the disclosure) first")) {
            try disclosing.check(.outcome, on: today, today: today)
        }
    }

    @Test func aStepsDateIsNeitherFutureNorBeforeTheRequestOrThePreviousStep() {
        let today = Self.requested.adding(days: 20)
        let fresh = Self.progress([])
        #expect(throws: FieldError("on", "is in the future")) { try fresh.check(.contact, on: today.adding(days: 1), today: today) }
        #expect(throws: FieldError.self) { try fresh.check(.contact, on: Self.requested.adding(days: -1), today: today) }
        #expect(throws: Never.self) { try fresh.check(.contact, on: Self.requested, today: today) }
        // contact was recorded on day 1: face to face on day 0 is before it.
        #expect(throws: FieldError.self) { try Self.progress([.contact]).check(.faceToFace, on: Self.requested, today: today) }
    }

    /// Day 28 is the due day: due soon (0 days left) until it passes; day 29 is overdue.
    @Test(arguments: [(0, "on_time"), (20, "on_time"), (21, "due_soon"), (28, "due_soon"), (29, "overdue"), (60, "overdue")])
    func theClockCountsTwentyEightDaysFromTheRequest(day: Int, code: String) {
        let clock = DisclosureClock(dueSoonDays: 7)
        let today = Self.requested.adding(days: day)
        let state = clock.state(requestedOn: Self.requested, stoppedOn: nil, today: today)
        #expect(state.code == code)
        // The list's ranges agree with the state, one rule.
        let dueSoon = clock.dueSoonRequested(today: today).contains(Self.requested)
        let overdue = Self.requested < clock.overdueBefore(today: today)
        #expect(dueSoon == (code == "due_soon"))
        #expect(overdue == (code == "overdue"))
        #expect(DisclosureClock.due(requestedOn: Self.requested) == Self.requested.adding(days: 28))
    }

    @Test func theClockStopsAtDisclosureWhateverToday() {
        let state = DisclosureClock().state(requestedOn: Self.requested, stoppedOn: Self.requested.adding(days: 30),
                                            today: Self.requested.adding(days: 90))
        #expect(state == .stopped(on: Self.requested.adding(days: 30), days: 30))
        #expect(state.words == "done in 30 days")
    }

    @Test func dueSoonAndOverdueAreInWords() {
        #expect(DisclosureClock.State.overdue(daysOver: 1).words.contains("OVERDUE"))
        #expect(DisclosureClock.State.dueSoon(daysLeft: 0).words.contains("DUE SOON"))
    }

    @Test func figuresMedianAndOver28() {
        var figures = DisclosureFigures()
        figures.daysToDisclosure = [10, 40, 29, 28]
        #expect(figures.medianDaysToDisclosure == 28.5)
        #expect(figures.disclosedOver28 == 2)
        figures.daysToDisclosure = [5, 1, 3]
        #expect(figures.medianDaysToDisclosure == 3)
        #expect(DisclosureFigures().medianDaysToDisclosure == nil)
    }

    @Test func eachStepTakesItsOwnDetailsOnly() throws {
        let today = Self.requested.adding(days: 20)
        #expect(throws: ValidationFailure.self) { try DisclosureStepInput.parse(step: "assessment", [:], today: today) }
        #expect(throws: ValidationFailure.self) { try DisclosureStepInput.parse(step: "decision", ["decision": "disclose"], today: today) }
        #expect(throws: ValidationFailure.self) { try DisclosureStepInput.parse(step: "contact", ["risk": "high"], today: today) }
        #expect(throws: ValidationFailure.self) { try DisclosureStepInput.parse(step: "telepathy", [:], today: today) }
        #expect(throws: ValidationFailure.self) { try DisclosureStepInput.parse(step: "contact", ["on": "2026-02-30"], today: today) }
        let step = try DisclosureStepInput.parse(step: "assessment", ["risk": "HIGH", "on": "2026-03-05"], today: today)
        #expect(step.riskLevel == .high)
        #expect(step.on == Day("2026-03-05"))
        #expect(try DisclosureStepInput.parse(step: "face_to_face", [:], today: today).on == today)
    }
}

/// DARA beside DASH (issue 23): its own instrument, never scored, and a
/// DARA-high referral's criterion set by the MARAC.
@Suite struct DaraTests {
    static let today = Day("2026-06-01")!
    static let base = ["referral_ref": "D-1", "referred_on": "2026-05-01", "referring_agency": "police", "victim_name": "A Person"]

    static func dara(_ grade: String, extra: [String: String] = [:]) -> [String: String] {
        base.merging(["risk_instrument": "dara", "dara_grade": grade, "dara_rationale": "Officer's reasons", "dara_version": "2022"]) { $1 }
            .merging(extra) { $1 }
    }

    @Test func aDaraReferralIsNeverScored() throws {
        let input = try ReferralInput.validate(Self.dara("high"), today: Self.today)
        #expect(input.checklist == nil)
        #expect(input.band == .notCompleted)
        #expect(input.dara == DaraAssessment(version: "2022", grade: .high, rationale: "Officer's reasons"))
        // A DASH score or answers beside DARA is refused, never mapped.
        #expect(throws: ValidationFailure.self) { try ReferralInput.validate(Self.dara("high", extra: ["ric_score": "16"]), today: Self.today) }
        #expect(throws: ValidationFailure.self) {
            try ReferralInput.validate(Self.dara("medium", extra: ["ric_answers": String(repeating: "Y", count: 24)]), today: Self.today)
        }
    }

    @Test func daraNeedsItsGradeAndRationaleAndDashTakesNoDaraFields() {
        do {
            _ = try ReferralInput.validate(Self.base.merging(["risk_instrument": "dara"]) { $1 }, today: Self.today)
            Issue.record("accepted DARA without a grade")
        } catch {
            #expect(Set(error.problems.map(\.field)) == ["dara_grade", "dara_rationale"])
        }
        do {
            _ = try ReferralInput.validate(Self.base.merging(["dara_grade": "high"]) { $1 }, today: Self.today)
            Issue.record("accepted a DARA grade on a DASH referral")
        } catch {
            #expect(error.problems.map(\.field) == ["dara_grade"])
        }
        #expect(throws: ValidationFailure.self) { try ReferralInput.validate(Self.dara("severe"), today: Self.today) }
    }

    @Test func daraHighIsProfessionalJudgementUnlessTheSettingSaysVisibleHighRisk() throws {
        let high = DaraAssessment(version: nil, grade: .high, rationale: "why")
        let byDefault = try CriteriaAssessment.assess(claimed: [], checklist: nil, judgementReason: nil, policeIncidents12m: nil,
                                                      isRepeat: false, dara: high)
        #expect(byDefault == [.professionalJudgement])
        let bySetting = try CriteriaAssessment.assess(claimed: [], checklist: nil, judgementReason: nil, policeIncidents12m: nil,
                                                      isRepeat: false, dara: high, daraHigh: .visibleHighRisk)
        #expect(bySetting == [.visibleHighRisk])
        // Claiming visible high risk for DARA high is refused unless the setting allows it.
        #expect(throws: ValidationFailure.self) {
            try CriteriaAssessment.assess(claimed: [.visibleHighRisk], checklist: nil, judgementReason: nil, policeIncidents12m: nil,
                                          isRepeat: false, dara: high)
        }
        // Medium and standard grades meet nothing by themselves.
        for grade in [DaraGrade.medium, .standard] {
            let none = try CriteriaAssessment.assess(claimed: [], checklist: nil, judgementReason: nil, policeIncidents12m: nil,
                                                     isRepeat: false, dara: DaraAssessment(version: nil, grade: grade, rationale: "r"),
                                                     daraHigh: .visibleHighRisk)
            #expect(none.isEmpty)
        }
        #expect(DaraHighRule(stored: nil) == .professionalJudgement)
        #expect(DaraHighRule(stored: "visible-high-risk") == .visibleHighRisk)
    }
}
