import Foundation
import Testing
@testable import MaracCore
@testable import MaracTUI

/// Issue 10: the coordinator's meeting, in the real binary in a real terminal
/// (tmux): open the agenda, see the linked cases, record two agencies'
/// information, agree an action with a mistyped date and fix it without
/// retyping, hear the case, and write the minutes.
@Suite(.serialized) struct MeetingEndToEndTests {
    typealias Session = TerminalEndToEndTests.Session

    @Test func theCoordinatorsMeeting() throws {
        #expect(FileManager.default.isExecutableFile(atPath: TerminalEndToEndTests.binary), "build first: swift build --product marac")
        let session = try Session()
        #expect(try session.marac("meeting", "create", "2026-11-24").0 == 0)
        for (ref, victim, perpetrator, children) in [("K-1", "Ann One", "Liam Walsh", "2"), ("K-2", "Bea Two", "Liam Walsh", "1"),
                                                     ("K-3", "Cat Three", "Other Man", "1")] {
            let added = try session.marac("referral", "add", "--plain", "--ref", ref, "--agency", "police", "--victim-name", victim,
                                          "--perpetrator-name", perpetrator, "--perpetrator-dob", "1980-01-01", "--ric-score", "15",
                                          "--children", children, "--safe-to-call", "no")
            #expect(added.0 == 0, "\(added.2)")
            #expect(try session.marac("referral", "screen", ref, "--accept", "--meeting", "2026-11-24").0 == 0)
        }
        try session.start()
        try session.waitFor("Triage queue")

        // The agenda: the linked cases are marked, the safety flags said.
        // Each wait is for what only the state it waits for shows: today's date is in the
        // title bar of every screen, so the meetings list is known by its own title.
        try session.press(TriageScreen.self, .meetings)
        try session.waitFor("marac · Meetings")
        try session.press(MeetingsScreen.self, .open)
        // The case-in-hand line is drawn last: once it shows, the rows above it are there too
        // (waiting for the title alone caught the new title over the old meetings list).
        let agenda = try session.waitFor("Case 1: ")
        let rows = agenda.split(separator: "\n").filter { $0.contains("K-") }
        let item = { (ref: String) in rows.firstIndex { $0.contains(ref) }.map { $0 + 1 } ?? 0 }
        #expect(rows.first { $0.contains("K-1") }?.contains("same perp. as \(item("K-2"))") == true, "\(agenda)")
        #expect(rows.first { $0.contains("K-2") }?.contains("same perp. as \(item("K-1"))") == true)
        #expect(agenda.contains("Safety: NOT safe to call on the safe number"))
        let first = try #require(rows.first.flatMap { $0.split(separator: " ").first { $0.hasPrefix("K-") } }.map(String.init))

        // Two agencies' information, each kept.
        try session.press(AgendaScreen.self, .shared)
        try session.waitFor("Add what an agency shared")
        try session.press("Police: two call-outs since the referral", "Enter")
        try session.waitFor("recorded for \(first)")
        try session.press(AgendaScreen.self, .shared)
        try session.waitFor("Add what an agency shared")
        try session.press("Housing: management transfer offered", "Enter")
        try session.waitFor("recorded for \(first)")

        // An action with a mistyped date, fixed by changing two characters.
        try session.press(AgendaScreen.self, .action)
        try session.waitFor("Action on \(first): agency code")
        try session.press("police", "Enter")
        try session.waitFor("Owner (the person responsible)")
        try session.press("DC Patel", "Enter")
        try session.waitFor("Due (YYYY-MM-DD)")
        try session.press("C-u", "2026-12-32", "Enter")
        let asked = try session.waitFor("not a real date")
        #expect(asked.contains("2026-12-32"), "the typed date is kept")
        try session.press("BSpace", "BSpace", "09", "Enter")
        try session.waitFor("What is to be done")
        try session.press("Flag the address for urgent response", "Enter")
        // Not "action": the status line's hint says that from the start.
        try session.waitFor("action agreed for \(first)")

        // Heard, and the minutes written.
        try session.press(AgendaScreen.self, .up)
        try session.press(AgendaScreen.self, .heard)
        try session.waitFor("\(first) heard")
        try session.press(AgendaScreen.self, .export)
        try session.waitFor("Folder to write the minutes to")
        try session.press("C-u", session.folder.path, "Enter")
        try session.waitFor("encrypted to the MARAC key")
        try session.press(AgendaScreen.self, .back)
        try session.press(MeetingsScreen.self, .back)
        try session.press(TriageScreen.self, .quit)
        let state = try session.waitUntilExited()
        #expect(state.dead && state.status == "0" && state.alternate == "0")

        // The minutes leave the screen encrypted to the MARAC's key; marac opens them for the coordinator.
        let sealed = session.folder.appendingPathComponent("marac-minutes-2026-11-24.md.age").path
        let opened = try session.marac("open", sealed, "--plain")
        #expect(opened.0 == 0, "\(opened.2)")
        let minutes = opened.1
        #expect(minutes.contains("Police: two call-outs since the referral"))
        #expect(minutes.contains("Housing: management transfer offered"))
        #expect(minutes.contains("Flag the address for urgent response"))
        #expect(minutes.contains("2026-12-09"))
        let shown = try session.marac("referral", "show", "--plain", first, "--format", "json")
        #expect(shown.1.contains("\"status\": \"actions_open\""))
    }
}
