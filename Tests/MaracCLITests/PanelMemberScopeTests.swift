import Foundation
import Testing

/// Issue 24, on a shared-server install with real OS users: a panel member
/// (`--role panel`) sees the perpetrator panel's agenda, with the victims'
/// safety facts and never their names, and asking for a victim's research
/// gets "not permitted" and nothing else (77, nothing shown or written).
@Suite(.serialized) struct PanelMemberScopeTests {
    @Test(.enabled(if: PermissionMatrixTests.canInstall, "needs root, useradd, runuser and sqlite3, and a temporary folder without nosuid"))
    func aPanelMemberSeesTheAgendaAndIsRefusedResearch() throws {
        let m = try #require(PermissionMatrixTests.Install())
        #expect(m.run("adm", "user", "add", m.login("pan"), "--name", "Probation officer", "--role", "panel").status == 0)
        #expect(m.run("adm", "referral", "add", "--plain", "--ref", "PAN-1", "--agency", "police", "--victim-name", "Vera Victim",
                      "--victim-dob", "1991-01-01", "--perpetrator-name", "Paul Stone", "--perpetrator-dob", "1980-02-02", "--ric-score", "16").status == 0)
        #expect(m.run("adm", "meeting", "create", "2026-12-20").status == 0)
        #expect(m.run("adm", "panel", "meeting", "create", "2026-12-21").status == 0)
        #expect(m.run("adm", "panel", "refer", "--from", "PAN-1", "--reason", "high harm").status == 0)

        let agenda = m.shown("pan", "panel", "meeting", "agenda", "2026-12-21", "--plain")
        #expect(agenda.status == 0)
        #expect(agenda.out.contains("Panel referral 1") && agenda.out.contains("risk high"), "\(agenda.out)")
        #expect(!agenda.out.contains("Vera") && !agenda.out.contains("Paul"), "\(agenda.out)")

        let before = m.state()
        for asked in [["meeting", "returns", "2026-12-20", "--plain"], ["meeting", "returns", "2026-12-20", "--ref", "PAN-1", "--plain"],
                      ["referral", "show", "PAN-1", "--plain"]] {
            let quoted = asked.map { "'\($0)'" }.joined(separator: " ")
            let refused = PermissionMatrixTests.Sh.sh("cd / && runuser -u \(m.login("pan")) -- \(m.binary) \(quoted) 2>/dev/null")
            #expect(refused.status == 77, "\(asked): \(refused.status)")
            #expect(refused.out.isEmpty, "\(asked) showed: \(refused.out)")
            #expect(m.state() == before, "\(asked) wrote something")
        }
    }
}
