import Foundation
import Testing
@testable import MaracCore
@testable import MaracTUI

/// The real binary in a real terminal (tmux), read like a coordinator's morning:
/// open, press, see.
@Suite(.serialized) struct TerminalEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/marac").path

    /// One tmux server on a private socket, killed at the end.
    final class Session {
        let socket = "marac-test-\(UUID().uuidString.prefix(8))"
        let folder: URL
        var db: String { folder.appendingPathComponent("marac.db").path }
        var statusFile: String { folder.appendingPathComponent("exit-status").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("marac-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        deinit {
            _ = try? Session.run("/usr/bin/env", ["tmux", "-L", socket, "kill-server"])
            try? FileManager.default.removeItem(at: folder)
        }

        /// Runs a program to completion with posix_spawn and waitpid. Foundation's
        /// Process is not used here: on Linux it watches the child through a pipe
        /// that the daemonised tmux server inherits, and then never sees the exit.
        @discardableResult
        static func run(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String, String) {
            let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("marac-e2e-out-\(UUID().uuidString)").path
            let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("marac-e2e-err-\(UUID().uuidString)").path
            defer {
                try? FileManager.default.removeItem(atPath: outPath)
                try? FileManager.default.removeItem(atPath: errPath)
            }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
            let argv = ([path] + arguments).map { strdup($0) } + [nil]
            let envp = env.map { strdup($0) } + [nil]
            defer { (argv + envp).forEach { free($0) } }
            // A clean signal state: test runners block signals the child must receive.
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var empty = sigset_t(), all = sigset_t()
            sigemptyset(&empty)
            sigfillset(&all)
            posix_spawnattr_setsigmask(&attributes, &empty)
            posix_spawnattr_setsigdefault(&attributes, &all)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
            guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1, errno == EINTR {}
            let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            return (code, (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "", (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
        }

        func tmux(_ arguments: String...) throws -> String {
            try Session.run("/usr/bin/env", ["tmux", "-L", socket] + arguments).1
        }

        func marac(_ arguments: String...) throws -> (Int32, String, String) {
            try Session.run(TerminalEndToEndTests.binary, ["--db", db] + arguments, environment: ["MARAC_TODAY": "2026-11-24"])
        }

        func start(width: Int = 80, height: Int = 24, environment: String = "", stderr: String? = nil, name: String = "main") throws {
            // The shell records marac's exit status in a file (this tmux cannot report it).
            let status = name == "main" ? statusFile : statusFile + "-" + name
            _ = try tmux("new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                         "env MARAC_TODAY=2026-11-24 TERM=xterm-256color \(environment) \(TerminalEndToEndTests.binary) --db \(db)\(stderr.map { " 2>\($0)" } ?? ""); echo $? > \(status)")
            _ = try tmux("set-option", "-t", name, "remain-on-exit", "on")
        }

        func press(_ keys: String...) throws { _ = try tmux(["send-keys", "-t", "main"] + keys) }
        /// Presses the key `screen`'s keymap binds to `command`, by the command's name.
        func press<S: NamedKeys>(_ screen: S.Type, _ command: S.Command, in name: String = "main",
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
            _ = try tmux(["send-keys", "-t", name, key(of: screen, command, sourceLocation: sourceLocation).tmuxName])
        }
        func press(in name: String, _ keys: String...) throws { _ = try tmux(["send-keys", "-t", name] + keys) }
        /// Raw bytes, as a terminal would send them (hex), for sequences tmux has no key name for.
        func pressBytes(_ hex: String...) throws { _ = try tmux(["send-keys", "-t", "main", "-H"] + hex) }
        func screen(of name: String) -> String { (try? tmux("capture-pane", "-p", "-t", name)) ?? "" }

        @discardableResult
        func waitFor(_ text: String, in name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            let deadline = Date().addingTimeInterval(15)
            while Date() < deadline {
                let shown = screen(of: name)
                if shown.contains(text) { return shown }
                Thread.sleep(forTimeInterval: 0.1)
            }
            Issue.record("\(name) never showed \(text):\n\(screen(of: name))", sourceLocation: sourceLocation)
            return screen(of: name)
        }

        private func tmux(_ arguments: [String]) throws -> String {
            try Session.run("/usr/bin/env", ["tmux", "-L", socket] + arguments).1
        }

        var screen: String { (try? tmux("capture-pane", "-p", "-t", "main")) ?? "" }

        /// Waits until the screen shows `text` (up to 10 s); returns the screen.
        @discardableResult
        func waitFor(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                let shown = screen
                if shown.contains(text) { return shown }
                Thread.sleep(forTimeInterval: 0.1)
            }
            Issue.record("the screen never showed \(text):\n\(screen)", sourceLocation: sourceLocation)
            return screen
        }

        /// Whether marac has exited, its exit status, and whether the terminal is
        /// still in the alternate screen (1 means it was not restored).
        func paneState() throws -> (dead: Bool, status: String, alternate: String) {
            let status = (try? String(contentsOfFile: statusFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            let alternate = try tmux("display-message", "-p", "-t", "main", "#{alternate_on}").trimmingCharacters(in: .whitespacesAndNewlines)
            return (status != nil, status ?? "", alternate)
        }

        func waitUntilExited() throws -> (dead: Bool, status: String, alternate: String) {
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                let state = try paneState()
                if state.dead { return state }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return try paneState()
        }

        /// marac's own process id (the pane runs it under a shell).
        func maracPID() throws -> String {
            // Anchored at the binary, so the shell around it (whose command line names it too) never matches.
            try Session.run("/usr/bin/pgrep", ["-f", "^\(TerminalEndToEndTests.binary) --db \(db)"]).1.split(separator: "\n").first.map(String.init) ?? ""
        }
    }

    @Test func aNewHighRiskReferralFromKeysToTheCommandLine() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build first: swift build --product marac")
        let session = try Session()
        // A real database (a demo one refuses real referrals): a meeting to list
        // on, and waiting referrals of every lower band for the new one to pass.
        #expect(try session.marac("init").0 == 0)
        #expect(try session.marac("meeting", "create", "2026-12-06").0 == 0)
        for (ref, answers) in [("LOW-M", String(repeating: "Y", count: 12) + String(repeating: "N", count: 12)),
                               ("LOW-S", String(repeating: "Y", count: 3) + String(repeating: "N", count: 21))] {
            #expect(try session.marac("referral", "add", "--plain", "--ref", ref, "--agency", "police", "--victim-name", "Someone \(ref)",
                                      "--ric-answers", answers).0 == 0)
        }
        #expect(try session.marac("referral", "add", "--plain", "--ref", "LOW-N", "--agency", "idva", "--victim-name", "Someone Else").0 == 0)
        try session.start()
        try session.waitFor("Triage queue")
        #expect(!session.screen.contains("DEMO DATA"))
        #expect(session.screen.contains("LOW-M") && session.screen.contains("LOW-S") && session.screen.contains("LOW-N"))

        try session.press(TriageScreen.self, .new)
        try session.waitFor("New referral")
        try session.press("E2E-1", "Tab", "Tab", "police", "Tab", "Tab", "Tab", "Zoë Ó Súilleabháin")
        // From "Victim name" (field 6) past every other field to the first question.
        for _ in 0..<ReferralField.onFormInOrder.count - 5 { try session.press("Tab") }
        try session.press(String(repeating: "y", count: 14), String(repeating: "n", count: 10))
        try session.waitFor("Score 14  band HIGH")
        try session.press(ReferralFormScreen.self, .save)
        let queue = try session.waitFor("E2E-1 saved")
        let row = try #require(queue.split(separator: "\n").first { $0.contains("E2E-1") })
        #expect(row.contains("HIGH"))
        #expect(row.contains("Zoë Ó Súillea"))
        // High risk sits above every medium, standard and unscored referral.
        let lines = queue.split(separator: "\n")
        let position = try #require(lines.firstIndex { $0.contains("E2E-1") })
        #expect(!lines[..<position].contains { $0.contains("medium") || $0.contains("standard") || $0.contains("no RIC") })

        try session.press(TriageScreen.self, .accept)
        try session.waitFor("E2E-1 screened in and listed for 2026-12-06")
        try session.press(TriageScreen.self, .quit)
        let state = try session.waitUntilExited()
        #expect(state.dead)
        #expect(state.status == "0")
        #expect(state.alternate == "0", "the terminal was not restored")

        let (status, out, _) = try session.marac("referral", "list", "--plain", "--status", "listed", "--format", "json")
        #expect(status == 0)
        #expect(out.contains("\"ref\": \"E2E-1\""))
        #expect(out.contains("\"risk_band\": \"high\""))
    }

    /// Issue 10, defect 1: two coordinators on one queue. When one screens in a
    /// referral above the other's highlight, the other's highlight stays on the
    /// same person (its row number changes, its referral does not).
    /// Defect 2: raw xterm sequences marac's terminfo may not list move, never quit.
    @Test func twoCoordinatorsOnOneQueueEachKeepTheirOwnHighlight() throws {
        let session = try Session()
        #expect(try session.marac("demo", "--seed", "1").0 == 0)
        try session.start()
        try session.start(name: "other")
        try session.waitFor("8 waiting · 1/8")
        try session.waitFor("8 waiting · 1/8", in: "other")
        try session.press(TriageScreen.self, .down)
        try session.press(TriageScreen.self, .down)
        let before = try session.waitFor("8 waiting · 3/8")
        let rows = before.split(separator: "\n").filter { $0.hasPrefix("DEMO-") }
        let mine = String(rows[2].prefix(15))
        // The other coordinator screens in the first referral.
        try session.press(TriageScreen.self, .accept, in: "other")
        try session.waitFor("screened in and listed", in: "other")
        // My screen refreshes on its own (idle reload): one fewer waiting, my referral now second.
        let after = try session.waitFor("7 waiting · 2/7")
        let rowsAfter = after.split(separator: "\n").filter { $0.hasPrefix("DEMO-") }
        #expect(rowsAfter[1].hasPrefix(mine), "the highlight's referral moved: \(after)")
        // Raw Home (\e[H) and End (\e[F), F1, Alt+j and Insert: move or nothing, never quit.
        try session.pressBytes("1b", "5b", "46")
        try session.waitFor("7 waiting · 7/7")
        try session.pressBytes("1b", "5b", "48")
        try session.waitFor("7 waiting · 1/7")
        try session.pressBytes("1b", "4f", "50")
        try session.pressBytes("1b", "6a")
        try session.pressBytes("1b", "5b", "32", "7e")
        try session.press("End")
        try session.waitFor("7 waiting · 7/7")
        #expect(try !session.paneState().dead)
        try session.press(TriageScreen.self, .quit)
        let state = try session.waitUntilExited()
        #expect(state.status == "0")
        #expect(state.alternate == "0", "the terminal was not restored")
    }

    @Test func noColourAndSigtermStillRestoreTheTerminal() throws {
        let session = try Session()
        #expect(try session.marac("demo", "--seed", "2").0 == 0)
        try session.start(environment: "NO_COLOR=1")
        try session.waitFor("Triage queue")
        try session.press(App.self, .help)
        try session.waitFor("Keys: Triage queue")
        let pid = try session.maracPID()
        #expect(!pid.isEmpty)
        try Session.run("/bin/kill", ["-TERM", pid])
        let state = try session.waitUntilExited()
        #expect(state.dead)
        #expect(state.status == "143")
        #expect(state.alternate == "0", "the terminal was not restored")
    }

    @Test func withoutATerminalItSaysSoAndExits64() throws {
        let session = try Session()
        let piped = try Session.run(Self.binary, ["--db", session.db], environment: ["TERM": "xterm"])
        #expect(piped.0 == 64)
        #expect(piped.2 == "error: marac needs an interactive terminal (use a command; see marac --help)\n")
        // TERM=dumb inside a real terminal: also one line and 64.
        let errors = session.folder.appendingPathComponent("stderr").path
        try session.start(environment: "TERM=dumb", stderr: errors)
        let state = try session.waitUntilExited()
        #expect(state.status == "64")
        let said = try String(contentsOfFile: errors, encoding: .utf8)
        #expect(said == "error: marac needs a terminal that can move the cursor (TERM is dumb); use a command, see marac --help\n")
    }
}
