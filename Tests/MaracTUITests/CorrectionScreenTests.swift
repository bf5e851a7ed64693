import Foundation
import Testing
@testable import MaracCases
@testable import MaracCore
@testable import MaracTUI

/// Issue 20 in the terminal UI: the checklist keeps its version through an
/// edit (defect 2), a save that would clear answers says how many and asks,
/// the save asks the reason, and `H` shows the case's history.
@Suite(.serialized) struct CorrectionScreenTests {
    /// 19 Yes, 7 No, the last question not asked: police-27, score 19, HIGH.
    static let police27 = String(repeating: "Y", count: 19) + String(repeating: "N", count: 7) + "-"

    /// A real (not demo) database with one police-27 referral waiting to be screened.
    func fixture() throws -> TUIFixture {
        let fixture = try TUIFixture(demo: false)
        _ = try fixture.session.logReferral(["referral_ref": "P27-1", "referred_on": "2026-11-20", "referring_agency": "police",
                                             "victim_name": "Hannah Price", "victim_dob": "1985-06-01",
                                             "ric_version": "police-27", "ric_answers": Self.police27])
        return fixture
    }

    func openForm(_ app: App) throws -> ReferralFormScreen {
        app.press(TriageScreen.self, .open)
        app.press(ReferralScreen.self, .edit)
        return try #require(app.top as? ReferralFormScreen)
    }

    @Test func aPolice27ChecklistIsEditedAsItsOwn27QuestionsAndKeepsItsVersion() throws {
        let fixture = try fixture()
        let app = fixture.app()
        let form = try openForm(app)
        #expect(form.version == .police27 && form.answers.count == 27 && form.checklist?.score == 19)
        #expect(app.render().text.contains("Score 19  band HIGH  · police-27 26 of 27 answered"))
        // To question 27, answer it Yes, save with a reason.
        app.press(ReferralFormScreen.self, .next, times: ReferralFormScreen.fields.count + 26)
        app.press(.char("y"))
        app.press(ReferralFormScreen.self, .save)
        #expect(app.prompt?.question == "Reason for the change:")
        app.press(.enter)
        // A blank reason is asked for again; nothing is saved.
        #expect(app.prompt?.question == "Reason for the change — give the reason for the change:")
        #expect(try fixture.session.referral("P27-1").referral.ricScore == 19)
        app.press(Key.parse("asked at the home visit<Enter>"))
        #expect(app.message == "P27-1 saved; the change is in its history (H)")
        let saved = try fixture.session.referral("P27-1").referral
        #expect(saved.ricVersion == .police27 && saved.ricAnswers == String(Self.police27.dropLast()) + "Y" && saved.ricScore == 20)

        // H: the history, newest first, with the reason.
        app.press(ReferralScreen.self, .history)
        let shown = app.render().text
        #expect(shown.contains("History of P27-1") && shown.contains("ric_answers") && shown.contains("ric_score"))
        #expect(shown.contains("\"19\" → \"20\"") && shown.contains("why: asked at the home visit"))
        app.press(HistoryScreen.self, .back)
        #expect(app.top is ReferralScreen)
    }

    @Test func changingTheVersionIsAChoiceAndClearingAnswersAsksFirst() throws {
        let fixture = try fixture()
        let app = fixture.app()
        _ = try openForm(app)
        // Without a checklist the visible-high-risk criterion would not hold: cleared first.
        let criteria = try #require(ReferralFormScreen.fields.firstIndex { $0.column == "criteria" })
        app.press(ReferralFormScreen.self, .next, times: criteria)
        app.press(Key.parse("<C-u>"))
        app.press(ReferralFormScreen.self, .switchVersion)
        var form = try #require(app.top as? ReferralFormScreen)
        #expect(form.version == .safeLives24 && form.answers.count == 24 && form.checklist == nil)
        // Saving now would clear the 26 answers given: it says so and asks.
        app.press(ReferralFormScreen.self, .save)
        #expect(app.prompt?.question == "This clears 26 checklist answers given earlier. Save anyway? (y/n)")
        app.press(.char("n"))
        #expect(try fixture.session.referral("P27-1").referral.ricAnswers == Self.police27)
        // Back to police-27: every answer is as it was.
        app.press(ReferralFormScreen.self, .switchVersion)
        form = try #require(app.top as? ReferralFormScreen)
        #expect(form.version == .police27 && form.answers.map(\.rawValue) == Array(Self.police27))
    }

    @Test func theHistoryScreenAt80x24() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        app.press(TriageScreen.self, .open)
        let ref = try #require(app.top as? ReferralScreen).ref
        for (count, reason) in ["first recount", "second recount", "third recount"].enumerated() {
            _ = try fixture.session.correctReferral(ref, ["police_incidents_12m": "\(count + 4)", "referrer": "PC Number \(count)"], reason: reason)
        }
        app.press(ReferralScreen.self, .history)
        try Snapshot.check(app.render(), "history-80x24")
        // Paging: older changes, then back to the same page.
        app.press(HistoryScreen.self, .nextPage)
        #expect(app.render().text.contains("first recount"))
        app.press(HistoryScreen.self, .previousPage)
        try Snapshot.check(app.render(), "history-80x24")
    }
}
