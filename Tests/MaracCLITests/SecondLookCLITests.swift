import Foundation
import MaracCore
import Testing

/// Issue 10, defect 11: what must not pass without a second look, at the
/// command line: prompts re-ask a wrong answer keeping what was typed,
/// lowercase checklist letters are answers, a HIGH-risk case is not declined
/// with one word, and a child's date of birth is not a victim's.
@Suite struct SecondLookCLITests {
    /// `marac referral add` at a terminal (a pseudo-terminal from script(1)), answers typed in.
    func typed(_ marac: MaracRun, _ arguments: String, answers: [String]) throws -> (status: Int32, screen: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "\(MaracRun.binary.path) --db \(marac.db) referral add \(arguments)", "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["MARAC_TODAY"] = "2026-11-24"
        process.environment = environment
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        for answer in answers {
            input.fileHandleForWriting.write(Data((answer + "\n").utf8))
            usleep(150_000)
        }
        // End of input: a question asked after the answers given reads blank,
        // so a prompt this test did not foresee can never leave it waiting.
        try? input.fileHandleForWriting.close()
        let screen = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, screen)
    }

    /// The lines typed at `referral add`'s questions, in the order it asks
    /// them (every field of the form, then the checklist answers): each
    /// field's answers as given (a wrong one and then the right one), blank
    /// for the others.
    static func typedLines(_ given: [String: [String]], except flags: Set<String>) -> [String] {
        let asked = ReferralField.onFormInOrder.map(\.column) + ["ric_answers"]
        var seen = Set<String>()
        return asked.filter { !flags.contains($0) && seen.insert($0).inserted }.flatMap { given[$0] ?? [""] }
    }

    @Test func aWrongAnswerIsAskedAgainAndLowercaseYIsYes() throws {
        let marac = try MaracRun()
        let answers = String(repeating: "y", count: 14) + String(repeating: "n", count: 10)
        let lines = Self.typedLines(["referral_ref": ["P-1"], "referring_agency": ["polis", "police"], "ric_answers": ["y", answers]],
                                    except: ["victim_name"])
        let run = try typed(marac, "--victim-name 'Ann Prompt'", answers: lines)
        #expect(run.status == 0, "\(run.screen)")
        #expect(run.screen.contains("Referring agency — "))
        #expect(run.screen.contains("Checklist answers — ") && run.screen.contains("(blank if none) — has 1 answers"), "\(run.screen)")
        let shown = try marac("referral", "show", "--plain", "P-1", "--format", "json").json() as? [String: Any]
        #expect((shown?["victim"] as? [String: Any])?["name"] as? String == "Ann Prompt")
        #expect(shown?["risk_band"] as? String == "high")
        #expect(shown?["ric_answers"] as? String == answers.uppercased())
    }

    @Test func aHighRiskCaseIsNotDeclinedWithOneWord() throws {
        let marac = try MaracRun()
        #expect(try marac("referral", "add", "--plain", "--ref", "H-1", "--agency", "police", "--victim-name", "Ann High", "--ric-score", "16").status == 0)
        let short = try marac("referral", "screen", "H-1", "--decline", "--reason", "duplicate")
        #expect(short.status == 65)
        #expect(short.errorLines.first?.hasPrefix("error: reason: declining a HIGH-risk case needs a fuller reason") == true)
        #expect((try marac("referral", "show", "--plain", "H-1", "--format", "json").json() as? [String: Any])?["status"] as? String == "received")
        #expect(try marac("referral", "screen", "H-1", "--decline", "--reason", "duplicate of H-0, already listed").status == 0)
        // A medium case may be declined briefly.
        #expect(try marac("referral", "add", "--plain", "--ref", "M-1", "--agency", "police", "--victim-name", "Bo Medium", "--ric-score", "11").status == 0)
        #expect(try marac("referral", "screen", "M-1", "--decline", "--reason", "duplicate").status == 0)
    }

    @Test(arguments: [("1800-01-01", "must be between 1900-01-01"), ("2015-01-01", "makes the victim under 16 on the referral date")])
    func anImplausibleVictimDateOfBirthIsRefused(_ pair: (String, String)) throws {
        let marac = try MaracRun()
        let result = try marac("referral", "add", "--plain", "--ref", "D-1", "--agency", "police", "--victim-name", "Ann Date", "--victim-dob", pair.0)
        #expect(result.status == 65)
        #expect(result.errorLines.count == 1 && result.errorLines[0].contains("victim_dob: \(pair.1)"), "\(result.err)")
        #expect(try marac("referral", "show", "--plain", "D-1").status != 0)
        // Sixteen on the referral date is old enough.
        #expect(try marac("referral", "add", "--plain", "--ref", "D-2", "--agency", "police", "--victim-name", "Ann Sixteen",
                          "--victim-dob", "2010-11-24").status == 0)
    }
}
