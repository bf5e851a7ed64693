import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import MaracCore
@testable import MaracTUI

/// Issue 22: a week per role in a real terminal (tmux) on a shared-server
/// install (scripts/install-server: the setgid binary, the data directory the
/// group's only), each person a real OS login run with `runuser`, keys
/// pressed by their keymap names and the screen read after each step.
/// Skipped where logins cannot be made or setgid bits are ignored.
@Suite(.serialized) struct RoleWeekTerminalTests {
    static func sh(_ command: String) -> (status: Int32, out: String) {
        let (status, out, err) = (try? TerminalEndToEndTests.Session.run("/bin/sh", ["-c", command])) ?? (1, "", "")
        return (status, out + err)
    }

    static let canInstall = getuid() == 0 && sh("command -v useradd && command -v runuser && command -v tmux").status == 0
        && sh("grep -q '^NoNewPrivs:[[:space:]]*1' /proc/self/status").status != 0

    /// One install with four logins: a coordinator (the admin), an IDVA, a police representative, an analyst.
    final class Install {
        let tag = String(UUID().uuidString.filter(\.isLetter).prefix(5)).lowercased()
        var group: String { "mwg\(tag)" }
        var coordinator: String { "mwc\(tag)" }
        var idva: String { "mwi\(tag)" }
        var police: String { "mwp\(tag)" }
        var analyst: String { "mwn\(tag)" }
        var root: String { "/tmp/marac-week-\(tag)" }
        var binary: String { root + "/usr/bin/marac" }
        let terminal: TerminalEndToEndTests.Session

        init() throws {
            terminal = try TerminalEndToEndTests.Session()
            for login in [coordinator, idva, police, analyst] { #expect(RoleWeekTerminalTests.sh("useradd -M \(login)").status == 0) }
            #expect(RoleWeekTerminalTests.sh("mkdir -p \(root) && chmod 0755 \(root)").status == 0)
            let install = RoleWeekTerminalTests.sh("\(TerminalEndToEndTests.root.path)/scripts/install-server --prefix \(root)/usr --data \(root)/data"
                                                   + " --group \(group) --binary \(TerminalEndToEndTests.binary) --admin \(coordinator)")
            #expect(install.status == 0, "\(install.out)")
        }

        deinit {
            _ = RoleWeekTerminalTests.sh("userdel \(coordinator); userdel \(idva); userdel \(police); userdel \(analyst); groupdel \(group); rm -rf \(root)")
        }

        /// `marac ARGS` as `login`, on `today`.
        @discardableResult
        func marac(_ login: String, _ arguments: String, today: String = "2026-11-24") -> (status: Int32, out: String) {
            RoleWeekTerminalTests.sh("cd / && runuser -u \(login) -- env MARAC_TODAY=\(today) \(binary) \(arguments)")
        }

        /// marac's terminal UI as `login`, in its own tmux window named after the role.
        func open(_ login: String, as name: String, width: Int = 80, height: Int = 24) throws {
            _ = try terminal.tmux("new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                                  "cd / && runuser -u \(login) -- env MARAC_TODAY=2026-11-24 TERM=xterm-256color \(binary)")
        }

        func press<S: NamedKeys>(_ screen: S.Type, _ command: S.Command, in name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            try terminal.press(screen, command, in: name, sourceLocation: sourceLocation)
        }
    }

    /// A day from today: the installed (setgid) binary ignores MARAC_TODAY, so the week is set around the real date.
    static func day(_ offset: Int) -> String {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = .current
        format.dateFormat = "yyyy-MM-dd"
        return format.string(from: Date().addingTimeInterval(Double(offset) * 86_400))
    }

    @Test(.enabled(if: canInstall, "needs root, useradd, runuser and tmux, and setgid bits honoured (no no_new_privs)"))
    func eachRoleWorksItsWeekFromItsOwnHome() throws {
        let install = try Install()
        let (c, meeting, old) = (install.coordinator, Self.day(9), Self.day(-60))
        #expect(install.marac(c, "user add \(install.idva) --name 'Ida Vance' --role idva").status == 0)
        #expect(install.marac(c, "user add \(install.police) --name 'PC Plod' --role agency --agency police").status == 0)
        #expect(install.marac(c, "user add \(install.analyst) --name 'Ann Alyst' --role analyst").status == 0)
        // Monday: referrals in, the meeting made, cases listed, police confirmed; an action from an old meeting, long overdue.
        #expect(install.marac(c, "meeting create \(old)").status == 0)
        #expect(install.marac(c, "referral add --plain --ref OLD-1 --agency police --victim-name 'Olga Old' --ric-score 15 --referred-on \(Self.day(-70))").status == 0)
        #expect(install.marac(c, "referral screen OLD-1 --accept --meeting \(old)").status == 0)
        let action = install.marac(c, "action add OLD-1 --agency police --owner 'DC Lee' --due \(Self.day(-30)) --meeting \(old) Check the DVPN")
        #expect(action.status == 0, "\(action.out)")
        #expect(install.marac(c, "meeting create \(meeting)").status == 0)
        #expect(install.marac(c, "referral add --plain --ref KIDS-1 --agency police --victim-name 'Kira Child' --ric-score 16 --children 1").status == 0)
        #expect(install.marac(c, "referral add --plain --ref MINE-1 --agency idva --victim-name 'Mina Own' --ric-score 15 --keyworker \(install.idva)").status == 0)
        for ref in ["KIDS-1", "MINE-1"] { #expect(install.marac(c, "referral screen \(ref) --accept --meeting \(meeting)").status == 0) }
        #expect(install.marac(c, "meeting confirm \(meeting) police").status == 0)

        // The coordinator: the triage queue, the meeting ahead (no timer yet), the escalated action.
        try install.open(c, as: "coordinator")
        var screen = try install.terminal.waitFor("Triage queue", in: "coordinator")
        #expect(screen.contains("next meeting \(meeting) (2 cases listed)"), "\(screen)")
        try install.press(TriageScreen.self, .meetings, in: "coordinator")
        try install.terminal.waitFor("Meetings", in: "coordinator")
        try install.press(MeetingsScreen.self, .first, in: "coordinator")
        try install.press(MeetingsScreen.self, .open, in: "coordinator")
        screen = try install.terminal.waitFor("Meeting \(meeting)", in: "coordinator")
        #expect(screen.contains("1 ESCALATED for the chair") && screen.contains("the case timer runs on the day of the meeting"), "\(screen)")
        try install.press(AgendaScreen.self, .review, in: "coordinator")
        screen = try install.terminal.waitFor("Open actions", in: "coordinator")
        #expect(screen.split(separator: "\n").contains { $0.contains("OLD-1") && $0.contains("ESCALATED") }, "\(screen)")

        // Issue 22, defect 6: the rest of the coordinator's week without the shell. The police's key is
        // stored (an age key made by the real age-keygen); the files go to a folder the coordinator owns.
        let key = install.root + "/police.key", out = install.root + "/out-\(c)"
        #expect(Self.sh("age-keygen -o \(key) 2>&1 && install -d -o \(c) -m 0700 \(out)").status == 0)
        let recipient = Self.sh("age-keygen -y \(key)").out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(install.marac(c, "agency key police \(recipient)").status == 0)
        // Chase packs, from the open actions.
        try install.press(ActionsScreen.self, .chasePacks, in: "coordinator")
        try install.terminal.waitFor("chase packs", in: "coordinator")
        try install.terminal.press(in: "coordinator", "C-u", out + "/chase", "Enter")
        try install.terminal.waitFor("chase packs written", in: "coordinator")
        try install.press(ActionsScreen.self, .back, in: "coordinator")
        try install.terminal.waitFor("Meeting \(meeting)", in: "coordinator")
        try install.press(AgendaScreen.self, .back, in: "coordinator")
        try install.terminal.waitFor("Meetings", in: "coordinator")
        // The agenda read on screen; then every confirmed agency's research list.
        try install.press(MeetingsScreen.self, .readAgenda, in: "coordinator")
        screen = try install.terminal.waitFor("Agenda \(meeting)", in: "coordinator")
        #expect(screen.contains("KIDS-1"), "\(screen)")
        try install.press(MinutesScreen.self, .back, in: "coordinator")
        try install.terminal.waitFor("Meetings", in: "coordinator")
        try install.press(MeetingsScreen.self, .researchLists, in: "coordinator")
        try install.terminal.waitFor("every agency that confirmed", in: "coordinator")
        try install.terminal.press(in: "coordinator", "Enter")
        try install.terminal.waitFor("Folder for every research list", in: "coordinator")
        try install.terminal.press(in: "coordinator", "C-u", out + "/research", "Enter")
        try install.terminal.waitFor("research lists written", in: "coordinator")
        // The board report, from the figures.
        try install.press(MeetingsScreen.self, .back, in: "coordinator")
        try install.terminal.waitFor("Triage queue", in: "coordinator")
        try install.press(TriageScreen.self, .figures, in: "coordinator")
        try install.terminal.waitFor("Figures", in: "coordinator")
        try install.press(FiguresScreen.self, .report, in: "coordinator")
        try install.terminal.waitFor("board report", in: "coordinator")
        try install.terminal.press(in: "coordinator", "C-u", out + "/board.html", "Enter")
        try install.terminal.waitFor("board report written", in: "coordinator")
        // Each file: there, the coordinator's alone, and opened by the real age with the police's key.
        for (file, holds) in [("chase/marac-chase-police.csv.age", "OLD-1"), ("research/marac-research-\(meeting)-police.csv.age", "KIDS-1")] {
            #expect(Self.sh("stat -c '%a %U' \(out)/\(file)").out.trimmingCharacters(in: .whitespacesAndNewlines) == "600 \(c)", "\(file)")
            let opened = Self.sh("age -d -i \(key) \(out)/\(file)")
            #expect(opened.status == 0 && opened.out.contains(holds), "\(file): \(opened.out)")
        }
        #expect(Self.sh("stat -c '%a %U' \(out)/board.html").out.trimmingCharacters(in: .whitespacesAndNewlines) == "600 \(c)")
        #expect(Self.sh("grep -c '<html' \(out)/board.html").status == 0)

        // The IDVA: her cases and her count, no screening keys.
        try install.open(install.idva, as: "idva")
        screen = try install.terminal.waitFor("My cases", in: "idva")
        #expect(screen.contains("next meeting \(meeting): 1 of your cases listed") && screen.contains("MINE-1"), "\(screen)")
        #expect(!screen.contains("KIDS-1") && !screen.contains("accept"), "\(screen)")

        // Police: its agenda, its research to return, its escalated action; a key it may not use changes nothing.
        try install.open(install.police, as: "police")
        screen = try install.terminal.waitFor("Your agency", in: "police")
        #expect(screen.contains("next meeting \(meeting): 2 cases on its agenda for you"), "\(screen)")
        #expect(screen.contains("research to return for \(meeting): 2 (KIDS-1, MINE-1)"), "\(screen)")
        #expect(screen.contains("1 ESCALATED to the chair"), "\(screen)")
        try install.press(HomeAgencyScreen.self, .research, in: "police")
        try install.terminal.waitFor("Meeting \(meeting)", in: "police")
        try install.press(AgendaScreen.self, .heard, in: "police")
        screen = try install.terminal.waitFor("may not hear cases", in: "police")
        #expect(screen.contains("Case 1: KIDS-1"), "\(screen)")
        #expect(install.marac(c, "referral show KIDS-1 --plain --format json").out.contains("\"listed\""))
        try install.press(AgendaScreen.self, .research, in: "police")
        _ = try install.terminal.tmux("send-keys", "-t", "police", "Enter", "yes", "Enter", "Two call-outs", "Enter", "Enter")
        try install.terminal.waitFor("research return recorded for KIDS-1 (police)", in: "police")
        try install.press(AgendaScreen.self, .back, in: "police")
        screen = try install.terminal.waitFor("research to return for \(meeting): 1 (MINE-1)", in: "police")

        // The analyst: suppressed figures, never told to run a command they may not.
        try install.open(install.analyst, as: "analyst")
        screen = try install.terminal.waitFor("Figures", in: "analyst")
        #expect(!screen.contains("config set") && !screen.contains("error"), "\(screen)")
    }
}

extension RoleWeekTerminalTests {
    /// Defect 9: `marac referral add` at a terminal asked four things and saved
    /// a referral with no date of birth, perpetrator, consent or safety flags.
    @Test(.enabled(if: Self.sh("command -v tmux").status == 0, "needs tmux"))
    func referralAddAtATerminalAsksEveryFieldOfTheFormAndSaysWhatWasLeftBlank() throws {
        let terminal = try TerminalEndToEndTests.Session()
        _ = try terminal.tmux("new-session", "-d", "-s", "add", "-x", "250", "-y", "50",
                              "env MARAC_TODAY=2026-11-24 TERM=xterm-256color \(TerminalEndToEndTests.binary) --db \(terminal.db) referral add; echo EXITED $?; sleep 30")
        let answers = ["Reference": "TTY-1", "Referring agency": "police", "Victim name": "Tia Tty", "Victim DOB": "1990-02-03",
                       "Perpetrator —": "Pat Perp", "Consent —": "given"]
        var asked: [String] = []
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let screen = terminal.screen(of: "add")
            if screen.contains("EXITED") { break }
            let last = screen.split(separator: "\n").last.map(String.init) ?? ""
            guard last.hasSuffix(": ") || last.hasSuffix(":") else { Thread.sleep(forTimeInterval: 0.1); continue }
            let label = String(last.split(separator: "—").first ?? "").trimmingCharacters(in: .whitespaces)
            asked.append(label)
            let answer = answers.first { last.hasPrefix($0.key) }?.value ?? ""
            _ = try terminal.tmux("send-keys", "-t", "add", "-l", answer)
            _ = try terminal.tmux("send-keys", "-t", "add", "Enter")
            // The next question replaces this one as the last line.
            let waitUntil = Date().addingTimeInterval(5)
            while Date() < waitUntil, terminal.screen(of: "add").split(separator: "\n").last.map(String.init) == last { Thread.sleep(forTimeInterval: 0.05) }
        }
        // The whole session, scrolled-off lines too.
        let screen = try terminal.tmux("capture-pane", "-p", "-S", "-400", "-t", "add")
        #expect(screen.contains("EXITED 0"), "\(screen)")
        // Every field of the form was asked, the date of birth, perpetrator and consent among them.
        for label in ["Victim DOB", "Perpetrator", "Consent", "Children"] { #expect(asked.contains(label), "\(asked)") }
        #expect(asked.count >= 15, "\(asked)")
        #expect(screen.contains("left blank:") && screen.contains("Postcode"), "\(screen)")
        let shown = try TerminalEndToEndTests.Session.run(TerminalEndToEndTests.binary, ["--db", terminal.db, "referral", "show", "TTY-1", "--plain", "--format", "json"],
                                                          environment: ["MARAC_TODAY": "2026-11-24"])
        #expect(shown.1.contains("1990-02-03") && shown.1.contains("Pat Perp"), "\(shown)")
    }
}
