import Testing
@testable import MaracCore

/// Issue 20's rules, in Core: how many answers a replacement checklist
/// clears, a command line's fields laid over the stored ones, the fields an
/// edit changed, and the required reason.
@Suite struct CorrectionRulesTests {
    static let police = String(repeating: "Y", count: 19) + String(repeating: "N", count: 7) + "-"

    @Test func answersGivenEarlierAreCountedWhenTheyWouldGo() throws {
        let stored = try RiskChecklist.parse(answers: Self.police, version: .police27)
        // The same version, one answer added: nothing cleared.
        #expect(stored.answersCleared(by: try RiskChecklist.parse(answers: String(Self.police.dropLast()) + "Y", version: .police27)) == 0)
        // One answered question left not asked: one.
        #expect(stored.answersCleared(by: try RiskChecklist.parse(answers: "-" + Self.police.dropFirst(), version: .police27)) == 1)
        // Another version, a score alone, or no checklist: every answer given (26; the one not asked is not counted).
        #expect(stored.answersCleared(by: try RiskChecklist.parse(answers: String(repeating: "N", count: 24), version: .safeLives24)) == 26)
        #expect(stored.answersCleared(by: try RiskChecklist.scoreOnly(19, version: .police27)) == 26)
        #expect(stored.answersCleared(by: nil) == 26)
        // A score alone has no answers to clear.
        #expect(try RiskChecklist.scoreOnly(19, version: .police27).answersCleared(by: nil) == 0)
    }

    @Test func givenFieldsAreLaidOverTheStoredOnesAndTheChecklistIsOneThing() throws {
        let stored = ["referral_ref": "R-1", "victim_name": "A", "ric_version": "police-27", "ric_score": "19",
                      "ric_answers": Self.police, "consent_decided_by": "someone"]
        let named = try ReferralCorrection.merged(stored: stored, given: ["victim_name": "B"])
        #expect(named["victim_name"] == "B" && named["ric_answers"] == Self.police && named["ric_version"] == "police-27")
        #expect(named["consent_decided_by"] == nil) // set by marac, never carried by an edit
        #expect(try ReferralCorrection.merged(stored: stored, given: ["victim_name": ""])["victim_name"] == nil)
        #expect(try ReferralCorrection.merged(stored: stored, given: ["ric_answers": "x"])["ric_score"] == nil)
        #expect(try ReferralCorrection.merged(stored: stored, given: ["ric_score": "3"])["ric_answers"] == nil)
        let version = try ReferralCorrection.merged(stored: stored, given: ["ric_version": "safelives-24"])
        #expect(version["ric_answers"] == nil && version["ric_score"] == nil && version["ric_version"] == "safelives-24")
        #expect(throws: FieldError("referral_ref", "the reference of a saved referral cannot change")) {
            _ = try ReferralCorrection.merged(stored: stored, given: ["referral_ref": "R-2"])
        }
    }

    @Test func theChangesAreTheFieldsThatDifferWithWhoseRecordHoldsThem() {
        let changes = ReferralCorrection.changes(before: ["victim_name": "A", "referring_agency": "police", "children_in_household": "1"],
                                                 after: ["victim_name": "B", "referring_agency": "police", "police_reference": "X1"])
        #expect(changes.map(\.change.field) == ["victim_name", "children_in_household", "police_reference"])
        #expect(changes.map(\.home) == [.victim, .referral, .referral])
        #expect(changes[0].change == FieldChange(field: "victim_name", from: "A", to: "B", identifying: true))
        #expect(changes[1].change == FieldChange(field: "children_in_household", from: "1", to: nil, identifying: false))
    }

    @Test func aReasonIsRequired() throws {
        #expect(throws: FieldError("reason", "give the reason for the change")) { _ = try CorrectionReason.checked("  \n") }
        #expect(throws: FieldError("reason", "give the reason for the change")) { _ = try CorrectionReason.checked(nil) }
        #expect(try CorrectionReason.checked(" typo ") == "typo")
    }
}
