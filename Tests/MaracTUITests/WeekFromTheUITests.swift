import Foundation
import Testing
@testable import MaracCases
@testable import MaracCore
@testable import MaracTUI
@testable import marac

/// Issue 22, defect 6: half the week was command-line only. Each step from
/// the UI, through the same use cases, writes the same files the commands
/// write: owner-only, encrypted to each agency's key, opened here by the real
/// `age` with the agency's identity.
@Suite(.serialized) struct WeekFromTheUITests {
    static let hasAge = FileManager.default.isExecutableFile(atPath: "/usr/bin/age") && FileManager.default.isExecutableFile(atPath: "/usr/bin/age-keygen")

    /// A coordinator's app on the demo database, every agency given one real age key (made by age-keygen).
    final class Week {
        let fixture: TUIFixture
        let app: App
        let identity: String
        let out: String

        init() throws {
            fixture = try TUIFixture()
            out = fixture.folder.appendingPathComponent("out").path
            identity = fixture.folder.appendingPathComponent("agency.key").path
            let made = RoleWeekTerminalTests.sh("age-keygen -o \(identity) 2>&1")
            #expect(made.status == 0, "\(made.out)")
            let recipient = RoleWeekTerminalTests.sh("age-keygen -y \(identity)").out.trimmingCharacters(in: .whitespacesAndNewlines)
            for agency in try fixture.session.agencies() { try fixture.session.setAgencyKey(code: agency.code, key: recipient) }
            app = App(session: fixture.session, width: 80, height: 24, files: UIWeekFiles())
        }

        /// The next planned meeting with cases, highlighted on the meetings screen.
        func onMeetingsScreen() throws -> Day {
            app.press(TriageScreen.self, .meetings)
            let meetings = try fixture.session.meetings(limit: 50).items
            let index = try #require(meetings.firstIndex { $0.heldOn > fixture.session.today && $0.cases > 0 })
            app.press(MeetingsScreen.self, .down, times: index)
            return meetings[index].heldOn
        }

        /// Answers the path prompt on screen with `path` (its default cleared).
        func answerPath(_ path: String) {
            app.press(Key.parse("<C-u>" + path + "<Enter>"))
        }

        func decrypt(_ path: String) -> (status: Int32, out: String) {
            RoleWeekTerminalTests.sh("age -d -i \(identity) \(path)")
        }
    }

    static func mode(_ path: String) throws -> Int {
        ((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
    }

    @Test(.enabled(if: hasAge, "needs age and age-keygen"))
    func theCoordinatorConfirmsAndSendsEveryResearchListFromTheMeetingsScreen() throws {
        let week = try Week()
        let day = try week.onMeetingsScreen()
        // Confirm attendance: agencies chosen by name, marked with space.
        week.app.press(MeetingsScreen.self, .confirm)
        #expect(week.app.render().text.contains("Agencies that will attend"))
        week.app.press(Key.parse("police"))
        week.app.press(.char(" "))
        week.app.press(Key.parse("idva<Enter>"))
        #expect(week.app.message?.hasPrefix("confirmed for \(day)") == true, "\(week.app.message ?? "")")
        #expect(try Set(week.fixture.session.researchListRecipients(on: day)).isSuperset(of: ["police", "idva"]))
        // Every agency that confirmed: the first line of the picker, then the folder offered (replaced here).
        week.app.press(MeetingsScreen.self, .researchLists)
        week.app.press(.enter)
        #expect(week.app.prompt?.editor.text == "marac-research-\(day)", "the default folder is offered")
        week.answerPath(week.out)
        #expect(week.app.message?.hasPrefix("research lists written") == true, "\(week.app.message ?? "")")
        for agency in try week.fixture.session.researchListRecipients(on: day) {
            let file = week.out + "/marac-research-\(day)-\(agency).csv.age"
            #expect(try Self.mode(file) == 0o600, "\(file) is owner-only")
            let opened = week.decrypt(file)
            #expect(opened.status == 0 && opened.out.hasPrefix("referral_ref,"), "\(opened.out)")
        }
        // The file is not plain text.
        let raw = try String(contentsOfFile: week.out + "/marac-research-\(day)-police.csv.age", encoding: .isoLatin1)
        #expect(raw.hasPrefix("age-encryption.org/v1"))
    }

    @Test(.enabled(if: hasAge, "needs age and age-keygen"))
    func aReturnedListLoadsAndABadOneNamesEachLineWhole() throws {
        let week = try Week()
        let day = try week.onMeetingsScreen()
        try week.fixture.session.confirmAttendance(on: day, agencies: ["police"])
        let refs = try week.fixture.session.agenda(on: day).cases.map(\.referral.ref)
        let bad = week.fixture.folder.appendingPathComponent("bad.csv").path
        try "referral_ref,agency,known\nNO-SUCH-1,police,no\n\(refs[0]),nosuchagency,no\n".write(toFile: bad, atomically: true, encoding: .utf8)
        week.app.press(MeetingsScreen.self, .loadReturn)
        week.answerPath(bad)
        // Asked again with the path kept; every bad line named, nothing recorded.
        #expect(week.app.prompt?.editor.text == bad)
        let screen = week.app.render().text
        #expect(screen.contains("bad.csv:2") && screen.contains("bad.csv:3"), "\(screen)")
        #expect(try week.fixture.session.researchReturns(on: day).isEmpty)
        let good = week.fixture.folder.appendingPathComponent("good.csv").path
        try "referral_ref,agency,known,summary\n\(refs[0]),police,yes,Two call-outs\n".write(toFile: good, atomically: true, encoding: .utf8)
        week.app.press(Key.parse("<C-u>\(good)<Enter>"))
        #expect(week.app.message == "recorded 1 research return for \(day)", "\(week.app.message ?? "")")
        #expect(try week.fixture.session.researchReturns(on: day).map(\.ref) == [refs[0]])
    }

    @Test(.enabled(if: hasAge, "needs age and age-keygen"))
    func chasePacksAndActionLogsAreWrittenFromTheActionsScreen() throws {
        let week = try Week()
        week.app.press(TriageScreen.self, .actions)
        #expect(week.app.top is ActionsScreen)
        week.app.press(ActionsScreen.self, .chasePacks)
        #expect(week.app.prompt?.editor.text == "marac-chase-\(week.fixture.session.today)")
        week.answerPath(week.out + "/chase")
        #expect(week.app.message?.hasPrefix("chase packs written") == true, "\(week.app.message ?? "")")
        let chase = try FileManager.default.contentsOfDirectory(atPath: week.out + "/chase")
        #expect(!chase.isEmpty && chase.allSatisfy { $0.hasPrefix("marac-chase-") && $0.hasSuffix(".csv.age") })
        for file in chase {
            #expect(try Self.mode(week.out + "/chase/" + file) == 0o600)
            #expect(week.decrypt(week.out + "/chase/" + file).out.hasPrefix("agency,id,ref,owner,due_on,state"))
        }
        // The action log of the highlighted action's meeting, one agency's when the list shows one agency.
        let action = try #require((week.app.top as? ActionsScreen)?.selected)
        let meeting = try #require(action.meetingDate)
        week.app.press(ActionsScreen.self, .actionLog)
        week.answerPath(week.out + "/log")
        #expect(week.app.message?.hasPrefix("action logs of \(meeting) written") == true, "\(week.app.message ?? "")")
        let log = try FileManager.default.contentsOfDirectory(atPath: week.out + "/log")
        #expect(log.contains("marac-actions-\(meeting)-\(action.agency).csv.age"))
        #expect(week.decrypt(week.out + "/log/marac-actions-\(meeting)-\(action.agency).csv.age").out.contains(action.referralRef))
    }

    @Test func theBoardReportAndFiguresAreWrittenOwnerOnlyFromTheFiguresScreen() throws {
        let week = try Week()
        week.app.press(TriageScreen.self, .figures)
        let quarter = try #require(week.app.top as? FiguresScreen).quarter
        week.app.press(FiguresScreen.self, .report)
        #expect(week.app.prompt?.editor.text == "marac-report-\(quarter).html")
        try FileManager.default.createDirectory(atPath: week.out, withIntermediateDirectories: true)
        week.answerPath(week.out + "/report.html")
        #expect(week.app.message?.hasPrefix("board report written") == true, "\(week.app.message ?? "")")
        #expect(try Self.mode(week.out + "/report.html") == 0o600)
        #expect(try String(contentsOfFile: week.out + "/report.html", encoding: .utf8).contains("<html"))
        week.app.press(FiguresScreen.self, .csv)
        week.answerPath(week.out + "/figures.csv")
        week.app.press(FiguresScreen.self, .json)
        week.answerPath(week.out + "/figures.json")
        #expect(try Self.mode(week.out + "/figures.csv") == 0o600 && Self.mode(week.out + "/figures.json") == 0o600)
        let json = try String(contentsOfFile: week.out + "/figures.json", encoding: .utf8)
        #expect(json.hasPrefix("{") && (json.contains("\"suppressed\": true") || json.contains("\"suppressed\":true")), "\(json.prefix(300))")
    }

    @Test func theAgendaIsReadOnScreen() throws {
        let week = try Week()
        let day = try week.onMeetingsScreen()
        week.app.press(MeetingsScreen.self, .readAgenda)
        let screen = week.app.render().text
        #expect(screen.contains("Agenda \(day)"))
        let first = try week.fixture.session.agenda(on: day).cases[0].referral.ref
        #expect(try #require(week.app.top as? AgendaTextScreen).reader.text.contains(first))
        try Snapshot.check(week.app.render(), "agenda-text-80x24")
    }

    /// An agency with no key: refused before anything is written, the fix named; the path kept.
    @Test func anAgencyWithNoKeyIsRefusedAndNothingIsWritten() throws {
        let fixture = try TUIFixture()
        let app = App(session: fixture.session, width: 80, height: 24, files: UIWeekFiles())
        app.press(TriageScreen.self, .actions)
        let out = fixture.folder.appendingPathComponent("chase").path
        app.press(ActionsScreen.self, .chasePacks)
        app.press(Key.parse("<C-u>\(out)<Enter>"))
        #expect(app.prompt?.editor.text == out)
        #expect(app.render().text.contains("has no key stored"), "\(app.render().text)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
