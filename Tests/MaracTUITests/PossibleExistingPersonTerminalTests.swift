import Foundation
import Testing
@testable import MaracCore
@testable import MaracTUI

/// Issue 20 through the real binary in a real terminal (tmux): the form asks
/// about a possible existing person, and so does `referral add` at a terminal.
@Suite(.serialized) struct PossibleExistingPersonTerminalTests {
    typealias E2E = TerminalEndToEndTests

    @Test func theFormAsksAndTheSamePersonIsChosen() throws {
        let session = try E2E.Session()
        #expect(try session.marac("init").0 == 0)
        #expect(try session.marac("referral", "add", "--plain", "--ref", "W-1", "--agency", "police", "--referred-on", "2026-10-01",
                                  "--victim-name", "Aoife Ní Mhurchú", "--victim-dob", "1990-05-01").0 == 0)
        try session.start()
        try session.waitFor("Triage queue")
        try session.press(TriageScreen.self, .new)
        try session.waitFor("New referral")
        try session.press("N-2", "Tab", "Tab", "police", "Tab", "Tab", "Tab", "Aoife Ni Mhurchu", "Tab", "Tab", "1990-05-07")
        try session.press(ReferralFormScreen.self, .save)
        let shown = try session.waitFor("Possible existing person")
        #expect(shown.contains("person 1") && shown.contains("W-1"), "\(shown)")
        try session.press(PossibleExistingPersonScreen.self, .same)
        try session.waitFor("N-2 saved")
        let json = try session.marac("referral", "show", "--plain", "N-2", "--format", "json").1
        #expect(json.contains("\"victim_id\": 1,"), "\(json)")
    }

    @Test func referralAddAtATerminalListsTheCandidateAndAsks() throws {
        let session = try E2E.Session()
        #expect(try session.marac("init").0 == 0)
        #expect(try session.marac("referral", "add", "--plain", "--ref", "W-1", "--agency", "police", "--referred-on", "2026-10-01",
                                  "--victim-name", "Amina Begum", "--victim-dob", "1990-05-01", "--ric-score", "15").0 == 0)
        _ = try session.tmux("new-session", "-d", "-s", "main", "-x", "120", "-y", "30",
                             "env MARAC_TODAY=2026-11-24 \(E2E.binary) --db \(session.db) referral add --ref W-2 --agency police --victim-name 'Amina Begam' --victim-dob 1990-05-01 --ric-answers YYYYYYYYYYYYYYNNNNNNNNNN; echo EXIT=$?; sleep 30")
        // Every other field of the form is asked too (issue 22): left blank here, one Enter each.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !session.screen.contains("Type their id") {
            let last = session.screen.split(separator: "\n").last.map(String.init) ?? ""
            if last.hasSuffix(":") { try session.press("Enter") }
            Thread.sleep(forTimeInterval: 0.3)
        }
        let asked = try session.waitFor("Type their id")
        #expect(asked.contains("person 1 (similar_name): Amina Begum, born 1990-05-01") && asked.contains("W-1"), "\(asked)")
        try session.press("1", "Enter")
        try session.waitFor("EXIT=0")
        let json = try session.marac("referral", "show", "--plain", "W-2", "--format", "json").1
        #expect(json.contains("\"victim_id\": 1,"), "\(json)")
    }
}
