import Foundation
import Testing
@testable import MaracTUI

/// A terminal that goes away without a SIGHUP reaching marac (the shell
/// around it ignores hang-ups, as `runuser` and some ssh wrappers leave it)
/// made every read fail at once: the UI redrew in a loop, a core's worth of
/// CPU, until killed. The week tests of issue 22 left twelve such processes
/// behind. It must end as on a hang-up.
extension TerminalEndToEndTests {
    @Test func aTerminalThatGoesAwayEndsTheUIAsAHangUpDoes() throws {
        let session = try Session()
        #expect(try session.marac("demo", "--seed", "3").0 == 0)
        // The pane's shell ignores SIGHUP, so only marac's reads can tell the terminal has gone.
        _ = try session.tmux("new-session", "-d", "-s", "main", "-x", "80", "-y", "24",
                             "trap '' HUP; env MARAC_TODAY=2026-11-24 TERM=xterm-256color \(Self.binary) --db \(session.db); sleep 5")
        try session.waitFor("Triage queue")
        let pid = try #require(pid_t(try session.maracPID()))
        _ = try session.tmux("kill-server")
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, kill(pid, 0) == 0 { Thread.sleep(forTimeInterval: 0.1) }
        let stillRunning = kill(pid, 0) == 0
        if stillRunning { kill(pid, SIGKILL) }
        #expect(!stillRunning, "marac kept running after its terminal went away")
    }
}
