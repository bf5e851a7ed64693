import Foundation
import Testing
@testable import MaracCore
@testable import MaracCases
@testable import MaracStore
@testable import MaracTUI

/// Issue 24: in meeting mode the coordinator refers the case's perpetrator
/// to the panel in one step (the key, then the reason through the one answer
/// path); a panel member opens on the panel's agenda, with no key of the
/// coordinator's and no victim's name on screen.
@Suite(.serialized) struct PerpetratorPanelTUITests {
    static let meeting = Day("2026-12-03")!

    /// A MARAC meeting with one case listed, whose perpetrator has a second victim; a panel meeting after it.
    static func fixture() throws -> TUIFixture {
        let fixture = try TUIFixture(demo: false)
        let s = fixture.session
        _ = try s.importReferrals(csv: """
            referral_ref,referred_on,referring_agency,victim_name,victim_dob,perpetrator_name,perpetrator_dob,ric_score,children_in_household\r
            PAN-1,2026-11-01,police,Vera Victim,1990-01-01,Perry Pan,1980-02-02,16,2\r
            PAN-2,2026-06-01,police,Wanda Other,1991-01-01,Perry Pan,1980-02-02,8,0\r

            """, fileName: "r.csv", update: false)
        try s.createMeeting(on: meeting)
        _ = try s.screenIn("PAN-1", listingOn: meeting)
        try s.createPanelMeeting(on: Day("2026-12-10")!, chair: nil)
        return fixture
    }

    @Test func theKeyAsksTheReasonAgainWhenBlankAndThenRefers() throws {
        var screen = AgendaScreen(day: Self.meeting, today: Day("2026-11-24")!)
        screen.agenda = try Sample.agenda(Self.meeting, [try Sample.summary("BR-1", status: .listed)])
        #expect(screen.handle(key(of: AgendaScreen.self, .referToPanel)) == [.ask(.panelReason(ref: "BR-1", problem: nil), initial: "")])
        #expect(Question.panelReason(ref: "BR-1", problem: nil).answer("  ")
                == [.ask(.panelReason(ref: "BR-1", problem: "a reason is needed"), initial: "  ")])
        #expect(Question.panelReason(ref: "BR-1", problem: nil).answer("two victims")
                == [.request(.referToPanel(ref: "BR-1", reason: "two victims"))])
        // Only those the policy lets refer see the key.
        #expect(screen.keymap(for: [.coordinator]).helpLines.contains { $0.help.contains("refer perpetrator to panel") })
        #expect(!screen.keymap(for: [.agency]).helpLines.contains { $0.help.contains("refer perpetrator to panel") })
    }

    @Test func fromMeetingModeTheCasesPerpetratorIsReferredInOneStep() throws {
        let fixture = try Self.fixture()
        let app = fixture.app()
        app.press(TriageScreen.self, .meetings)
        app.press(MeetingsScreen.self, .open)
        #expect((app.top as? AgendaScreen)?.day == Self.meeting, "\(app.render().text)")
        app.press(AgendaScreen.self, .referToPanel)
        #expect(app.render().text.contains("Why refer the perpetrator of PAN-1 to the perpetrator panel?"), "\(app.render().text)")
        app.press(Key.parse("serial, high harm<Enter>"))
        #expect(app.message == "perpetrator of PAN-1 referred to the panel (panel referral 1): serial, high harm (a victim at high risk)",
                "\(app.message ?? "")")
        let agenda = try fixture.session.panelAgenda(on: Day("2026-12-10")!)
        let item = try #require(agenda.items.first)
        #expect(item.kind == .new && item.referral.fromReferralRef == "PAN-1" && item.referral.reason == "serial, high harm")
        // Again: already open on the panel, said so, nothing more written.
        app.press(AgendaScreen.self, .referToPanel)
        app.press(Key.parse("again<Enter>"))
        #expect(app.message?.contains("already open on the panel") == true, "\(app.message ?? "")")
        #expect(try fixture.session.panelAgenda(on: Day("2026-12-10")!).items.count == 1)
    }

    @Test func aPanelMemberOpensOnThePanelAgenda() throws {
        let fixture = try Self.fixture()
        _ = try fixture.session.referToPanel(perpetratorID: nil, from: "PAN-1", reason: "serial")
        try fixture.session.addUser(login: "probation1", name: "Probation officer", roles: [.panel], agency: nil)
        let member = Session(database: fixture.session.database, actor: Actor("probation1"), clock: fixture.session.clock)
        let app = App(session: member, width: 100, height: 24)
        #expect(app.top is PanelAgendaScreen)
        let screen = app.render().text
        #expect(screen.contains("2026-12-10 (planned): new referrals 1 · reviews 0 · closures 0"), "\(screen)")
        #expect(screen.contains("panel referral 1 · perpetrator"), "\(screen)")
        #expect(screen.contains("victim 1: high, 2 children"), "\(screen)")
        #expect(!screen.contains("Vera") && !screen.contains("Perry") && !screen.contains("PAN-1"), "\(screen)")
        // A victim's research is not the panel's: refused by the policy.
        #expect(throws: CaseError.self) { _ = try member.researchReturns(on: Self.meeting) }
    }
}
