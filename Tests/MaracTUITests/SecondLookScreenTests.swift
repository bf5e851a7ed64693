import Foundation
import Testing
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore
@testable import MaracTUI

/// Issue 10, defect 11, in the terminal UI: the same refusals as the use
/// cases, asked again with the text kept.
@Suite struct SecondLookScreenTests {
    @Test func aHighRiskCaseDeclinedWithOneWordIsAskedForMoreKeepingTheWord() throws {
        let fixture = try TUIFixture(demo: false)
        _ = try fixture.session.logReferral(SearchScreenTests.fields("H-1", on: "2026-11-20", [:]))
        let app = fixture.app()
        app.press(TriageScreen.self, .decline)
        app.press(Key.parse("duplicate<Enter>"))
        let prompt = try #require(app.prompt)
        #expect(prompt.question.contains("needs a fuller reason"))
        #expect(prompt.editor.text == "duplicate")
        #expect(app.render().text.contains("needs a fuller reason"))
        app.press(Key.parse(" of H-0, already listed<Enter>"))
        #expect(app.prompt == nil)
        let declined = try fixture.session.referral("H-1").referral
        #expect(declined.status == .declined && declined.declineReason == "duplicate of H-0, already listed")
    }

    @Test func aDueDateMovedIntoThePastIsAskedAgainKeepingTheText() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        app.press(TriageScreen.self, .actions)
        let action = try #require((app.top as? ActionsScreen)?.actions.first)
        app.press(ActionsScreen.self, .move)
        app.press(Key.parse("<C-u>2026-11-01<Enter>"))
        var prompt = try #require(app.prompt)
        #expect(prompt.question.contains("is in the past") && prompt.editor.text == "2026-11-01")
        app.press(Key.parse("<Bksp><Bksp><Bksp><Bksp><Bksp>12-01x<Enter>"))
        prompt = try #require(app.prompt)
        #expect(prompt.question.contains("not a real date") && prompt.editor.text == "2026-12-01x")
        app.press(Key.parse("<Bksp><Enter>"))
        // Then why (issue 20: a due date moves with its reason, kept in the history).
        #expect(app.prompt?.question.hasPrefix("Why?") == true)
        app.press(Key.parse("waiting for the panel<Enter>"))
        #expect(app.prompt == nil)
        #expect(try fixture.session.actions(.init(), limit: 5000).items.first { $0.id == action.id }?.due == Day("2026-12-01"))
    }

    @Test func theFormNeverSpeaksOfCommandLineOptionsAndRefusesAChildAsVictim() throws {
        // A real database with the reference already taken (a demo one refuses real referrals first).
        let fixture = try TUIFixture(demo: false)
        _ = try fixture.session.logReferral(SearchScreenTests.fields("TAKEN-1", on: "2026-11-20", [:]))
        let app = fixture.app()
        app.press(TriageScreen.self, .new)
        app.press(Key.parse("TAKEN-1<Tab><Tab>police<Tab><Tab><Tab>Someone"))
        app.press(ReferralFormScreen.self, .save)
        let taken = try #require(app.message)
        #expect(taken.contains("choose another") && !taken.contains("--"))
        #expect(!app.render().text.contains("--update"))
        // A victim born 2015 is a child: refused at the field, the form kept.
        let form = try #require(app.top as? ReferralFormScreen)
        let name = try #require(ReferralFormScreen.fields.firstIndex { $0.column == "victim_name" })
        let dob = try #require(ReferralFormScreen.fields.firstIndex { $0.column == "victim_dob" })
        _ = form
        app.press(Key.parse("<BTab><BTab><BTab><BTab><BTab><C-u>NEW-1"))
        app.press(ReferralFormScreen.self, .next, times: dob)
        app.press(Key.parse("2015-01-01"))
        app.press(ReferralFormScreen.self, .save)
        if app.prompt != nil { app.press(.char("y")) }
        #expect(app.top is ReferralFormScreen)
        #expect(app.render().text.contains("under 16"))
        #expect((app.top as? ReferralFormScreen)?.values["victim_name"] == "Someone")
        _ = name
        #expect(throws: CaseError.self) { _ = try fixture.session.referral("NEW-1") }
    }
}
