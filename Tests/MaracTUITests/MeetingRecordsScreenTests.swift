import Foundation
import GRDB
import Testing
@testable import MaracCore
@testable import MaracCases
@testable import MaracStore
@testable import MaracTUI

/// Issue 22, meetings and records on screen: meeting mode shows the case's
/// agreed actions below the research returns; the referral page lists each
/// agency's return a line each and opens them in full; the minutes read on
/// screen name the chair, the times, the representatives and the apologies.
@Suite(.serialized) struct MeetingRecordsScreenTests {
    /// The demo's agenda opened from the meetings list, and the case in hand.
    static func agenda(_ app: App) throws -> AgendaScreen {
        app.press(TriageScreen.self, .meetings)
        app.press(MeetingsScreen.self, .down)
        app.press(MeetingsScreen.self, .open)
        return try #require(app.top as? AgendaScreen)
    }

    @Test func meetingModeShowsTheCaseInHandsActionsBelowItsReturns() throws {
        let fixture = try TUIFixture()
        for (width, height) in ScreenSnapshotTests.sizes {
            let app = fixture.app(width: width, height: height)
            let agenda = try Self.agenda(app)
            let ref = try #require(agenda.selected?.referral.ref)
            let screen = app.render().text
            #expect(screen.contains("Actions: "), "\(screen)")
            let actions = try fixture.session.actionsOnAgenda(on: agenda.day).filter { $0.referralRef == ref }
            // Each of the case's actions shows (the first lines at least), and only the case's.
            if let first = actions.first {
                #expect(screen.contains("#\(first.id) "), "\(screen)")
            } else {
                #expect(screen.contains("No actions agreed for \(ref) yet."), "\(screen)")
            }
            let others = try fixture.session.actionsOnAgenda(on: agenda.day).filter { $0.referralRef != ref }
            for other in others { #expect(!screen.contains("#\(other.id) "), "\(screen)") }
            try Snapshot.check(app.render(), "meeting-actions-\(width)x\(height)")
        }
    }

    @Test func aCaseWithActionsListsThemWithOwnerDueAndEscalation() throws {
        let (fixture, _) = try ResearchTUITests.fixture()
        let day = ResearchTUITests.meeting
        let added = try fixture.session.agreeAction(on: "KIDS-1", agency: "police", owner: "DS Lee",
                                                    due: Day("2026-12-20")!, description: "Flag the address", meeting: day)
        let app = fixture.app(width: 120, height: 40)
        app.press(TriageScreen.self, .meetings)
        app.press(MeetingsScreen.self, .open)
        let agenda = try #require(app.top as? AgendaScreen)
        #expect(agenda.selected?.referral.ref == "KIDS-1")
        let screen = app.render().text
        #expect(screen.contains("Actions: 1 action · a agrees one"), "\(screen)")
        #expect(screen.contains("#\(added) Police · DS Lee · due 2026-12-20 · open · Flag the address"), "\(screen)")
        // The next case has none: the panel says so.
        app.press(AgendaScreen.self, .down)
        #expect(app.render().text.contains("No actions agreed for ADULT-1 yet."))
    }

    @Test func theReferralPageListsEachReturnAndOpensThemInFull() throws {
        let (fixture, police) = try ResearchTUITests.fixture()
        let day = ResearchTUITests.meeting
        _ = try police.recordResearch(on: day, ["referral_ref": "KIDS-1", "known": "yes", "summary": "Two call-outs this year",
                                                "current_risks": "DVPN served"])
        _ = try fixture.session.recordResearch(on: day, ["referral_ref": "KIDS-1", "agency": "housing", "known": "no"])
        let app = fixture.app(width: 80, height: 24)
        app.press(TriageScreen.self, .meetings)
        app.press(MeetingsScreen.self, .open)
        app.press(AgendaScreen.self, .open)
        let page = try #require(app.top as? ReferralScreen)
        #expect(page.ref == "KIDS-1")
        let all = page.lines.map(\.0)
        #expect(all.contains("Research returns for \(day) (Tab to one, Enter or f shows it in full)"), "\(all)")
        #expect(all.contains { $0.hasPrefix("  housing: not known") }, "\(all)")
        #expect(all.contains { $0.hasPrefix("  police: known") && $0.contains("Two call-outs this year") }, "\(all)")
        // Tab to a return (after the victim's other referrals, none here), Enter opens the returns in full.
        app.press(ReferralScreen.self, .nextLink)
        app.press(ReferralScreen.self, .open)
        let full = try #require(app.top as? ResearchTextScreen)
        #expect(full.ref == "KIDS-1" && full.meeting == day)
        #expect(app.render().text.contains("DVPN served"))
        app.press(ResearchTextScreen.self, .back)
        app.press(ReferralScreen.self, .returns)
        #expect(app.top is ResearchTextScreen)
        app.press(ResearchTextScreen.self, .back)
        // Scrolled to the foot, the returns are on screen: the snapshot.
        for _ in 0..<40 { app.press(ReferralScreen.self, .down) }
        try Snapshot.check(app.render(), "referral-returns-80x24")
    }

    @Test func anAgencySeesItsOwnReturnOnTheReferralPageAnIdvaIsToldSo() throws {
        let (fixture, police) = try ResearchTUITests.fixture()
        let day = ResearchTUITests.meeting
        _ = try police.recordResearch(on: day, ["referral_ref": "KIDS-1", "known": "yes", "summary": "Two call-outs", "current_risks": ""])
        _ = try fixture.session.recordResearch(on: day, ["referral_ref": "KIDS-1", "agency": "housing", "known": "no"])
        var page = ReferralScreen(ref: "KIDS-1")
        try page.reload(police, rows: 40)
        let lines = page.lines.map(\.0)
        #expect(lines.contains { $0.hasPrefix("  police: known") })
        #expect(!lines.contains { $0.hasPrefix("  housing:") }, "\(lines)")
        try fixture.session.addUser(login: "idva1", name: "I", roles: [.idva], agency: nil)
        _ = try fixture.session.logReferral(["referral_ref": "MINE-1", "referred_on": "2026-11-22", "referring_agency": "idva",
                                             "victim_name": "Mina Own", "ric_score": "15", "keyworker": "idva1"])
        _ = try fixture.session.screenIn("MINE-1", listingOn: day)
        let idva = Session(database: fixture.session.database, actor: Actor("idva1"), clock: fixture.session.clock)
        var own = ReferralScreen(ref: "MINE-1")
        try own.reload(idva, rows: 40)
        #expect(own.lines.map(\.0).contains("Research returns: not shown to your role"))
    }

    /// The agency home's actions are a page read from the agency's cases in
    /// scope by index: the plan starts from the scope's cases (the partial
    /// index of unheard items, the recent meetings) and never scans actions.
    @Test func theAgencysActionsPageStartsFromItsCasesNotEveryAction() throws {
        let (fixture, police) = try ResearchTUITests.fixture()
        _ = try fixture.session.agreeAction(on: "KIDS-1", agency: "police", owner: "DS Lee",
                                            due: Day("2026-12-20")!, description: "Flag the address", meeting: ResearchTUITests.meeting)
        _ = try fixture.session.agreeAction(on: "ADULT-1", agency: "housing", owner: "H",
                                            due: Day("2026-12-21")!, description: "Move", meeting: ResearchTUITests.meeting)
        let page = try police.actions(ActionFilter(openOnly: true, agency: "police"), limit: 10)
        #expect(page.items.map(\.referralRef) == ["KIDS-1"])
        let grant = try #require(Policy.grant([.agency], .viewActions))
        let ids = try #require(ScopeSQL.caseIDs(grant, login: "pc1", today: Day("2026-11-24")!))
        let scope = ScopeSQL.referral(grant, login: "pc1", today: Day("2026-11-24")!)
        let plan = try fixture.session.database.writer.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT a.id FROM (\(ids.sql)) s CROSS JOIN action a ON a.referral_id = s.id
                JOIN referral r ON r.id = a.referral_id WHERE \(scope.sql) AND +a.status = 'open' AND +a.agency = 'police'
                ORDER BY a.due_on, a.id LIMIT 10
                """, arguments: ids.arguments + scope.arguments).map { $0["detail"] as String }.joined(separator: "\n")
        }
        // The loop over actions is a search by referral; only the scope's own cases are scanned (a few).
        #expect(plan.contains("SEARCH a USING INDEX action_by_referral"), "\(plan)")
        #expect(!plan.split(separator: "\n").contains { $0.hasSuffix("SCAN a") || $0.contains("SCAN a ") || $0.contains("SCAN action") }, "\(plan)")
        #expect(plan.contains("agenda_item_unheard"), "\(plan)")
    }
}

extension MeetingRecordsScreenTests {
    /// The real binary in a real terminal: the chair and times recorded on
    /// the command line, the minutes read on screen with `M` from the agenda.
    @Test(.enabled(if: RoleWeekTerminalTests.sh("command -v tmux").status == 0, "needs tmux"))
    func theMinutesReadOnScreenNameTheChairTimesRepresentativesAndApologies() throws {
        let terminal = try TerminalEndToEndTests.Session()
        #expect(try terminal.marac("init").0 == 0)
        #expect(try terminal.marac("referral", "add", "--plain", "--ref", "MIN-1", "--agency", "police", "--victim-name", "Mia Min",
                                   "--ric-score", "15", "--referred-on", "2026-11-10").0 == 0)
        #expect(try terminal.marac("meeting", "create", "2026-11-20").0 == 0)
        #expect(try terminal.marac("referral", "screen", "MIN-1", "--accept", "--meeting", "2026-11-20").0 == 0)
        #expect(try terminal.marac("meeting", "confirm", "2026-11-20", "housing").0 == 0)
        #expect(try terminal.marac("meeting", "attend", "2026-11-20", "police").0 == 0)
        let chaired = try terminal.marac("meeting", "chair", "2026-11-20", "--chair", "Ruth Okafor", "--started", "09:30",
                                         "--ended", "11:05", "--representative", "police=DS Ann Lee")
        #expect(chaired.0 == 0, "\(chaired.2)")
        try terminal.start(width: 80, height: 24)
        try terminal.waitFor("Triage")
        try terminal.press(TriageScreen.self, .meetings)
        try terminal.waitFor("2026-11-20")
        try terminal.press(MeetingsScreen.self, .open)
        try terminal.waitFor("MIN-1")
        try terminal.press(AgendaScreen.self, .minutes)
        let screen = try terminal.waitFor("Chair: Ruth Okafor")
        #expect(screen.contains("Started: 09:30 · ended: 11:05"), "\(screen)")
        #expect(screen.contains("Police: DS Ann Lee"), "\(screen)")
        let apologies = try terminal.waitFor("Apologies")
        #expect(apologies.contains("Housing"), "\(apologies)")
    }
}
