import Foundation
import Testing

/// Issue 10: `meeting agenda` marks cases sharing a perpetrator (JSON and
/// Markdown add to what they printed, nothing removed); `referral show`
/// lists the linked cases.
@Suite struct LinkedCasesCLITests {
    @Test func theAgendaAndReferralShowNameLinkedCases() throws {
        let marac = try MaracRun()
        #expect(try marac("meeting", "create", "2026-11-26").status == 0)
        for (ref, victim, perpetrator) in [("K-1", "Ann One", "Liam Walsh"), ("K-2", "Bea Two", "Liam Walsh"), ("K-3", "Cat Three", "Other Man")] {
            let added = try marac("referral", "add", "--plain", "--ref", ref, "--agency", "police", "--victim-name", victim,
                                  "--perpetrator-name", perpetrator, "--perpetrator-dob", "1980-01-01", "--ric-score", "15")
            #expect(added.status == 0, "\(added.err)")
            #expect(try marac("referral", "screen", ref, "--accept").status == 0)
        }
        let json = try marac("meeting", "agenda", "2026-11-26", "--format", "json", "--plain").json() as? [String: Any]
        let cases = try #require(json?["cases"] as? [[String: Any]])
        let item = Dictionary(uniqueKeysWithValues: cases.map { ($0["ref"] as! String, $0["item"] as! Int) })
        let linked = Dictionary(uniqueKeysWithValues: cases.map { ($0["ref"] as! String, $0["same_perpetrator_as"] as! [Int]) })
        #expect(linked["K-1"] == [item["K-2"]!] && linked["K-2"] == [item["K-1"]!] && linked["K-3"] == [])
        // Keys that were there before are all still there.
        for key in ["item", "section", "ref", "risk_band", "ric_score", "repeat", "children_in_household", "referring_agency", "heard"] {
            #expect(cases.allSatisfy { $0[key] != nil }, "\(key)")
        }
        let markdown = try marac("meeting", "agenda", "2026-11-26", "--plain").out
        #expect(markdown.contains("Linked cases (same perpetrator):"))
        #expect(markdown.contains("- item \(item["K-1"]!), K-1: same perpetrator as item \(item["K-2"]!) (K-2)"))
        #expect(!markdown.contains("Liam") && !markdown.contains("Ann One"))
        let shown = try marac("referral", "show", "--plain", "K-1", "--format", "json").json() as? [String: Any]
        #expect((shown?["linked_cases"] as? [[String: Any]])?.compactMap { $0["ref"] as? String } == ["K-2"])
        #expect(try marac("referral", "show", "--plain", "K-1").out.contains("linked case"))
    }
}
