import Foundation
import Testing
@testable import MaracCore
@testable import MaracTUI

/// Issue 20, defect 2, in a real terminal (tmux) with the real binary: a
/// police-27 referral edited in the form showed 24 empty boxes and saved as
/// safelives-24, score 1. Now it keeps its 27 questions, its answers and its
/// version; the save asks the reason; `H` shows what changed.
@Suite(.serialized) struct CorrectionTerminalTests {
    typealias Terminal = TerminalEndToEndTests.Session
    static let police27 = String(repeating: "Y", count: 19) + String(repeating: "N", count: 7) + "-"

    @Test func aPolice27ReferralKeepsItsAnswersThroughAnEditInTheForm() throws {
        #expect(FileManager.default.isExecutableFile(atPath: TerminalEndToEndTests.binary), "build first: swift build --product marac")
        let terminal = try Terminal()
        #expect(try terminal.marac("init").0 == 0)
        #expect(try terminal.marac("referral", "add", "--plain", "--ref", "P27-1", "--agency", "police", "--victim-name", "Hannah Price",
                                   "--ric-version", "police-27", "--ric-answers", Self.police27).0 == 0)
        try terminal.start()
        try terminal.waitFor("Triage queue")
        try terminal.press(TriageScreen.self, .open)
        try terminal.waitFor("(19 on police-27)")
        try terminal.press(ReferralScreen.self, .edit)
        try terminal.waitFor("police-27 26 of 27 answered")
        // Past every field and 26 questions to the last, answered Yes.
        for _ in 0..<(ReferralFormScreen.fields.count + 26) { try terminal.press("Tab") }
        try terminal.waitFor("27 [ ]")
        try terminal.press("y")
        try terminal.waitFor("Score 20  band HIGH")
        try terminal.press(ReferralFormScreen.self, .save)
        try terminal.waitFor("Reason for the change:")
        try terminal.press("asked at the home visit", "Enter")
        try terminal.waitFor("P27-1 saved")

        let (status, out, err) = try terminal.marac("referral", "show", "--plain", "P27-1", "--format", "json")
        #expect(status == 0, "\(err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(json["ric_version"] as? String == "police-27")
        #expect(json["ric_answers"] as? String == String(Self.police27.dropLast()) + "Y")
        #expect(json["ric_score"] as? Int == 20 && json["risk_band"] as? String == "high")

        try terminal.press(ReferralScreen.self, .history)
        let shown = try terminal.waitFor("History of P27-1")
        #expect(shown.contains("ric_score") && shown.contains("why: asked at the home visit"), "\(shown)")
        try terminal.press(HistoryScreen.self, .back)
        try terminal.waitFor("Referral P27-1")
    }
}
