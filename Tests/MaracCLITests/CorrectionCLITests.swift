import Foundation
import Testing

/// Issue 20, "every slip corrected in the open", through the real binary:
/// a referral's fields corrected with a reason, the earlier values in its
/// history; the checklist keeps its version (defect 2); refusals write nothing.
@Suite struct CorrectionCLITests {
    /// 19 Yes of 27, one not asked (the last): a police-27 checklist, score 19, HIGH.
    static let police27 = String(repeating: "Y", count: 19) + String(repeating: "N", count: 7) + "-"
    static let safeLives = String(repeating: "Y", count: 14) + String(repeating: "N", count: 10)

    func logged(_ marac: MaracRun, _ ref: String = "COR-1", _ extra: String...) throws -> MaracRun {
        let result = try marac.run(["--db", marac.db, "referral", "add", "--plain", "--ref", ref, "--agency", "police",
                                    "--referred-on", "2026-11-02", "--victim-name", "Maria Kowalska", "--victim-dob", "1991-04-02",
                                    "--perpetrator-name", "Tomasz Nowak"] + extra)
        #expect(result.status == 0, "\(result.err)")
        return marac
    }

    func shown(_ marac: MaracRun, _ ref: String = "COR-1") throws -> [String: Any] {
        let shown = try marac("referral", "show", "--plain", ref, "--format", "json")
        #expect(shown.status == 0, "\(shown.err)")
        return try #require(try shown.json() as? [String: Any])
    }

    func history(_ marac: MaracRun, _ ref: String = "COR-1", _ extra: String...) throws -> [[String: Any]] {
        let result = try marac.run(["--db", marac.db, "referral", "history", "--plain", ref, "--format", "json"] + extra)
        #expect(result.status == 0, "\(result.err)")
        return try #require(try result.json() as? [[String: Any]])
    }

    /// Every table's rows, to prove a refusal wrote nothing (sqlite3 reads the file itself).
    func dump(_ marac: MaracRun) throws -> String { try PersonMergeCLITests.query(marac, ".dump") }

    @Test func aFieldCorrectedWithAReasonKeepsTheEarlierValueInTheHistory() throws {
        let marac = try logged(try MaracRun(), "COR-1", "--ric-answers", Self.safeLives, "--police-incidents12m", "2")
        let edit = try marac("referral", "edit", "COR-1", "--victim-name", "Maria Kowalski", "--police-incidents12m", "1",
                             "--reason", "name misspelt on the form; incidents recounted")
        #expect(edit.status == 0, "\(edit.err)")
        let json = try shown(marac)
        #expect((json["victim"] as? [String: Any])?["name"] as? String == "Maria Kowalski")
        #expect(json["police_incidents_12m"] as? Int == 1)

        let rows = try history(marac)
        #expect(rows.count == 2, "\(rows)")
        let name = try #require(rows.first { $0["field"] as? String == "victim_name" })
        #expect(name["from"] as? String == "Maria Kowalska" && name["to"] as? String == "Maria Kowalski")
        #expect(name["entity"] as? String == "person" && name["identifying"] as? Bool == true)
        #expect(name["reason"] as? String == "name misspelt on the form; incidents recounted")
        let count = try #require(rows.first { $0["field"] as? String == "police_incidents_12m" })
        #expect(count["from"] as? String == "2" && count["to"] as? String == "1" && count["entity"] as? String == "referral")

        // The audit trail names the fields, never their values.
        let audit = try marac("audit", "list", "--limit", "5")
        #expect(audit.out.contains("victim_name") && !audit.out.contains("Kowalski"), "\(audit.out)\(audit.err)")
        // The reading of the history is recorded as opening the case is.
        let access = try marac("audit", "access", "COR-1")
        #expect(access.out.contains("viewHistory"), "\(access.out)\(access.err)")
    }

    @Test func withoutAReasonOrWithNothingToChangeItIsRefusedAndNothingIsWritten() throws {
        let marac = try logged(try MaracRun())
        let before = try dump(marac)
        for arguments in [["referral", "edit", "COR-1", "--victim-name", "Maria K"],
                          ["referral", "edit", "COR-1", "--victim-name", "Maria K", "--reason", "  "],
                          ["referral", "edit", "COR-1", "--reason", "nothing given"],
                          ["referral", "edit", "COR-1", "--victim-name", "Maria Kowalska", "--reason", "the same value"],
                          ["referral", "edit", "COR-1", "--victim-dob", "1991-13-40", "--reason", "a date that is not one"],
                          ["referral", "edit", "NOPE-9", "--victim-name", "Maria K", "--reason", "no such case"]] {
            let result = try marac.run(["--db", marac.db] + arguments)
            #expect(result.status == 65, "\(arguments): \(result.err)")
            #expect(result.errorLines.count == 1, "\(arguments): \(result.err)")
            // No error line repeats a value given.
            #expect(!result.err.contains("Maria") && !result.err.contains("1991-13-40") && !result.err.contains("NOPE-9"), "\(result.err)")
        }
        #expect(try dump(marac) == before)
    }

    /// Issue 20, defect 2, on the command line: a police-27 checklist keeps its
    /// version through an edit; clearing its answers needs --replace-answers.
    @Test func aPolice27ChecklistKeepsItsVersionAndItsAnswers() throws {
        let marac = try logged(try MaracRun(), "COR-1", "--ric-version", "police-27", "--ric-answers", Self.police27)
        // Another field changed: the checklist stays exactly as it was.
        #expect(try marac("referral", "edit", "COR-1", "--police-incidents12m", "4", "--reason", "incidents counted").status == 0)
        var json = try shown(marac)
        #expect(json["ric_version"] as? String == "police-27")
        #expect(json["ric_answers"] as? String == Self.police27)
        #expect(json["ric_score"] as? Int == 19 && json["risk_band"] as? String == "high")

        // One answer added: 27 letters, score = count of Y.
        let answered = String(Self.police27.dropLast()) + "Y"
        #expect(try marac("referral", "edit", "COR-1", "--ric-answers", answered, "--reason", "question 27 asked").status == 0)
        json = try shown(marac)
        #expect(json["ric_version"] as? String == "police-27" && json["ric_answers"] as? String == answered && json["ric_score"] as? Int == 20)

        // Another version, or a score alone, would clear the answers: refused, one line saying how many.
        let before = try dump(marac)
        for arguments in [["--ric-version", "safelives-24", "--ric-answers", Self.safeLives],
                          ["--ric-version", "safelives-24", "--criteria", ""], ["--ric-score", "15"]] {
            let refused = try marac.run(["--db", marac.db, "referral", "edit", "COR-1", "--reason", "re-scored"] + arguments)
            #expect(refused.status == 65, "\(arguments): \(refused.err)")
            #expect(refused.errorLines.count == 1 && refused.err.contains("would clear 27 checklist answers"), "\(refused.err)")
        }
        #expect(try dump(marac) == before)
        // Meant: it goes, and the history keeps the answers it replaced.
        let replaced = try marac("referral", "edit", "COR-1", "--ric-version", "safelives-24", "--ric-answers", Self.safeLives,
                                 "--replace-answers", "--reason", "re-assessed on the SafeLives form")
        #expect(replaced.status == 0, "\(replaced.err)")
        json = try shown(marac)
        #expect(json["ric_version"] as? String == "safelives-24" && json["ric_score"] as? Int == 14)
        let rows = try history(marac)
        let answers = try #require(rows.first { $0["field"] as? String == "ric_answers" && $0["to"] as? String == Self.safeLives })
        #expect(answers["from"] as? String == answered)
    }

    @Test func aScoreOnlyChecklistStaysAsItCameUnlessAnswersAreGiven() throws {
        let marac = try logged(try MaracRun(), "COR-1", "--ric-version", "police-27", "--ric-score", "19")
        #expect(try marac("referral", "edit", "COR-1", "--victim-postcode", "BR1 1AA", "--reason", "postcode added").status == 0)
        let json = try shown(marac)
        #expect(json["ric_version"] as? String == "police-27" && json["ric_score"] as? Int == 19 && json["ric_answers"] is NSNull)
    }

    @Test func historyPagesAndKeepsOutOfScopeCasesAbsentAndValuesOffPipes() throws {
        let marac = try logged(try MaracRun())
        for count in 1...3 {
            #expect(try marac("referral", "edit", "COR-1", "--referrer", "PC \(count)", "--reason", "referrer \(count)").status == 0)
        }
        let first = try marac("referral", "history", "--plain", "COR-1", "--limit", "2", "--format", "json")
        #expect(first.status == 0)
        #expect((try first.json() as? [[String: Any]])?.map { $0["to"] as? String } == ["PC 3", "PC 2"])
        let cursor = try #require(first.err.split(separator: "\n").first { $0.contains("--after") }.map { String($0.split(separator: " ").last!) })
        let second = try marac("referral", "history", "--plain", "COR-1", "--limit", "2", "--after", cursor, "--format", "json")
        #expect((try second.json() as? [[String: Any]])?.map { $0["to"] as? String } == ["PC 1"])
        // To a pipe without --plain: refused before anything is read.
        let piped = try marac("referral", "history", "COR-1")
        #expect(piped.status == 64 && piped.out.isEmpty)
        // A case that is not there (or out of scope) is not found, the reference not repeated.
        let missing = try marac("referral", "history", "--plain", "NOPE-1")
        #expect(missing.status == 65 && missing.errorLines.count == 1 && !missing.err.contains("NOPE-1"))
    }
}
