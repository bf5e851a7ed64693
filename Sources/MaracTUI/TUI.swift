import Foundation
import MaracCore
import MaracCases

/// Signals noted by the handler and acted on by the loop (a handler may only set a flag).
nonisolated(unsafe) private var pendingSignal: Int32 = 0

/// `marac` with no command: the coordinator's terminal UI.
public enum TUI {
    /// Why the UI cannot start here, or nil when it can.
    public static func unsupportedReason(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if isatty(STDIN_FILENO) != 1 || isatty(STDOUT_FILENO) != 1 {
            return "marac needs an interactive terminal (use a command; see marac --help)"
        }
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" {
            return "marac needs a terminal that can move the cursor (TERM is \(term.isEmpty ? "unset" : term)); use a command, see marac --help"
        }
        return nil
    }

    /// Runs until the user quits; returns the exit code. The terminal is
    /// restored on every way out: quit, error, SIGINT, SIGTERM, SIGHUP.
    public static func run(session: Session, files: (any WeekFiles)? = nil) -> Int32 {
        if let reason = unsupportedReason() {
            FileHandle.standardError.write(Data("error: \(reason)\n".utf8))
            return 64
        }
        guard let terminal = Terminal() else {
            FileHandle.standardError.write(Data("error: this terminal cannot be driven (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "")); use a command\n".utf8))
            return 64
        }
        installSignalHandlers(terminal)
        defer { terminal.restore() }
        let size = terminal.size
        let app = App(session: session, width: size.width, height: size.height, files: files)
        terminal.draw(app.render())
        while !app.finished {
            let key = terminal.readKey()
            // A terminal gone without a signal is a hang-up all the same.
            if pendingSignal == 0, terminal.hungUp { pendingSignal = SIGHUP }
            if pendingSignal != 0 {
                // SIGHUP: the connection dropped; keep what was being typed.
                if pendingSignal == SIGHUP { app.keepDraft() }
                let code = 128 + pendingSignal
                terminal.restore()
                return code
            }
            switch key {
            case .resize:
                let size = terminal.size
                app.resize(width: size.width, height: size.height)
            case .ctrl("c"):
                app.keepDraft()
                return 0
            case .tick:
                app.press(.tick)
            default:
                app.press(key)
            }
            terminal.draw(app.render())
        }
        return 0
    }

    private static func installSignalHandlers(_ terminal: Terminal) {
        // A parent may have left these blocked; then the terminal would never be restored.
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { received in pendingSignal = received }
            sigaddset(&set, sig)
        }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        Terminal.restoreOnCrash()
    }
}
