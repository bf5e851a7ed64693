import Foundation
import Testing
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore
@testable import MaracTUI

/// Issue 20 in the form: saving a referral whose victim may already be
/// recorded shows "possible existing person" with their cases, and asks.
@Suite struct PossibleExistingPersonTests {
    /// A real database with Amina Begum (born 1990-05-01) recorded, and the
    /// form filled in for "Amina Begam" born the same day, saved.
    func savedNearMatch() throws -> (TUIFixture, App) {
        let fixture = try TUIFixture(demo: false)
        _ = try fixture.session.logReferral(SearchScreenTests.fields("W-1", on: "2026-10-01", [:]))
        let app = fixture.app()
        app.press(TriageScreen.self, .new)
        app.press(Key.parse("N-2<Tab><Tab>police<Tab><Tab><Tab>Amina Begam<Tab><Tab>1990-05-01"))
        app.press(ReferralFormScreen.self, .save)
        return (fixture, app)
    }

    @Test func aNearMatchOnSaveShowsThePersonWithTheirCases() throws {
        let (_, app) = try savedNearMatch()
        #expect(app.top is PossibleExistingPersonScreen)
        let text = app.render().text
        #expect(text.contains("Possible existing person") && text.contains("person 1") && text.contains("Amina Begum, born 1990-05-01"))
        #expect(text.contains("W-1  2026-10-01"))
        try Snapshot.check(app.render(), "possible-existing-person-80x24")
    }

    @Test func theSamePersonPutsTheReferralOnThem() throws {
        let (fixture, app) = try savedNearMatch()
        app.press(PossibleExistingPersonScreen.self, .same)
        #expect(app.top is TriageScreen, "\(app.message ?? "")")
        let saved = try fixture.session.referral("N-2")
        #expect(saved.victim.id == 1)
    }

    @Test func aNewPersonIsANewRecord() throws {
        let (fixture, app) = try savedNearMatch()
        app.press(PossibleExistingPersonScreen.self, .new)
        #expect(try fixture.session.referral("N-2").victim.id != 1)
    }

    @Test func backToTheFormLosesNothingTyped() throws {
        let (fixture, app) = try savedNearMatch()
        app.press(PossibleExistingPersonScreen.self, .back)
        let form = try #require(app.top as? ReferralFormScreen)
        #expect(form.columns["victim_name"] == "Amina Begam" && form.columns["referral_ref"] == "N-2")
        #expect(throws: CaseError.self) { try fixture.session.referral("N-2") }
    }
}
