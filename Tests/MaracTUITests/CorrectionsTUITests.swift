import Foundation
import Testing
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore
@testable import MaracTUI

/// Issue 20 in the terminal UI: each correction reachable where the work is
/// done, asking "Why?" last, keeping typed text when an answer is refused;
/// a snapshot at 80×24 for each new prompt.
@Suite struct CorrectionsTUITests {
    static let today = AgendaEditingTests.today, later = AgendaEditingTests.later

    @Test func meetingModeAsksTheAgencyFirstAndAnEntryIsCorrectedWithItsReason() throws {
        let fixture = try AgendaEditingTests.fixture()
        try fixture.session.recordAttendance(on: Self.today, agencies: ["police", "idva"])
        let app = fixture.app()
        try AgendaEditingTests.agenda(app, on: Self.today)
        let ref = try #require((app.top as? AgendaScreen)?.selected?.referral.ref)
        app.press(AgendaScreen.self, .shared)
        #expect(app.prompt?.question.contains("Who shared it about \(ref)?") == true)
        try Snapshot.check(app.render(), "shared-agency-80x24")
        app.press(Key.parse("zz<Enter>"))
        #expect(app.prompt?.question.contains("pick one present") == true && app.prompt?.editor.text == "zz")
        app.press(Key.parse("<C-u>pol<Enter>"))
        #expect(app.prompt?.question.contains("shared about \(ref)") == true)
        app.press(Key.parse("Two call-outs<Enter>"))
        let entries = try fixture.session.sharedEntries(on: Self.today)
        #expect(entries.map(\.agency) == ["police"] && entries.map(\.text) == ["Two call-outs"])

        app.press(AgendaScreen.self, .entries)
        #expect(app.top is SharedEntriesScreen)
        try Snapshot.check(app.render(), "shared-entries-80x24")
        app.press(SharedEntriesScreen.self, .correct)
        #expect(app.prompt?.editor.text == "Two call-outs")
        app.press(Key.parse("<C-u>Three call-outs<Enter>"))
        #expect(app.prompt?.question.contains("Why? (correcting entry") == true)
        try Snapshot.check(app.render(), "correction-reason-80x24")
        app.press(Key.parse("<Enter>"))
        #expect(app.prompt?.question.contains("is required") == true)
        app.press(Key.parse("miscounted<Enter>"))
        #expect(try fixture.session.minutes(on: Self.today).shared[ref] == "2026-11-24: Police: Three call-outs")
        app.press(SharedEntriesScreen.self, .withdraw)
        app.press(Key.parse("not about this case<Enter>"))
        #expect(try fixture.session.minutes(on: Self.today).shared[ref] == nil)
    }

    @Test func aHearingIsUndoneFromMeetingMode() throws {
        let fixture = try AgendaEditingTests.fixture()
        let app = fixture.app()
        try AgendaEditingTests.agenda(app, on: Self.today)
        let ref = try #require((app.top as? AgendaScreen)?.selected?.referral.ref)
        app.press(AgendaScreen.self, .heard)
        app.press(AgendaScreen.self, .up)
        app.press(AgendaScreen.self, .unhear)
        #expect(app.prompt?.question.contains("putting \(ref) back to listed") == true)
        app.press(Key.parse("heard in error<Enter>"))
        #expect(app.message == "\(ref) is listed again for \(Self.today)")
        #expect(try fixture.session.referral(ref).referral.status == .listed)
    }

    @Test func aMeetingIsMovedAndCancelledFromTheMeetingsScreen() throws {
        let fixture = try AgendaEditingTests.fixture()
        let app = fixture.app()
        app.press(TriageScreen.self, .meetings)
        let meetings = try #require(app.top as? MeetingsScreen)
        let index = try #require(meetings.meetings.firstIndex { $0.heldOn == Self.later })
        app.press(MeetingsScreen.self, .down, times: index)
        app.press(MeetingsScreen.self, .moveTo)
        app.press(Key.parse("<C-u>2026-12-3x<Enter>"))
        #expect(app.prompt?.question.contains("not a real date") == true && app.prompt?.editor.text == "2026-12-3x")
        try Snapshot.check(app.render(), "meeting-move-80x24")
        app.press(Key.parse("<C-u>2026-12-09<Enter>"))
        app.press(Key.parse("clashes with court<Enter>"))
        #expect(app.message == "meeting on 2026-12-08 moved to 2026-12-09")
        app.press(MeetingsScreen.self, .cancel)
        app.press(Key.parse("no chair<Enter>"))
        #expect(app.message == "meeting on 2026-12-09 cancelled; 0 cases back to screened in")
        #expect(try fixture.session.meetings(limit: 10).items.first { $0.heldOn == Day("2026-12-09")! }?.status == .cancelled)
    }

    @Test func anActionIsReassignedAndItsDueDateMovedSayingWhy() throws {
        let fixture = try AgendaEditingTests.fixture()
        let id = try fixture.session.agreeAction(on: "R-1", agency: "police", owner: "DC Smith", due: Day("2026-12-01")!,
                                                 description: "Flag the address", meeting: Self.today)
        let app = fixture.app()
        app.press(TriageScreen.self, .actions)
        app.press(ActionsScreen.self, .reassign)
        app.press(Key.parse("<Enter>"))
        #expect(app.prompt?.question.contains("is required") == true)
        app.press(Key.parse("DC Jones<Enter>"))
        try Snapshot.check(app.render(), "action-agency-80x24")
        app.press(Key.parse("<Enter>on leave<Enter>"))
        #expect(app.message == "action #\(id) reassigned")
        app.press(ActionsScreen.self, .move)
        app.press(Key.parse("<C-u>2026-12-10<Enter>"))
        app.press(Key.parse("waiting for the panel<Enter>"))
        #expect(app.message == "action #\(id) now due 2026-12-10")
        let action = try #require(fixture.session.actions(.init(), limit: 10).items.first)
        #expect(action.owner == "DC Jones" && action.due == Day("2026-12-10"))
    }
}

extension TerminalEndToEndTests {
    /// Issue 20 through the real binary in tmux: a due date moves only with its reason.
    @Test func aDueDateMovesWithItsReasonInARealTerminal() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build first: swift build --product marac")
        let session = try Session()
        #expect(try session.marac("init").0 == 0)
        #expect(try session.marac("meeting", "create", "2026-11-20").0 == 0)
        #expect(try session.marac("referral", "add", "--plain", "--ref", "DUE-1", "--agency", "police", "--victim-name", "Someone Due",
                                  "--ric-score", "15").0 == 0)
        #expect(try session.marac("referral", "screen", "DUE-1", "--accept", "--meeting", "2026-11-20").0 == 0)
        #expect(try session.marac("action", "add", "DUE-1", "--agency", "police", "--owner", "DC Smith", "--due", "2026-12-01", "Flag").0 == 0)
        try session.start()
        try session.waitFor("Triage queue")
        try session.press(TriageScreen.self, .actions)
        try session.waitFor("DC Smith")
        try session.press(ActionsScreen.self, .move)
        try session.waitFor("New due date")
        try session.press("C-u", "2026-12-15", "Enter")
        try session.waitFor("Why?")
        try session.press("Enter")
        try session.waitFor("is required")
        try session.press("waiting for the panel", "Enter")
        try session.waitFor("now due 2026-12-15")
        try session.press(ActionsScreen.self, .back)
        try session.press(TriageScreen.self, .quit)
        #expect(try session.waitUntilExited().status == "0")
        let (status, out, _) = try session.marac("action", "list", "--plain", "--format", "json")
        #expect(status == 0 && out.contains("2026-12-15"))
    }
}
