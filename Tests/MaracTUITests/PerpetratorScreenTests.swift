import Foundation
import Testing
@testable import MaracCases
@testable import MaracCore
@testable import MaracTUI

/// Issue 24 in the terminal UI: `K` on the triage queue ranks perpetrators by
/// harm, each line's formula at the foot; Enter opens a perpetrator's page;
/// `P` on a referral opens its perpetrator's page; both fit 80×24.
@Suite struct PerpetratorScreenTests {
    @Test func theRankingOpensFromTriageShowsItsFormulaAndLeadsToThePage() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        app.press(TriageScreen.self, .ranking)
        let ranking = try #require(app.top as? PerpetratorRankingScreen)
        let top = try #require(ranking.page?.ranked.first)
        let screen = app.render()
        #expect(screen.text.contains("Perpetrators by harm"), "\(screen.text)")
        // The highlighted line's formula, whole, at the foot of the list.
        #expect(screen.lines.contains { $0.contains(top.harm.formula) }, "\(screen.text)")
        #expect(screen.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        try Snapshot.check(screen, "perpetrator-ranking-80x24")
        // The same ranking the command line gives, from the same use case.
        #expect(ranking.page?.ranked.map(\.perpetratorID) == (try fixture.session.rankPerpetrators(limit: PerpetratorRankingScreen.limit)).ranked.map(\.perpetratorID))

        app.press(PerpetratorRankingScreen.self, .down)
        let second = try #require(ranking.page?.ranked.dropFirst().first)
        #expect(app.render().lines.contains { $0.contains(second.harm.formula) })
        app.press(PerpetratorRankingScreen.self, .open)
        let page = try #require(app.top as? PerpetratorScreen)
        #expect(page.perpetratorID == second.perpetratorID)
        let shown = app.render().text
        #expect(shown.contains("(id \(second.perpetratorID))") && shown.contains(second.name), "\(shown)")
        // Enter opens the highlighted referral, oldest first.
        let oldest = try #require(page.referrals.first)
        app.press(PerpetratorScreen.self, .open)
        #expect((app.top as? ReferralScreen)?.ref == oldest.ref)
        app.press(ReferralScreen.self, .back)
        app.press(PerpetratorScreen.self, .back)
        #expect(app.top is PerpetratorRankingScreen)
    }

    @Test func pOnAReferralOpensItsPerpetratorsPageAt80x24() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        app.press(TriageScreen.self, .open)
        let referral = try #require(app.top as? ReferralScreen)
        let detail = try fixture.session.referral(referral.ref)
        let perpetrator = try #require(detail.perpetrator)
        app.press(ReferralScreen.self, .perpetrator)
        let page = try #require(app.top as? PerpetratorScreen)
        #expect(page.perpetratorID == perpetrator.id)
        #expect(page.referrals.contains { $0.ref == referral.ref })
        let text = app.render().text
        #expect(text.contains(perpetrator.name) && (text.contains("SERIAL") || text.contains("not serial")), "\(text)")
        try Snapshot.check(app.render(), "perpetrator-80x24")
        // A resize to 40×12 still draws within the window.
        app.size = (40, 12)
        app.press(.resize)
        #expect(app.render().lines.allSatisfy { DisplayWidth.of($0) <= 40 })
    }

    @Test func aReferralWithNoPerpetratorHasNoPKey() throws {
        let fixture = try TUIFixture(demo: false)
        _ = try fixture.session.logReferral(["referral_ref": "NP-1", "referred_on": "2026-11-20", "referring_agency": "police",
                                             "victim_name": "Nora Alone", "ric_score": "15"])
        let app = fixture.app()
        app.press(TriageScreen.self, .open)
        #expect((app.top as? ReferralScreen)?.ref == "NP-1")
        app.press(ReferralScreen.self, .perpetrator)
        #expect(app.top is ReferralScreen, "no perpetrator recorded: P does nothing")
        #expect(!app.render().text.contains("Perpetrator:"))
    }
}
