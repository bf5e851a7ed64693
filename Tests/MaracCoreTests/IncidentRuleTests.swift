import Testing
@testable import MaracCore

/// Issue 23: an incident is judged by the same 12-month rule as a referral
/// (`RepeatRule`), edges included; abuse types read and write as codes.
@Suite struct IncidentRuleTests {
    static let perpetrator = IdentityKey(name: "#7", dob: nil)
    static let other = IdentityKey(name: "#8", dob: nil)
    static let priors = [RepeatRule.Prior(referredOn: Day("2025-01-31")!, perpetrator: perpetrator)]

    @Test(arguments: [
        ("2025-01-31", RepeatRule.IncidentFinding.repeat),    // the day of the referral
        ("2026-01-31", .repeat),                                // 12 months exactly
        ("2026-02-01", .lapsed),                                // a day over: a new referral instead
        ("2025-01-30", .lapsed),                                // before any referral
    ])
    func theTwelveMonthEdgesAreRepeatRules(day: String, expected: RepeatRule.IncidentFinding) {
        #expect(RepeatRule.finding(incidentOn: Day(day)!, perpetrator: Self.perpetrator, priors: Self.priors) == expected)
        // The same edge as a referral on that day.
        #expect(RepeatRule.isRepeat(referredOn: Day(day)!, perpetrator: Self.perpetrator, priors: Self.priors) == (expected == .repeat))
    }

    @Test func anotherOrUnknownPerpetratorWithinTheWindowIsNoRepeat() {
        #expect(RepeatRule.finding(incidentOn: Day("2025-06-01")!, perpetrator: Self.other, priors: Self.priors) == .otherPerpetrator)
        #expect(RepeatRule.finding(incidentOn: Day("2025-06-01")!, perpetrator: nil, priors: Self.priors) == .otherPerpetrator)
        #expect(RepeatRule.finding(incidentOn: Day("2026-06-01")!, perpetrator: Self.other, priors: Self.priors) == .lapsed)
    }

    @Test func aLiveRunOfReferralsCarriesAnEarlierPerpetrator() {
        let run = Self.priors + [RepeatRule.Prior(referredOn: Day("2025-11-01")!, perpetrator: Self.other)]
        #expect(RepeatRule.finding(incidentOn: Day("2026-10-01")!, perpetrator: Self.perpetrator, priors: run) == .repeat)
    }

    @Test func abuseTypesAreCodesEachOnceInDeclarationOrder() throws {
        let types = try AbuseType.parseList(" Unwanted_Contact ;physical;;physical", field: "abuse_types")
        #expect(types == [.physical, .unwantedContact])
        #expect(AbuseType.text(types) == "physical;unwanted_contact")
        #expect(throws: FieldError.self) { try AbuseType.parseList("physical;punching", field: "abuse_types") }
        do {
            _ = try AbuseType.parseList("Jane Doe", field: "abuse_types")
        } catch {
            #expect(error.field == "abuse_types")
            #expect(!error.message.contains("Jane"), "an error never repeats the value given")
        }
    }

    @Test func theFieldTableChecksAbuseTypes() throws {
        let field = try #require(ReferralField.byColumn["abuse_types"])
        #expect(field.flag == "abuse-types")
        #expect(try field.checkPlain("threats;PHYSICAL", today: Day("2026-01-01")!) == "physical;threats")
    }

    @Test func anIncidentIsRefusedNamingEachBadField() throws {
        let today = Day("2026-11-24")!
        do {
            _ = try IncidentInput.validate(["referral_ref": "BR-1", "agency": "police", "occurred_on": "2026-11-25",
                                            "abuse_types": "physical;kicking", "summary": "x", "crime_reported": "maybe"], today: today)
            Issue.record("accepted")
        } catch {
            #expect(Set(error.problems.map(\.field)) == ["occurred_on", "abuse_types", "crime_reported"])
        }
        #expect(throws: FieldError.self) { try IncidentInput.checkAgainstBirth(Day("1989-12-31")!, victimDOB: Day("1990-01-01")!) }
        try IncidentInput.checkAgainstBirth(Day("1990-01-01")!, victimDOB: Day("1990-01-01")!)
    }
}
