import Foundation
import Testing
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore
@testable import MaracTUI

/// Issue 10: agenda editing in the UI and what the meeting screen opens.
@Suite struct AgendaEditingTests {
    static let today = Day("2026-11-24")!, later = Day("2026-12-08")!

    static func fixture() throws -> TUIFixture {
        let fixture = try TUIFixture(demo: false)
        let s = fixture.session
        try s.createMeeting(on: today)
        try s.createMeeting(on: later)
        // Three different perpetrators born the same day: names far apart ("P R-1" and "P R-2" would be a near match, issue 20).
        for (ref, victim, dob) in [("R-1", "Ann One", "1990-01-01"), ("R-2", "Bea Two", "1991-01-01"), ("R-3", "Cat Three", "1992-01-01")] {
            _ = try s.logReferral(SearchScreenTests.fields(ref, on: "2026-11-20", ["victim_name": victim, "victim_dob": dob,
                                                                                 "perpetrator_name": "Partner of \(victim)", "children_in_household": "0"]))
        }
        try s.screenIn("R-1", listingOn: today)
        try s.screenIn("R-2", listingOn: today)
        return fixture
    }

    static func agenda(_ app: App, on day: Day) throws {
        app.press(TriageScreen.self, .meetings)
        let meetings = try #require(app.top as? MeetingsScreen)
        let index = try #require(meetings.meetings.firstIndex { $0.heldOn == day })
        app.press(MeetingsScreen.self, .down, times: index)
        app.press(MeetingsScreen.self, .open)
        #expect((app.top as? AgendaScreen)?.day == day)
    }

    @Test func listingPicksTheMeetingAskingAgainForABadDate() throws {
        let fixture = try Self.fixture()
        let app = fixture.app()
        #expect((app.top as? TriageScreen)?.rows.first?.ref == "R-3")
        app.press(TriageScreen.self, .acceptOn)
        app.press(Key.parse("<C-u>8/12/2026<Enter>"))
        #expect(app.prompt?.question.contains("not a real date") == true && app.prompt?.editor.text == "8/12/2026")
        app.press(Key.parse("<C-u>2026-12-08<Enter>"))
        #expect(app.message == "R-3 screened in and listed for 2026-12-08")
        #expect(try fixture.session.agenda(on: Self.later).cases.map(\.referral.ref) == ["R-3"])
    }

    @Test func aCaseIsTakenOffMovedAndALateUrgentCaseAddedAfterHearingStarted() throws {
        let fixture = try Self.fixture()
        let app = fixture.app()
        try Self.agenda(app, on: Self.today)
        // Move the first case to 8 December (offered), after a mistyped date kept for correction.
        let first = try #require((app.top as? AgendaScreen)?.selected?.referral.ref)
        #expect(app.render().text.contains(first))
        app.press(AgendaScreen.self, .move)
        // The offered meeting leads the picker, highlighted; the filter starts blank.
        if case .pick(_, let picker)? = app.prompt?.kind {
            #expect(picker.options.first?.code == "2026-12-08" && picker.filter.text.isEmpty)
        } else {
            Issue.record("no meeting picker")
        }
        app.press(Key.parse("<C-u>2026-12-32<Enter>"))
        #expect(app.prompt?.question.contains("not a real date") == true && app.prompt?.editor.text == "2026-12-32")
        app.press(Key.parse("<C-u>2026-12-08<Enter>"))
        #expect(try fixture.session.agenda(on: Self.later).cases.map(\.referral.ref) == [first])
        // Hear the other, so hearing has started; then take nothing off by mistake (n), and add R-3 late.
        let second = try #require((app.top as? AgendaScreen)?.selected?.referral.ref)
        app.press(AgendaScreen.self, .heard)
        #expect(try fixture.session.agenda(on: Self.today).meeting.status == .held)
        app.press(AgendaScreen.self, .up)
        app.press(AgendaScreen.self, .remove)
        app.press(.char("n"))
        #expect(try fixture.session.agenda(on: Self.today).cases.map(\.referral.ref) == [second])
        app.press(AgendaScreen.self, .late)
        app.press(.enter)
        #expect(app.prompt?.question.contains("a reference is needed") == true)
        app.press(Key.parse("R-3<Enter>"))
        #expect(app.message == "R-3 added late, urgent, to the meeting on 2026-11-24")
        #expect(Set(try fixture.session.agenda(on: Self.today).cases.map(\.referral.ref)) == [second, "R-3"])
        // R-3 is not heard yet: it can be taken off again. (Meeting mode binds
        // no first or last key: up to the first case, then down to R-3.)
        let onScreen = try #require(app.top as? AgendaScreen)
        let index = try #require(onScreen.agenda?.cases.firstIndex { $0.referral.ref == "R-3" })
        app.press(AgendaScreen.self, .up, times: onScreen.agenda?.cases.count ?? 0)
        app.press(AgendaScreen.self, .down, times: index)
        app.press(AgendaScreen.self, .remove)
        app.press(.char("y"))
        #expect(try fixture.session.agenda(on: Self.today).cases.map(\.referral.ref) == [second])
        #expect(try fixture.session.referral("R-3").referral.status == .screenedIn)
    }

    /// J and K move the case in hand within its section; the highlight
    /// follows the case, the order survives a new session, and `?` lists the keys.
    @Test func jAndKReorderWithinTheSectionAndTheHighlightFollowsTheCase() throws {
        let fixture = try Self.fixture()
        try fixture.session.screenIn("R-3", listingOn: Self.today)
        let app = fixture.app()
        try Self.agenda(app, on: Self.today)
        func refs() -> [String] { (app.top as? AgendaScreen)?.agenda?.cases.map(\.referral.ref) ?? [] }
        func selected() -> String? { (app.top as? AgendaScreen)?.selected?.referral.ref }
        let before = refs()
        #expect(before.count == 3)
        let first = try #require(selected())
        #expect(first == before[0])
        app.press(AgendaScreen.self, .placeDown)
        #expect(app.message == "\(first) moved down within its section")
        #expect(refs() == [before[1], first, before[2]])
        #expect(selected() == first)
        app.press(AgendaScreen.self, .placeDown, times: 2)
        #expect(refs() == [before[1], before[2], first])
        #expect(selected() == first)
        #expect(app.message == "error: \(first) is already last in adult-only cases")
        app.press(AgendaScreen.self, .placeUp)
        #expect(refs() == [before[1], first, before[2]])
        #expect(selected() == first)
        try Snapshot.check(app.render(), "agenda-reordered-80x24")
        // Kept: a new session shows the same order.
        let again = fixture.app()
        try Self.agenda(again, on: Self.today)
        #expect((again.top as? AgendaScreen)?.agenda?.cases.map(\.referral.ref) == [before[1], first, before[2]])
        // Help names the keys.
        again.press(App.self, .help)
        let help = again.render().text
        #expect(help.contains("move the case up within its section"))
        #expect(help.contains("move the case down within its section"))
    }

    /// The case at a glance: the meetings it was on and what each agency shared there, dated.
    @Test func theReferralPageShowsItsMeetingsAndWhatWasShared() throws {
        let fixture = try Self.fixture()
        try fixture.session.recordShared("R-1", on: Self.today, text: "Police: two call-outs since the referral")
        try fixture.session.recordShared("R-1", on: Self.today, text: "Housing: transfer offered")
        let app = fixture.app(width: 100, height: 40)
        app.press(App.self, .search)
        app.press(Key.parse("ann one"))
        app.press(SearchScreen.self, .open)
        #expect((app.top as? ReferralScreen)?.ref == "R-1")
        let screen = app.render().text
        #expect(screen.contains("Meetings: 2026-11-24"))
        #expect(screen.contains("Shared at 2026-11-24:"))
        #expect(screen.contains("2026-11-24: Police: two call-outs since the referral"))
        #expect(screen.contains("2026-11-24: Housing: transfer offered"))
    }

    @Test func theMeetingScreenOpensTheStatementTheReviewAndACasesActionsInFull() throws {
        let fixture = try Self.fixture()
        let long = "Refer to the sanctuary scheme for target hardening at the new address, including a fire-proof letterbox and a door chain, and confirm fitting with the victim by phone on the safe number"
        let ref = try fixture.session.agenda(on: Self.today).cases[0].referral.ref
        _ = try fixture.session.agreeAction(on: ref, agency: "housing", owner: "J. Murphy", due: Day("2026-12-01")!, description: long)
        let app = fixture.app()
        try Self.agenda(app, on: Self.today)
        // The register: the statement in full before anyone signs.
        app.press(AgendaScreen.self, .attend)
        var screen = app.render().text
        #expect(screen.contains("Information shared at this MARAC is confidential."))
        #expect(screen.contains("Signed: none yet"))
        app.press(ConfidentialityScreen.self, .sign)
        app.press(Key.parse("police idva housing<Enter>"))
        #expect(app.top is AgendaScreen)
        #expect(try fixture.session.agenda(on: Self.today).attendance == ["housing", "idva", "police"])
        // The case's actions, every word.
        app.press(AgendaScreen.self, .caseActions)
        screen = app.render().text
        #expect((app.top as? ActionTextScreen) != nil)
        #expect(screen.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("confirm fitting with the victim by phone on the safe number"))
        app.press(ActionTextScreen.self, .back)
        // The open-actions review.
        app.press(AgendaScreen.self, .review)
        #expect(app.top is ActionsScreen)
        // From the actions list, Enter reads the whole action.
        app.press(ActionsScreen.self, .read)
        #expect(app.render().text.contains("fire-proof letterbox"))
        try Snapshot.check(app.render(), "action-text-80x24")
    }
}
