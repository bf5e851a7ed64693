import Foundation
import Testing

/// Clare's Law requests (issue 23) through the real binary: the steps in
/// order, the 28-day clock's edges, who may see and record them, bad dates;
/// and DARA beside DASH on referrals.
@Suite struct DisclosureSchemeCLITests {
    /// A database whose one login (the creator, admin) is also the police's representative.
    static func police() throws -> MaracRun {
        let marac = try MaracRun()
        #expect(try marac("user", "role", NSUserName(), "admin", "agency", "--agency", "police").status == 0)
        return marac
    }

    static func add(_ marac: MaracRun, on: String = "2026-11-10", subject: String = "Sam Subject") throws -> String {
        let added = try marac("dvds", "add", "--route", "right_to_ask", "--on", on, "--asked-by", "person_at_risk",
                              "--person-at-risk", "Pat Atrisk", "--person-at-risk-dob", "1990-01-02",
                              "--subject", subject, "--subject-dob", "1985-05-06", "--new-person", "--new-perpetrator")
        #expect(added.status == 0, "\(added.err)")
        return added.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func show(_ marac: MaracRun, _ id: String) throws -> [String: Any] {
        let shown = try marac("dvds", "show", id, "--plain", "--format", "json")
        #expect(shown.status == 0, "\(shown.err)")
        return try shown.json() as? [String: Any] ?? [:]
    }

    @Test func stepsRunInOrderAndAStepOutOfOrderNamesTheStepItNeeds() throws {
        let marac = try Self.police()
        let id = try Self.add(marac)
        let early = try marac("dvds", "step", id, "face_to_face", "--on", "2026-11-12")
        #expect(early.status == 65)
        #expect(early.errorLines == ["error: step: face_to_face needs contact (first contact and checks) first"])
        let decision = try marac("dvds", "step", id, "decision", "--decision", "disclose", "--rationale", "lawful")
        #expect(decision.errorLines == ["error: step: decision needs contact (first contact and checks) first"])
        #expect(try Self.show(marac, id)["next_step"] as? String == "contact")

        #expect(try marac("dvds", "step", id, "contact", "--on", "2026-11-11", "--note", "PNC and local checks").status == 0)
        #expect(try marac("dvds", "step", id, "contact", "--on", "2026-11-11").errorLines
                == ["error: step: contact (first contact and checks) is already recorded"])
        #expect(try marac("dvds", "step", id, "assessment", "--risk", "medium").errorLines
                == ["error: step: assessment needs face_to_face (face-to-face with identity seen) first"])
        #expect(try marac("dvds", "step", id, "face_to_face", "--on", "2026-11-13").status == 0)
        #expect(try marac("dvds", "step", id, "assessment", "--on", "2026-11-14", "--risk", "medium").status == 0)
        #expect(try marac("dvds", "step", id, "outcome", "--note", "closed").errorLines
                == ["error: step: outcome needs decision (the forum's decision) first"])
        #expect(try marac("dvds", "step", id, "decision", "--on", "2026-11-18", "--decision", "disclose",
                          "--rationale", "lawful, necessary and proportionate").status == 0)
        #expect(try marac("dvds", "step", id, "outcome", "--note", "closed").errorLines
                == ["error: step: outcome needs disclosure (the disclosure) first"])
        let disclosed = try marac("dvds", "step", id, "disclosure", "--on", "2026-11-20", "--how", "in person",
                                  "--to", "the person at risk", "--safety-plan", "IDVA referral")
        #expect(disclosed.status == 0, "\(disclosed.err)")
        #expect(try marac("dvds", "step", id, "outcome", "--on", "2026-11-21", "--note", "support accepted").status == 0)
        let done = try Self.show(marac, id)
        #expect(done["clock"] as? String == "stopped")
        #expect(done["clock_stopped_on"] as? String == "2026-11-20")
        #expect(done["disclosed_on"] as? String == "2026-11-20")
        #expect(done["decision"] as? String == "disclose")
        #expect(done["next_step"] is NSNull)
        // A decision not to disclose stops the clock and skips the disclosure.
        let other = try Self.add(marac, subject: "Other Subject")
        for step in [["contact"], ["face_to_face"], ["assessment", "--risk", "standard"],
                     ["decision", "--decision", "not_disclose", "--rationale", "no relevant information"]] {
            #expect(try marac.with(["dvds", "step", other] + step).status == 0)
        }
        #expect(try marac("dvds", "step", other, "disclosure", "--how", "x", "--to", "y", "--safety-plan", "z").errorLines
                == ["error: step: disclosure: the forum decided not to disclose; record the outcome"])
        #expect(try Self.show(marac, other)["clock"] as? String == "stopped")
    }

    /// Today is 2026-11-24: a request of 2026-10-27 is on its 28th day (due
    /// soon, due today); one of 2026-10-26 is a day over; one of 2026-11-03
    /// is due soon with 7 days left; one of 2026-11-04 is on time (8 days left).
    @Test func theTwentyEightDayClockEdges() throws {
        let marac = try Self.police()
        let ids = try ["2026-10-26", "2026-10-27", "2026-11-04", "2026-11-03"].enumerated().map { i, day in
            try Self.add(marac, on: day, subject: "Subject \(["A", "B", "C", "D"][i])")
        }
        let all = try marac("dvds", "list", "--plain", "--format", "json").json() as? [[String: Any]] ?? []
        #expect(all.map { $0["clock"] as? String } == ["overdue", "due_soon", "due_soon", "on_time"])
        #expect(all.map { $0["days_left"] as? Int } == [-1, 0, 7, 8])
        let overdue = try marac("dvds", "list", "--overdue", "--plain", "--format", "json").json() as? [[String: Any]] ?? []
        #expect(overdue.map { String($0["id"] as? Int ?? 0) } == [ids[0]])
        let dueSoon = try marac("dvds", "list", "--due-soon", "--plain", "--format", "json").json() as? [[String: Any]] ?? []
        #expect(dueSoon.map { String($0["id"] as? Int ?? 0) } == [ids[1], ids[3]])
        // In words on the table, not colour alone.
        let table = try marac("dvds", "list", "--plain")
        #expect(table.out.contains("OVERDUE by 1 day") && table.out.contains("DUE SOON: due today"), "\(table.out)")
        // A disclosure stops the clock: the overdue request leaves the overdue list.
        for step in [["contact"], ["face_to_face"], ["assessment", "--risk", "high"], ["decision", "--decision", "disclose", "--rationale", "r"],
                     ["disclosure", "--how", "in person", "--to", "her", "--safety-plan", "plan"]] {
            #expect(try marac.with(["dvds", "step", ids[0]] + step).status == 0)
        }
        #expect((try marac("dvds", "list", "--overdue", "--plain", "--format", "json").json() as? [[String: Any]])?.count == 0)
        // Figures: by route, decisions, days to disclosure (29 days: over 28).
        let stats = try marac("dvds", "stats", "--from", "2026-10-01", "--to", "2026-11-30", "--format", "json").json() as? [String: Any]
        #expect(stats?["requests"] as? Int == 4)
        #expect((stats?["by_route"] as? [String: Int])?["right_to_ask"] == 4)
        #expect((stats?["decisions"] as? [String: Int])?["disclose"] == 1)
        #expect(stats?["median_days_to_disclosure"] as? Double == 29)
        #expect(stats?["disclosed_over_28_days"] as? Int == 1)
    }

    @Test func badDatesAreRefusedAndNothingIsWritten() throws {
        let marac = try Self.police()
        func count() throws -> Int { (try marac("dvds", "list", "--plain", "--format", "json").json() as? [[String: Any]])?.count ?? -1 }
        for (day, message) in [("2026-02-30", "error: requested_on: is not a real date in the form YYYY-MM-DD"),
                               ("2026-11-25", "error: requested_on: is in the future")] {
            let bad = try marac("dvds", "add", "--route", "right_to_know", "--on", day, "--asked-by", "police",
                                "--person-at-risk", "Pat Atrisk", "--subject", "Sam Subject")
            #expect(bad.status == 65)
            #expect(bad.errorLines == [message])
        }
        #expect(try count() == 0)
        let wrong = try marac("dvds", "add", "--route", "ask_nicely", "--asked-by", "police", "--person-at-risk", "Pat Atrisk",
                              "--subject", "Sam Subject")
        #expect(wrong.status == 65)
        #expect(wrong.errorLines.count == 1 && wrong.errorLines[0].hasPrefix("error: route: "))
        #expect(!wrong.err.contains("ask_nicely"))
        let id = try Self.add(marac)
        let before = try marac("dvds", "step", id, "contact", "--on", "2026-11-09")
        #expect(before.errorLines == ["error: on: is before the request's date (2026-11-10)"])
        #expect(try marac("dvds", "step", id, "contact", "--on", "2026-11-30").errorLines == ["error: on: is in the future"])
        #expect(try Self.show(marac, id)["contacted_on"] is NSNull)
        let missing = try marac("dvds", "show", "999", "--plain")
        #expect(missing.status == 65)
        #expect(missing.errorLines == ["error: id: no Clare's Law request with that id"])
    }

    /// Police representatives own requests; the coordinator sees them but
    /// records none; another agency, an IDVA and the analyst are refused.
    @Test func policyCells() throws {
        let marac = try Self.police()
        let id = try Self.add(marac)
        func become(_ roles: String...) throws {
            #expect(try marac.with(["user", "role", NSUserName(), "admin"] + roles).status == 0)
        }
        try become("agency", "--agency", "housing")
        for arguments in [["dvds", "list", "--plain"], ["dvds", "show", id, "--plain"], ["dvds", "step", id, "contact"],
                          ["dvds", "add", "--route", "right_to_ask", "--asked-by", "police", "--person-at-risk", "P Q", "--subject", "R S"]] {
            let refused = try marac.with(arguments)
            #expect(refused.status == 77, "\(arguments) \(refused.err)")
            #expect(refused.out.isEmpty)
        }
        for role in ["idva", "analyst"] {
            try become(role)
            #expect(try marac("dvds", "list", "--plain").status == 77)
            #expect(try marac("dvds", "step", id, "contact").status == 77)
        }
        try become("coordinator")
        let seen = try marac("dvds", "list", "--plain", "--format", "json").json() as? [[String: Any]] ?? []
        #expect(seen.count == 1)
        #expect(try marac("dvds", "step", id, "contact").status == 77)
        #expect(try Self.show(marac, id)["contacted_on"] is NSNull)
        // The reads are in the access log as the person records shown.
        let access = try marac("audit", "access", "--person", String((seen[0]["person_at_risk"] as? [String: Any])?["id"] as? Int ?? 0))
        #expect(access.out.contains("viewDisclosureRequests"), "\(access.out) \(access.err)")
    }

    @Test func aHighRiskRequestIsReferredToTheMaracInOneStepWithThePoliceReferring() throws {
        let marac = try Self.police()
        let id = try Self.add(marac)
        #expect(try marac("dvds", "step", id, "contact").status == 0)
        #expect(try marac("dvds", "step", id, "face_to_face").status == 0)
        let notYet = try marac("dvds", "refer", id, "--ref", "DV-1")
        #expect(notYet.status == 65)
        let assessed = try marac("dvds", "step", id, "assessment", "--risk", "high")
        #expect(assessed.err.contains("marac dvds refer \(id) --ref REF"), "\(assessed.err)")
        let referred = try marac("dvds", "refer", id, "--ref", "DV-1")
        #expect(referred.status == 0, "\(referred.err)")
        #expect(referred.out == "DV-1\n")
        #expect(try Self.show(marac, id)["referral"] as? String == "DV-1")
        #expect(try marac("dvds", "refer", id, "--ref", "DV-2").status == 65)
        #expect(try marac("user", "role", NSUserName(), "admin", "coordinator").status == 0)
        let referral = try marac("referral", "show", "DV-1", "--plain", "--format", "json").json() as? [String: Any]
        #expect(referral?["referring_agency"] as? String == "police")
        #expect(referral?["criteria"] as? [String] == ["professional_judgement"])
        #expect((referral?["victim"] as? [String: Any])?["name"] as? String == "Pat Atrisk")
        #expect((referral?["perpetrator"] as? [String: Any])?["name"] as? String == "Sam Subject")
    }

    @Test func aDaraReferralShowsItsGradeIsNeverScoredAndMeetsTheCriterionTheSettingSays() throws {
        let marac = try MaracRun()
        let dara = ["--agency", "police", "--risk-instrument", "dara", "--dara-version", "2022", "--dara-grade", "high",
                    "--dara-rationale", "Strangulation reported; officer's judgement"]
        let added = try marac.with(["referral", "add", "--plain", "--ref", "DA-1", "--victim-name", "Dee Ara"] + dara)
        #expect(added.status == 0, "\(added.err)")
        let shown = try marac("referral", "show", "--plain", "DA-1", "--format", "json").json() as? [String: Any]
        #expect(shown?["risk_instrument"] as? String == "dara")
        #expect(shown?["dara_grade"] as? String == "high")
        #expect(shown?["ric_score"] is NSNull)
        #expect(shown?["risk_band"] as? String == "not_completed")
        #expect(shown?["criteria"] as? [String] == ["professional_judgement"])
        // A DASH score beside DARA is refused, never mapped.
        let scored = try marac.with(["referral", "add", "--plain", "--ref", "DA-2", "--victim-name", "Dee Bee", "--ric-score", "15"] + dara)
        #expect(scored.status == 65)
        #expect(scored.errorLines == ["error: ric_score: is a DASH checklist; a DARA assessment is never scored (give its grade and rationale)"])
        // The MARAC's setting: DARA high meets visible high risk.
        #expect(try marac("config", "set", "dara-high", "visible-high-risk").status == 0)
        #expect(try marac("config", "set", "dara-high", "maybe").status == 65)
        #expect(try marac.with(["referral", "add", "--plain", "--ref", "DA-3", "--victim-name", "Dee Cee"] + dara).status == 0)
        let third = try marac("referral", "show", "--plain", "DA-3", "--format", "json").json() as? [String: Any]
        #expect(third?["criteria"] as? [String] == ["visible_high_risk"])
        // Triage shows the instrument and grade.
        let queue = try marac("referral", "queue", "--plain")
        #expect(queue.out.contains("DARA high"), "\(queue.out) \(queue.err)")
        // Export and import carry the DARA columns.
        let export = try marac("export", "referrals", "--plain")
        let header = export.out.split(whereSeparator: \.isNewline).first.map { $0.split(separator: ",").map(String.init) } ?? []
        #expect(header.contains("risk_instrument") && header.contains("dara_grade") && header.contains("dara_rationale"))
    }
}

extension MaracRun {
    /// The arguments as one array (built from parts), on this test's database.
    func with(_ arguments: [String]) throws -> Result { try run(["--db", db] + arguments) }
}
