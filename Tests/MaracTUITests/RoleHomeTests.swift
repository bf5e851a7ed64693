import Foundation
import Testing
@testable import MaracCore
@testable import MaracCases
@testable import MaracStore
@testable import MaracTUI

/// Issue 22, part B: each role opens on its own home, sees only the keys it
/// may use, and a refused key changes nothing; escalated actions say so;
/// meeting mode uses the window; counts are in the viewer's scope.
@Suite(.serialized) struct RoleHomeTests {
    static let meeting = ResearchTUITests.meeting

    static func session(_ fixture: TUIFixture, _ login: String) -> Session {
        Session(database: fixture.session.database, actor: Actor(login), clock: fixture.session.clock)
    }

    static func footer(_ app: App) -> String { app.render().lines.last ?? "" }

    /// Defect 2: a police user got the coordinator's triage queue, an error,
    /// "no meeting planned" (one was) and keys it may not use.
    @Test func anAgencyUserOpensOnItsAgendasResearchAndActions() throws {
        let (fixture, police) = try ResearchTUITests.fixture()
        let app = App(session: police, width: 80, height: 24)
        #expect(app.top is HomeAgencyScreen)
        #expect(app.message == nil, "\(app.message ?? "")")
        let screen = app.render().text
        #expect(screen.contains("next meeting \(Self.meeting): 2 cases on its agenda for you"), "\(screen)")
        #expect(screen.contains("research to return for \(Self.meeting): 2 (KIDS-1, ADULT-1)"), "\(screen)")
        #expect(screen.contains("your open actions: 0"), "\(screen)")
        #expect(!screen.contains("no meeting planned") && !screen.contains("triage"))
        for word in ["accept", "decline", "new"] { #expect(!Self.footer(app).contains(word), "\(Self.footer(app))") }
        // Its research: recorded from the agenda, then the home says one is left.
        app.press(HomeAgencyScreen.self, .research)
        #expect((app.top as? AgendaScreen)?.day == Self.meeting)
        app.press(AgendaScreen.self, .research)
        app.press(Key.parse("<Enter>yes<Enter>Two call-outs<Enter><Enter>"))
        #expect(app.message == "research return recorded for KIDS-1 (police)", "\(app.message ?? "")")
        app.press(AgendaScreen.self, .back)
        #expect(app.render().text.contains("research to return for \(Self.meeting): 1 (ADULT-1)"))
        _ = fixture
    }

    /// Defect 2: in meeting mode `h` said "may not hear cases" and the highlight still moved.
    @Test func aRefusedKeyLeavesEverythingWhereItWas() throws {
        let (fixture, police) = try ResearchTUITests.fixture()
        let app = App(session: police, width: 80, height: 24)
        app.press(HomeAgencyScreen.self, .open)
        let agenda = try #require(app.top as? AgendaScreen)
        #expect(agenda.cursor.selected == 0)
        // The footer and `?` offer only what the agency may do.
        #expect(!Self.footer(app).contains("heard") && !Self.footer(app).contains("action"), "\(Self.footer(app))")
        #expect(Self.footer(app).contains("shared"), "\(Self.footer(app))")
        app.press(App.self, .help)
        let help = app.render().text
        #expect(!help.contains("mark the case heard") && help.contains("add what an agency present shared"), "\(help)")
        app.press(.escape)
        app.press(AgendaScreen.self, .heard)
        #expect(app.message == "pc1 (agency) may not hear cases", "\(app.message ?? "")")
        #expect((app.top as? AgendaScreen)?.cursor.selected == 0)
        #expect(app.prompt == nil)
        #expect(try fixture.session.referral("KIDS-1").referral.status == .listed)
        // A key it may use still works.
        app.press(AgendaScreen.self, .down)
        #expect((app.top as? AgendaScreen)?.cursor.selected == 1)
    }

    /// Defect 2 and 10: an IDVA's home is her cases and their meetings, counted in her scope.
    @Test func anIDVAOpensOnHerCasesCountedInHerScope() throws {
        let (fixture, _) = try ResearchTUITests.fixture()
        try fixture.session.addUser(login: "idva1", name: "I", roles: [.idva], agency: nil)
        _ = try fixture.session.logReferral(["referral_ref": "MINE-1", "referred_on": "2026-11-22", "referring_agency": "idva",
                                             "victim_name": "Mina Own", "ric_score": "15", "keyworker": "idva1"])
        _ = try fixture.session.screenIn("MINE-1", listingOn: Self.meeting)
        let idva = Self.session(fixture, "idva1")
        // Three cases on the agenda; one is hers: every count she sees is one.
        #expect(try fixture.session.meetings(limit: 5).items.first?.cases == 3)
        #expect(try idva.meetings(limit: 5).items.first?.cases == 1)
        #expect(try idva.nextMeeting()?.cases == 1)
        let app = App(session: idva, width: 80, height: 24)
        let home = try #require(app.top as? HomeCasesScreen)
        #expect(home.rows.map(\.ref) == ["MINE-1"])
        let screen = app.render().text
        #expect(screen.contains("next meeting \(Self.meeting): 1 of your cases listed"), "\(screen)")
        #expect(app.render().lines.contains { $0.contains("MINE-1") && $0.contains("listed") && $0.contains(Self.meeting.description) }, "\(screen)")
        #expect(!screen.contains("KIDS-1") && !screen.contains("Kira"))
        for word in ["accept", "decline"] { #expect(!Self.footer(app).contains(word), "\(Self.footer(app))") }
        app.press(HomeCasesScreen.self, .meetings)
        let meetings = app.render().text
        #expect(meetings.contains("planned   1 "), "\(meetings)")
        #expect(!Self.footer(app).contains("create"), "\(Self.footer(app))")
        app.press(MeetingsScreen.self, .create)
        #expect(app.prompt == nil && app.message?.contains("may not create meetings") == true)
    }

    /// Defect 2 and 10: an analyst opens on the figures, suppressed, and is never told to run `marac config set`.
    @Test func anAnalystOpensOnSuppressedFigures() throws {
        // A real database: in a demo one every login is its coordinator.
        let fixture = try TUIFixture(demo: false)
        try fixture.session.addUser(login: "an1", name: "Ana Lyst", roles: [.analyst], agency: nil)
        let app = App(session: Self.session(fixture, "an1"), width: 120, height: 40)
        #expect(app.top is FiguresScreen)
        #expect(app.message == nil, "\(app.message ?? "")")
        let screen = app.render().text
        #expect(!screen.contains("config set"), "\(screen)")
        #expect(screen.contains("the coordinator sets it"), "\(screen)")
        // Numbers only: a bar drawn from exact counts would show what suppression hides.
        #expect(!screen.contains("███") && !screen.contains("▇▇"), "\(screen)")
        // The coordinator is still told how.
        let coordinator = fixture.app(width: 120, height: 40)
        coordinator.press(TriageScreen.self, .figures)
        #expect(coordinator.render().text.contains("marac config set adult-female-population N"))
    }

    /// Defect 10: at 80×24 the figures cut the routes with no mark.
    @Test func theFiguresSayWhatIsBelowTheWindow() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        app.press(TriageScreen.self, .figures)
        let figures = try #require(app.top as? FiguresScreen)
        #expect(figures.lines.count > 21)
        #expect(app.render().lines[21].contains("more lines: j or ↓ scrolls"), "\(app.render().text)")
        app.press(FiguresScreen.self, .down, times: figures.lines.count)
        #expect(!app.render().text.contains("more lines"))
        #expect(app.render().text.contains((figures.lines.last?.0 ?? "-").trimmingCharacters(in: .whitespaces)))
    }

    /// Defect 7: escalated actions looked like any overdue one.
    @Test func escalatedActionsAreMarkedEscalated() throws {
        let fixture = try TUIFixture(demo: false)
        let early = Session(database: fixture.session.database, actor: Actor("coordinator"),
                            clock: Clock(today: Day("2026-10-01")!, now: { Date(timeIntervalSince1970: 1_790_000_000) }))
        let held = Day("2026-10-08")!
        try early.createMeeting(on: held)
        _ = try early.logReferral(["referral_ref": "ESC-1", "referred_on": "2026-09-30", "referring_agency": "police",
                                   "victim_name": "Esme Late", "ric_score": "15"])
        _ = try early.screenIn("ESC-1", listingOn: held)
        _ = try early.agreeAction(on: "ESC-1", agency: "police", owner: "DC Lee", due: Day("2026-11-01")!, description: "Check the DVPN", meeting: held)
        _ = try early.agreeAction(on: "ESC-1", agency: "police", owner: "DC Lee", due: Day("2026-11-20")!, description: "Visit the refuge", meeting: held)
        let app = fixture.app(width: 120, height: 40)
        app.press(TriageScreen.self, .actions)
        let lines = app.render().lines
        let escalated = try #require(lines.first { $0.contains("Check the DVPN") })
        let overdue = try #require(lines.first { $0.contains("Visit the refuge") })
        #expect(escalated.contains("ESCALATED"), "\(escalated)")
        #expect(overdue.contains("OVERDUE") && !overdue.contains("ESCALATED"), "\(overdue)")
        app.press(ActionsScreen.self, .read)
        #expect(app.render().text.contains("ESCALATED"))
    }

    /// Defect 10: the case timer ran from when the agenda was opened days ahead.
    @Test func theCaseTimerRunsOnlyOnTheMeetingDay() throws {
        let (fixture, _) = try ResearchTUITests.fixture()
        let app = fixture.app()
        app.press(TriageScreen.self, .meetings)
        app.press(MeetingsScreen.self, .open)
        let ahead = app.render().text
        #expect(ahead.contains("the case timer runs on the day of the meeting") && !ahead.contains("time 00:"), "\(ahead)")
        let onTheDay = App(session: Session(database: fixture.session.database, actor: Actor("coordinator"),
                                            clock: Clock(today: Self.meeting, now: { Date(timeIntervalSince1970: 1_795_000_000) })), width: 80, height: 24)
        onTheDay.press(TriageScreen.self, .meetings)
        onTheDay.press(MeetingsScreen.self, .open)
        #expect(onTheDay.render().text.contains("time 00:00 of 10:00"), "\(onTheDay.render().text)")
    }

    /// Defect 8: at 120×40 rows stayed empty while research was cut; no key showed a return in full.
    @Test func meetingModeFillsTheWindowAndOpensAReturnInFull() throws {
        let (fixture, police) = try ResearchTUITests.fixture()
        let long = "Two call-outs this year, the last on 14 November; an interpreter needed for every visit; a DVPN served and breached twice"
        _ = try police.recordResearch(on: Self.meeting, ["referral_ref": "KIDS-1", "agency": "police", "known": "yes",
                                                         "summary": long, "current_risks": "Father has keys to the flat"])
        let app = fixture.app(width: 120, height: 40)
        app.press(TriageScreen.self, .meetings)
        app.press(MeetingsScreen.self, .open)
        let agenda = try #require(app.top as? AgendaScreen)
        #expect(agenda.panelHeight > ResearchPanel.height)
        let wide = app.render().text
        #expect(["interpreter", "breached", "Father", "flat"].allSatisfy(wide.contains), "\(wide)")
        let narrow = fixture.app()
        narrow.press(TriageScreen.self, .meetings)
        narrow.press(MeetingsScreen.self, .open)
        narrow.press(AgendaScreen.self, .fullResearch)
        #expect(narrow.top is ResearchTextScreen)
        let full = narrow.render().text
        #expect(["interpreter", "breached", "Father", "flat"].allSatisfy(full.contains), "\(full)")
    }
}

extension RoleHomeTests {
    /// Defect 6: minutes written with `w` could not be read in the UI.
    @Test func theCoordinatorReadsTheMinutesOnScreen() throws {
        let (fixture, police) = try ResearchTUITests.fixture()
        _ = try police.recordResearch(on: Self.meeting, ["referral_ref": "KIDS-1", "agency": "police", "known": "yes",
                                                         "summary": "Two call-outs this year", "current_risks": ""])
        let app = fixture.app()
        app.press(TriageScreen.self, .meetings)
        app.press(MeetingsScreen.self, .open)
        app.press(AgendaScreen.self, .minutes)
        #expect(app.top is MinutesScreen)
        let screen = app.render().text
        #expect(screen.contains("MARAC minutes \(Self.meeting)") && screen.contains("KIDS-1"), "\(screen)")
        #expect(screen.contains("more lines"), "\(screen)")
        app.press(MinutesScreen.self, .pageDown, times: 5)
        #expect(app.render().text.contains("ADULT-1"))
        // Police may not write the meeting's documents: the key does nothing but say so.
        let rep = App(session: police, width: 80, height: 24)
        rep.press(HomeAgencyScreen.self, .open)
        rep.press(AgendaScreen.self, .minutes)
        #expect(rep.top is AgendaScreen && rep.message?.contains("may not write meeting documents") == true, "\(rep.message ?? "")")
    }
}

/// Random keys at random sizes, 1×1 to 300×100, on each role's home and the
/// screens reached from it (issue 22): never a crash, never a silent quit.
@Suite struct RoleRandomKeysTests {
    @Test(arguments: ["pc1", "idva1", "an1", "coordinator"], 0..<3)
    func randomKeysOnEachRolesScreensNeverCrashOrQuit(login: String, seed: Int) throws {
        let (fixture, police) = try ResearchTUITests.fixture()
        _ = try police.recordResearch(on: RoleHomeTests.meeting, ["referral_ref": "KIDS-1", "agency": "police", "known": "yes",
                                                                  "summary": String(repeating: "a long return ", count: 30), "current_risks": "risk"])
        try fixture.session.addUser(login: "idva1", name: "I", roles: [.idva], agency: nil)
        try fixture.session.addUser(login: "an1", name: "A", roles: [.analyst], agency: nil)
        _ = try fixture.session.logReferral(["referral_ref": "MINE-1", "referred_on": "2026-11-22", "referring_agency": "idva",
                                             "victim_name": "Mina Own", "ric_score": "15", "keyworker": "idva1"])
        var random = RandomKeysTests.Random(state: UInt64(seed) &* 104_729 &+ UInt64(login.count))
        let app = App(session: RoleHomeTests.session(fixture, login), width: Int.random(in: 1...300, using: &random),
                      height: Int.random(in: 1...100, using: &random))
        for step in 0..<250 {
            if step % 40 == 0 {
                app.size = (Int.random(in: 1...300, using: &random), Int.random(in: 1...100, using: &random))
                app.press(.resize)
            }
            var key = Int.random(in: 0..<4, using: &random) == 0 ? Key.char("MRtfAohcLCbeEa".randomElement(using: &random)!) : RandomKeysTests.randomKey(&random)
            while app.stack.count == 1 && app.prompt == nil && (key == .char("q") || key == .escape) { key = RandomKeysTests.randomKey(&random) }
            if let prompt = app.prompt, prompt.question.hasPrefix("Folder") { key = .escape }
            app.press(key)
            let screen = app.render()
            #expect(screen.lines.count == app.size.height)
            #expect(screen.lines.allSatisfy { DisplayWidth.of($0) <= max(1, app.size.width) })
            try #require(!app.finished, "quit after \(key) at step \(step)")
        }
    }
}
