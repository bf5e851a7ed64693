import Foundation
import Testing

/// Issue 24: perpetrators ranked by recency, frequency and gravity from the
/// MARAC's referrals and the incidents agencies log, through the real binary;
/// incidents count towards the serial rule. Today is 2026-11-24 (MaracRun's clock).
@Suite struct PerpetratorRankingCLITests {
    func add(_ marac: MaracRun, _ ref: String, victim: String, dob: String, on day: String, score: Int,
             perpetrator: String, perpetratorDOB: String, abuse: String = "coercive_control") throws -> MaracRun.Result {
        try marac("referral", "add", "--plain", "--ref", ref, "--agency", "police", "--referred-on", day,
                  "--victim-name", victim, "--victim-dob", dob, "--perpetrator-name", perpetrator,
                  "--perpetrator-dob", perpetratorDOB, "--ric-score", String(score), "--abuse-types", abuse)
    }

    func ranked(_ marac: MaracRun, _ extra: String...) throws -> [[String: Any]] {
        let result = try marac.run(["--db", marac.db, "perpetrator", "rank", "--plain", "--format", "json"] + extra)
        #expect(result.status == 0, "\(result.err)")
        return try #require((try result.json() as? [String: Any])?["ranked"] as? [[String: Any]])
    }

    @Test func theRecentFrequentAndGraveComeFirstEachWithItsFormula() throws {
        let marac = try MaracRun()
        // Recent, three referrals this year, threats: first.
        for (ref, day) in [("A-1", "2026-03-01"), ("A-2", "2026-07-01"), ("A-3", "2026-11-20")] {
            #expect(try add(marac, ref, victim: "Ann Lee", dob: "1990-01-01", on: day, score: 18,
                            perpetrator: "Gary Webb", perpetratorDOB: "1979-04-02", abuse: "threats").status == 0)
        }
        // Two years ago, once, low score: last.
        #expect(try add(marac, "B-1", victim: "Beth Moss", dob: "1992-02-02", on: "2024-11-24", score: 5,
                        perpetrator: "Ned Quiet", perpetratorDOB: "1981-01-01", abuse: "unwanted_contact").status == 0)
        // Recent, once, middling.
        #expect(try add(marac, "C-1", victim: "Cara Pine", dob: "1985-05-05", on: "2026-10-01", score: 12,
                        perpetrator: "Olly Middle", perpetratorDOB: "1982-02-02").status == 0)

        let lines = try ranked(marac)
        #expect(lines.compactMap { $0["name"] as? String } == ["Gary Webb", "Olly Middle", "Ned Quiet"], "\(lines)")
        #expect(lines.compactMap { $0["rank"] as? Int } == [1, 2, 3])
        let top = try #require(lines.first)
        // R: 4 days of a 1,096-day window; F: 3 of 6; G: threats (1.0) beats 18/27.
        #expect(top["recency"] as? String == "1.00" && top["frequency"] as? String == "0.50" && top["gravity"] as? String == "1.00", "\(top)")
        #expect(top["score"] as? Int == 83 && top["formula"] as? String == "83 = 100 × (1×R 1.00 + 1×F 0.50 + 1×G 1.00) / 3", "\(top)")
        #expect(top["events_12_months"] as? Int == 3 && top["highest_ric_score"] as? Int == 18 && top["gravest_abuse_type"] as? String == "threats")

        // The weights are settings: with frequency weighted out of sight, gravity and recency decide.
        #expect(try marac("config", "set", "ranking-weight-gravity", "10").status == 0)
        let weighted = try #require(try ranked(marac).first)
        #expect(weighted["formula"] as? String == "\(weighted["score"] as? Int ?? -1) = 100 × (1×R 1.00 + 1×F 0.50 + 10×G 1.00) / 12", "\(weighted)")
        let badWeight = try marac("config", "set", "ranking-weight-recency", "0")
        #expect(badWeight.status == 65 && badWeight.errorLines.count == 1, "\(badWeight.err)")

        // --limit pages the top; a limit out of range is a usage error.
        #expect(try ranked(marac, "--limit", "1").count == 1)
        #expect(try marac("perpetrator", "rank", "--plain", "--limit", "0").status == 64)
        // Names leave only with --plain.
        #expect(try marac("perpetrator", "rank", "--format", "csv").status == 64)
    }

    @Test func anIncidentRaisesTheRankingAndCountsTowardsTheSerialRule() throws {
        let marac = try MaracRun()
        // Victim B's referral is four years old: outside the three-year window, so one victim only.
        #expect(try add(marac, "A-1", victim: "Ann Lee", dob: "1990-01-01", on: "2026-06-01", score: 14,
                        perpetrator: "Gary Webb", perpetratorDOB: "1979-04-02").status == 0)
        #expect(try add(marac, "B-1", victim: "Beth Moss", dob: "1992-02-02", on: "2022-06-01", score: 14,
                        perpetrator: "Gary Webb", perpetratorDOB: "1979-04-02").status == 0)
        let before = try #require(try ranked(marac).first)
        #expect(before["serial"] as? Bool == false && before["serial_victims"] as? Int == 1 && before["events_12_months"] as? Int == 1, "\(before)")

        // The police hear of him harming Beth again last week: an incident against her old referral.
        let incident = try marac("incident", "add", "B-1", "--agency", "police", "--on", "2026-11-17",
                                 "--abuse-types", "physical", "--summary", "assault at the flat")
        #expect(incident.status == 0, "\(incident.err)")
        let after = try #require(try ranked(marac).first)
        #expect(after["serial"] as? Bool == true && after["serial_victims"] as? Int == 2, "\(after)")
        #expect(after["events_12_months"] as? Int == 2 && after["last_seen"] as? String == "2026-11-17", "\(after)")
        #expect(after["gravest_abuse_type"] as? String == "physical")
        #expect((after["score"] as? Int ?? 0) > (before["score"] as? Int ?? 100))

        // The serial flag everywhere follows: the case itself says so.
        let shown = try marac("referral", "show", "--plain", "A-1", "--format", "json")
        let json = try #require(try shown.json() as? [String: Any])
        #expect(json["serial"] as? Bool == true && json["serial_victims"] as? Int == 2, "\(shown.out)")
    }

    /// "Highest harm perpetrators not yet referred to the panel": once the
    /// panel has had someone, they leave that list, and their page shows the
    /// panel's history of them.
    @Test func theNotYetReferredListLeavesOutThoseThePanelHasHad() throws {
        let marac = try MaracRun()
        for (ref, day) in [("A-1", "2026-09-01"), ("A-2", "2026-11-20")] {
            #expect(try add(marac, ref, victim: "Ann Lee", dob: "1990-01-01", on: day, score: 18,
                            perpetrator: "Gary Webb", perpetratorDOB: "1979-04-02", abuse: "threats").status == 0)
        }
        #expect(try add(marac, "C-1", victim: "Cara Pine", dob: "1985-05-05", on: "2026-10-01", score: 12,
                        perpetrator: "Olly Middle", perpetratorDOB: "1982-02-02").status == 0)
        let before = try ranked(marac, "--not-referred")
        #expect(before.compactMap { $0["name"] as? String } == ["Gary Webb", "Olly Middle"], "\(before)")
        let gary = try #require(before.first?["perpetrator_id"] as? Int)

        let referred = try marac("panel", "refer", String(gary), "--reason", "highest harm on the ranking")
        #expect(referred.status == 0, "\(referred.err)")
        #expect(try ranked(marac, "--not-referred").compactMap { $0["name"] as? String } == ["Olly Middle"])
        let everyone = try ranked(marac)
        #expect(everyone.first?["name"] as? String == "Gary Webb" && everyone.first?["referred_to_panel"] as? Bool == true)
        #expect(everyone.last?["referred_to_panel"] as? Bool == false)

        let page = try marac("perpetrator", "show", String(gary), "--plain", "--format", "json")
        let panel = try #require((try page.json() as? [String: Any])?["panel"] as? [[String: Any]])
        #expect(panel.count == 1 && panel[0]["state"] as? String == "open", "\(page.out)")
    }
}
