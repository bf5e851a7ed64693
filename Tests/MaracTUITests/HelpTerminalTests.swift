import Foundation
import Testing
@testable import MaracCore
@testable import MaracTUI

/// Issue 22 through the real binary in tmux: a question keeps its text on a
/// wrong answer (defect 3), F1 is help in the form while `?` is typed
/// (defect 4), and a coded field is chosen by name (defect 5).
@Suite(.serialized) struct HelpTerminalTests {
    @Test func aWrongMeetingDateKeepsItsTextAndF1HelpsInTheForm() throws {
        let session = try TerminalEndToEndTests.Session()
        #expect(try session.marac("init").0 == 0)
        try session.start()
        try session.waitFor("Triage queue")
        try session.press(TriageScreen.self, .meetings)
        try session.waitFor("Meetings")
        try session.press(MeetingsScreen.self, .create)
        try session.waitFor("Date of the new meeting")
        try session.press("17/12/2026", "Enter")
        let again = try session.waitFor("not a real date")
        #expect(again.contains("17/12/2026"), "the text typed is gone:\n\(again)")
        // Keys still go to the question: nothing behind it moved or opened.
        try session.press("C-u", "2026-12-17", "Enter")
        try session.waitFor("meeting created: 2026-12-17")
        try session.press(MeetingsScreen.self, .back)
        try session.waitFor("Triage queue")

        try session.press(TriageScreen.self, .new)
        try session.waitFor("New referral")
        try session.press("BR?/1")
        let typed = try session.waitFor("BR?/1")
        #expect(typed.contains("F1 help"))
        #expect(!typed.contains("Keys: "), "? opened help instead of being typed")
        try session.press("F1")
        let help = try session.waitFor("Help: New referral")
        #expect(help.contains("BR-2026-0042"))
        try session.press("x")
        let closed = try session.waitFor("BR?/1")
        #expect(!closed.contains("Help: New referral"))
        // The referring agency, by name: F4, type part of the name, Enter.
        try session.press("Tab", "Tab", "F4")
        try session.waitFor("type to filter")
        try session.press("children", "Enter")
        try session.waitFor("childrens_social_care")
    }
}
