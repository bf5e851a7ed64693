import Foundation
import Testing
@testable import MaracCore
@testable import MaracTUI

/// Issue 23 in a real terminal (tmux) on a shared-server install, as
/// RoleWeekTerminalTests: a police representative, a real OS login, logs an
/// incident from their home with the installed binary; it is a repeat, they
/// are told the coordinator will see it, and the coordinator's triage shows
/// it at the top.
@Suite(.serialized) struct IncidentTerminalTests {
    @Test(.enabled(if: RoleWeekTerminalTests.canInstall, "needs root, useradd, runuser and tmux, and setgid bits honoured"))
    func aPoliceUserLogsARepeatIncidentFromTheirHome() throws {
        let install = try RoleWeekTerminalTests.Install()
        let (c, meeting) = (install.coordinator, RoleWeekTerminalTests.day(9))
        #expect(install.marac(c, "user add \(install.police) --name 'PC Plod' --role agency --agency police").status == 0)
        #expect(install.marac(c, "meeting create \(meeting)").status == 0)
        #expect(install.marac(c, "referral add --plain --ref PERP-1 --agency police --victim-name 'Vera Victim' --ric-score 15"
                                 + " --perpetrator-name 'Pat Perp' --perpetrator-dob 1980-01-01 --referred-on \(RoleWeekTerminalTests.day(-3))").status == 0)
        #expect(install.marac(c, "referral screen PERP-1 --accept --meeting \(meeting)").status == 0)
        #expect(install.marac(c, "meeting confirm \(meeting) police").status == 0)

        try install.open(install.police, as: "police")
        try install.terminal.waitFor("Your agency", in: "police")
        try install.press(HomeAgencyScreen.self, .incident, in: "police")
        try install.terminal.waitFor("reference of the victim's referral", in: "police")
        _ = try install.terminal.tmux("send-keys", "-t", "police", "PERP-1", "Enter")
        try install.terminal.waitFor("when did it happen", in: "police")
        _ = try install.terminal.tmux("send-keys", "-t", "police", "Enter")
        try install.terminal.waitFor("Abuse types", in: "police")
        _ = try install.terminal.tmux("send-keys", "-t", "police", "unwanted", "Enter")
        try install.terminal.waitFor("Was a crime reported", in: "police")
        _ = try install.terminal.tmux("send-keys", "-t", "police", "Enter")
        try install.terminal.waitFor("Who did it", in: "police")
        _ = try install.terminal.tmux("send-keys", "-t", "police", "Enter")
        try install.terminal.waitFor("What happened", in: "police")
        _ = try install.terminal.tmux("send-keys", "-t", "police", "-l", "Texts all night")
        _ = try install.terminal.tmux("send-keys", "-t", "police", "Enter", "Enter")
        let screen = try install.terminal.waitFor("repeat: the coordinator will see it in triage", in: "police")
        #expect(screen.contains("Your agency"), "\(screen)")
        let listed = install.marac(c, "incident list --plain --format csv")
        #expect(listed.out.contains(",police,PERP-1,repeat,unwanted_contact,no,"), "\(listed.out)")

        try install.open(c, as: "coordinator")
        let triage = try install.terminal.waitFor("Triage queue", in: "coordinator")
        #expect(triage.contains("repeat incident: refer back"), "\(triage)")
    }
}
