import Foundation
import Testing

/// Issue 22, part B on the command line: escalated actions marked as
/// escalated in `action list`, and `referral add --help` saying a field that
/// defaults is not required.
@Suite struct RoleWeekCLITests {
    @Test func actionListMarksEscalatedActionsAsEscalated() throws {
        let marac = try MaracRun()
        #expect(try marac("meeting", "create", "2026-10-08", today: "2026-10-01").status == 0)
        let added = try marac("referral", "add", "--plain", "--ref", "ESC-1", "--agency", "police", "--victim-name", "Esme Late",
                              "--ric-score", "15", today: "2026-10-01")
        #expect(added.status == 0, "\(added.err)")
        #expect(try marac("referral", "screen", "ESC-1", "--accept", "--meeting", "2026-10-08", today: "2026-10-01").status == 0)
        for (due, what) in [("2026-11-01", "Check the DVPN"), ("2026-11-20", "Visit the refuge")] {
            let action = try marac("action", "add", "ESC-1", "--agency", "police", "--owner", "DC Lee", "--due", due,
                                   "--meeting", "2026-10-08", what, today: "2026-10-08")
            #expect(action.status == 0, "\(action.err)")
        }
        let list = try marac("action", "list", "--overdue", "--plain")
        #expect(list.status == 0, "\(list.err)")
        let lines = list.out.split(separator: "\n").map(String.init)
        let escalated = try #require(lines.first { $0.contains("Check the DVPN") })
        let overdue = try #require(lines.first { $0.contains("Visit the refuge") })
        // 23 days overdue (escalation after 14): escalated; 4 days: overdue only.
        #expect(escalated.contains("ESCALATED"), "\(list.out)")
        #expect(overdue.contains("OVERDUE") && !overdue.contains("ESCALATED"), "\(list.out)")
    }

    @Test func referralAddHelpDoesNotCallADefaultedFieldRequired() throws {
        let marac = try MaracRun()
        let help = try marac.run(["referral", "add", "--help"])
        let line = try #require(help.out.split(separator: "\n").first { $0.contains("--referred-on") })
        #expect(!line.contains("(required)") && line.contains("(default today)"), "\(line)")
        let ref = try #require(help.out.split(separator: "\n").first { $0.contains("--ref ") })
        #expect(ref.contains("(required)"))
    }
}
