import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore

/// Issue 20: a referral corrected with a reason, through the use-case layer
/// on a real file: the history keeps the earlier values (people's fields as
/// the person's), the audit trail names only the fields, the history is read
/// only within scope, and a refusal leaves every table as it was.
@Suite struct ReferralCorrectionTests {
    @Test func everyFieldChangedIsKeptWithTheReasonAndTheAuditHasNoValues() throws {
        let test = try TestDatabase()
        try test.add("C-1", on: "2026-11-01", ["children": "Ola Nowak|2019-01-01|mother", "victim_aliases": "Amy B"])
        let corrected = try test.session.correctReferral("C-1", ["children": "Ola Nowak|2019-01-02|mother", "victim_aliases": "Amy B; Mina B",
                                                                 "perpetrator_name": "Daniel Smyth", "referring_agency": "idva"],
                                                         reason: "checked against the police form")
        #expect(corrected.referral.referringAgency == "idva")
        let page = try test.session.referralHistory("C-1", limit: 10)
        let byField = Dictionary(uniqueKeysWithValues: page.items.map { ($0.change.field, $0) })
        #expect(Set(byField.keys) == ["children", "victim_aliases", "perpetrator_name", "referring_agency"])
        #expect(byField["perpetrator_name"]?.entity == "person" && byField["perpetrator_name"]?.change.from == "Daniel Smith")
        #expect(byField["victim_aliases"]?.change.to == "Amy B; Mina B" && byField["victim_aliases"]?.change.identifying == true)
        #expect(byField["referring_agency"]?.change.identifying == false && byField["referring_agency"]?.entity == "referral")
        #expect(page.items.allSatisfy { $0.reason == "checked against the police form" && $0.referralID == corrected.referral.id })
        let detail = try test.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT detail FROM audit WHERE entity = 'referral' ORDER BY id DESC LIMIT 1")
        }
        #expect(detail == "corrected with a reason: referring_agency,perpetrator_name,victim_aliases,children")
        let audit = try test.database.writer.read { db in try String.fetchAll(db, sql: "SELECT detail FROM audit").joined() }
        #expect(!audit.contains("Smyth") && !audit.contains("Mina") && !audit.contains("2019-01-02"))
    }

    @Test func theHistoryIsReadOnlyWithinScopeAndTheReadingIsRecorded() throws {
        let test = try TestDatabase()
        try test.session.addUser(login: "idva1", name: "An IDVA", roles: [.idva], agency: nil)
        try test.add("C-1", on: "2026-11-01")
        _ = try test.session.correctReferral("C-1", ["victim_name": "Amina Begun"], reason: "typo")
        let idva = Session(database: test.database, actor: Actor("idva1"), clock: test.clock)
        // Not theirs: as if it did not exist, exactly as opening it.
        #expect(throws: ReferralLookup.notFound) { _ = try idva.referralHistory("C-1", limit: 10) }
        #expect(throws: ReferralLookup.notFound) { _ = try idva.correctReferral("C-1", ["victim_name": "X"], reason: "typo") }
        // Break-glass opens it, logged for review.
        #expect(try idva.referralHistory("C-1", limit: 10, breakGlass: "called by the victim").items.count == 1)
        let kinds = try test.database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT use_case || ':' || kind FROM access ORDER BY id")
        }
        #expect(kinds.contains("breakGlass:break_glass"), "\(kinds)")
        _ = try test.session.referralHistory("C-1", limit: 10)
        #expect(try test.count("SELECT COUNT(*) FROM access WHERE use_case = 'viewHistory'") == 1)
    }

    @Test func aRefusedCorrectionLeavesEveryTableAsItWas() throws {
        let test = try TestDatabase()
        try test.add("C-1", on: "2026-11-01", ["ric_version": "police-27", "ric_answers": String(repeating: "Y", count: 20) + String(repeating: "N", count: 7)])
        _ = try test.session.referral("C-1") // the first use case makes the creating login a user
        let before = try UseCaseTests.dump(test)
        let refusals: [(given: [String: String], reason: String, expected: String)] = [
            (["victim_name": "Amina B"], " ", "reason: give the reason for the change"),
            (["victim_name": "Amina Begum"], "same", "nothing to change: every value given is as stored"),
            (["ric_score": "15"], "re-scored", "ric_answers: this change would clear 27 checklist answers given earlier; nothing was saved"),
            (["referral_ref": "C-2"], "renamed", "referral_ref: the reference of a saved referral cannot change"),
        ]
        for refusal in refusals {
            do {
                _ = try test.session.correctReferral("C-1", refusal.given, reason: refusal.reason)
                Issue.record("not refused: \(refusal.given)")
            } catch {
                #expect(error.description == refusal.expected && error.exitCode == 65, "\(error)")
            }
        }
        let after = try UseCaseTests.dump(test)
        #expect(after == before, "\(Set(after).symmetricDifference(before))")
    }
}
