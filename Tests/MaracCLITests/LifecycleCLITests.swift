import Foundation
import Testing

/// A case's whole life from the command line, the way a coordinator runs it.
@Suite struct LifecycleCLITests {
    @Test func fromReferralToClosedCase() throws {
        let marac = try MaracRun()
        let y15 = String(repeating: "Y", count: 15) + String(repeating: "N", count: 9)
        let added = try marac("referral", "add", "--plain", "--ref", "BR-2026-0101", "--agency", "idva", "--victim-name", "Grace Okafor",
                              "--children", "2", "--ric-answers", y15, "--referred-on", "2026-11-10", "--format", "json")
        #expect(added.status == 0, "\(added.err)")
        #expect((try added.json() as? [String: Any])?["status"] as? String == "received")
        #expect(try marac("referral", "add", "--plain", "--ref", "BR-2026-0102", "--agency", "police", "--victim-name", "Adult Only",
                          "--ric-score", "14", "--referred-on", "2026-11-11").status == 0)

        let queue = try marac("referral", "queue", "--plain")
        #expect(queue.out.contains("BR-2026-0101"))
        // Screening in with no meeting planned fails whole: nothing is screened in.
        let noMeeting = try marac("referral", "screen", "BR-2026-0101", "--accept")
        #expect(noMeeting.status == 65)
        #expect(noMeeting.errorLines == ["error: BR-2026-0101 was not screened in: no meeting is planned to list it on (create one with: marac meeting create YYYY-MM-DD, or name one with --meeting)"])
        let waiting = try marac("referral", "show", "--plain", "BR-2026-0101", "--format", "json").json() as? [String: Any]
        #expect(waiting?["status"] as? String == "received")

        #expect(try marac("meeting", "create", "2026-11-20").status == 0)
        #expect(try marac("meeting", "create", "2026-12-04").status == 0)
        // Screening in lists the case on the next meeting, in the same step.
        let accepted = try marac("referral", "screen", "BR-2026-0102", "--accept")
        #expect(accepted.status == 0, "\(accepted.err)")
        #expect(accepted.err.contains("listed for the meeting on 2026-12-04"))
        // Moved to the earlier meeting by hand: off one agenda, onto another.
        #expect(try marac("meeting", "remove-case", "2026-12-04", "BR-2026-0102").status == 0)
        #expect(try marac("meeting", "add-case", "2026-11-20", "BR-2026-0102").status == 0)
        #expect(try marac("referral", "screen", "BR-2026-0101", "--accept", "--meeting", "2026-11-20").status == 0)
        // Screening a listed case again is refused, never sent back to "screened in".
        let twice = try marac("referral", "screen", "BR-2026-0101", "--accept")
        #expect(twice.status == 65)
        #expect(twice.errorLines == ["error: BR-2026-0101 is listed; only a referral just received is screened"])
        // Listing it again on the same meeting says so (not a raw constraint error); another meeting is refused too.
        let again = try marac("meeting", "add-case", "2026-11-20", "BR-2026-0101")
        #expect(again.status == 65)
        #expect(again.errorLines == ["error: BR-2026-0101 is already on the agenda for 2026-11-20"])
        let elsewhere = try marac("meeting", "add-case", "2026-12-04", "BR-2026-0101")
        #expect(elsewhere.status == 65)
        #expect(elsewhere.errorLines == ["error: BR-2026-0101: a referral that is listed cannot become listed (it can become: heard, screened in)"])
        let agenda = try marac("meeting", "agenda", "2026-11-20", "--format", "json", "--plain").json() as? [String: Any]
        let cases = agenda?["cases"] as? [[String: Any]] ?? []
        // Cases with children first, though listed second.
        #expect(cases.map { $0["ref"] as? String } == ["BR-2026-0101", "BR-2026-0102"])
        #expect(cases.map { $0["section"] as? String } == ["children", "adult_only"])
        let markdown = try marac("meeting", "agenda", "2026-11-20", "--plain")
        #expect(markdown.out.contains("# MARAC agenda 2026-11-20"))
        #expect(!markdown.out.contains("Grace"))

        #expect(try marac("meeting", "attend", "2026-11-20", "police", "idva", "childrens_social_care").status == 0)
        #expect(try marac("meeting", "attend", "2026-11-20", "nobody").status == 65)
        let action = try marac("action", "add", "BR-2026-0101", "--agency", "childrens_social_care", "--owner", "Duty SW",
                               "--due", "2026-12-01", "Strategy", "discussion")
        #expect(action.status == 0, "\(action.err)")
        let actionID = action.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try marac("meeting", "heard", "2026-11-20", "BR-2026-0101").status == 0)
        #expect(try marac("meeting", "heard", "2026-11-20", "BR-2026-0102").status == 0)

        let open = try marac("action", "list", "--plain", "--open", "--format", "json").json() as? [[String: Any]]
        #expect(open?.count == 1)
        #expect(open?.first?["description"] as? String == "Strategy discussion")
        let shown = try marac("referral", "show", "--plain", "BR-2026-0101", "--format", "json").json() as? [String: Any]
        #expect(shown?["status"] as? String == "actions_open")
        #expect(shown?["heard_on"] as? String == "2026-11-20")

        #expect(try marac("action", "complete", actionID, "--note", "Held on 25 Nov").status == 0)
        let closed = try marac("referral", "show", "--plain", "BR-2026-0101", "--format", "json").json() as? [String: Any]
        #expect(closed?["status"] as? String == "closed")
        #expect(try marac("action", "incomplete", actionID, "--reason", "late").status == 65)

        // Every change is attributable: the trail names the acting user for each step.
        let trail = try marac("audit", "--ref", "BR-2026-0101", "--format", "csv")
        #expect(trail.out.split(whereSeparator: \.isNewline).count >= 6)
    }

    @Test func statsKeepTheContractKeys() throws {
        let marac = try MaracRun()
        var csv = "referral_ref,referred_on,referring_agency,second_agency,victim_name,ric_score,heard_on\n"
        for i in 0..<30 {
            let month = i % 6 + 1
            csv += "S-\(i),2026-0\(month)-05,\(i == 0 ? "police,idva" : "police,"),Victim \(i),\(i % 20),\(i < 20 ? "2026-0\(month)-20" : "")\n"
        }
        #expect(try marac("import", "referrals", try marac.file("s.csv", csv)).status == 0)
        let result = try marac("stats", "--from", "2026-01-01", "--to", "2026-12-31", "--adult-female-population", "130000", "--format", "json")
        #expect(result.status == 0, "\(result.err)")
        let doc = try result.json() as? [String: Any] ?? [:]
        #expect((doc["period"] as? [String: Any])?["from"] as? String == "2026-01-01")
        #expect((doc["period"] as? [String: Any])?["to"] as? String == "2026-12-31")
        let referrals = doc["referrals"] as? [String: Any] ?? [:]
        #expect(referrals["total"] as? Int == 30)
        let byRisk = referrals["by_risk"] as? [String: Int] ?? [:]
        #expect(Set(byRisk.keys) == ["high", "medium", "standard", "not_completed"])
        #expect(byRisk.values.reduce(0, +) == 30)
        let byMonth = referrals["by_month"] as? [[String: Any]] ?? []
        #expect(byMonth.count == 12)
        #expect(byMonth.first?["month"] as? String == "2026-01")
        #expect(byMonth.last?["high"] as? Int == 0)
        for band in byRisk.keys { #expect(byMonth.compactMap { $0[band] as? Int }.reduce(0, +) == byRisk[band]) }
        let maracFigures = doc["marac"] as? [String: Any] ?? [:]
        for key in ["cases_heard", "repeat_cases", "repeat_rate", "children_in_households", "recommended_cases", "coverage", "cases_per_10k_adult_women"] {
            #expect(maracFigures[key] != nil, "marac.\(key)")
        }
        #expect(maracFigures["cases_heard"] as? Int == 20)
        #expect(maracFigures["recommended_cases"] as? Double == 520)
        #expect(maracFigures["coverage"] as? Double == 0.0385)
        let routes = doc["referral_routes"] as? [String: Double] ?? [:]
        #expect(routes.count == 14)
        #expect(routes["police"] == 19.5)
        #expect(routes["idva"] == 0.5)

        let quarter = try marac("stats", "--quarter", "2026Q2", "--format", "json").json() as? [String: Any]
        #expect((quarter?["period"] as? [String: Any])?["from"] as? String == "2026-04-01")
        #expect((quarter?["period"] as? [String: Any])?["to"] as? String == "2026-06-30")

        // Suppressed: counts 1–4 become "<5"; without a population coverage is null.
        let suppressed = try marac("stats", "--quarter", "2026Q2", "--suppress", "--format", "json").json() as? [String: Any]
        let months = (suppressed?["referrals"] as? [String: Any])?["by_month"] as? [[String: Any]] ?? []
        #expect(months.contains { $0.values.contains { ($0 as? String) == "<5" } })
        #expect(!months.contains { $0.values.contains { ($0 as? Int).map { $0 > 0 && $0 < 5 } ?? false } })
        #expect((suppressed?["marac"] as? [String: Any])?["coverage"] is NSNull)

        // CSV leaves the MARAC: suppressed unless --no-suppress, which the audit trail records.
        let exact = try marac("stats", "--quarter", "2026Q2", "--format", "csv", "--no-suppress")
        #expect(exact.status == 0)
        #expect(try marac("audit", "--entity", "figures").out.contains("unsuppressed"))
        #expect(try marac("stats", "--quarter", "2026Q2", "--format", "csv").out.contains("<5"))
    }

    @Test func controlCharactersNeverReachTheTerminalRaw() throws {
        let marac = try MaracRun()
        // C0 controls (ESC, BEL) are refused at the boundary (issue 8), naming the column only.
        let c0 = "referral_ref,referred_on,referring_agency,victim_name\nC-0,2026-11-01,police,Evil\u{1B}]0;pwned\u{07}Name\n"
        let refused = try marac("import", "referrals", try marac.file("c0.csv", c0))
        #expect(refused.status == 65)
        #expect(refused.err.contains("victim_name: contains a control character"))
        #expect(!refused.err.contains("pwned"))
        // C1 controls and bidi overrides are text a referrer may paste: stored, never printed raw.
        let csv = "referral_ref,referred_on,referring_agency,victim_name\nC-1,2026-11-01,police,Evil\u{9B}31mpwned\u{202E}Name\n"
        #expect(try marac("import", "referrals", try marac.file("c.csv", csv)).status == 0)
        let table = try marac("referral", "list", "--plain")
        #expect(!table.out.contains("\u{9B}"))
        #expect(table.out.contains("Evil\\u{9b}31mpwned\\u{202e}Name"))
        let show = try marac("referral", "show", "--plain", "C-1")
        #expect(!show.out.contains("\u{9B}") && !show.out.contains("\u{202E}"))
        // Stored as given: JSON carries it escaped, the export file raw.
        let json = try marac("referral", "show", "--plain", "C-1", "--format", "json").json() as? [String: Any]
        #expect((json?["victim"] as? [String: Any])?["name"] as? String == "Evil\u{9B}31mpwned\u{202E}Name")
    }
}
