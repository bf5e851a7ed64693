import Foundation
import Testing

/// Suppressed figures through the real binary: `<5` only on counts under the
/// threshold, `[c]` on cells hidden to protect them, and the issue's leak (a
/// row of <5, <5, 5, 0 with its total 7 shown) gone.
@Suite struct SuppressionCLITests {
    /// April: high 1, medium 1, standard 5, not completed 0 (the issue's row);
    /// May: 10, 12, 9, 8.
    static func referrals() -> String {
        var lines = ["referral_ref,referred_on,referring_agency,victim_name,victim_dob,ric_score"]
        var n = 0
        func add(_ day: String, _ score: String, _ count: Int) {
            for _ in 0..<count {
                n += 1
                lines.append("S-\(n),\(day),police,Victim \(n),1980-01-\(String(format: "%02d", 1 + n % 28)),\(score)")
            }
        }
        add("2026-04-10", "15", 1); add("2026-04-11", "11", 1); add("2026-04-12", "3", 5)
        add("2026-05-10", "15", 10); add("2026-05-11", "11", 12); add("2026-05-12", "3", 9); add("2026-05-13", "", 8)
        return lines.joined(separator: "\n") + "\n"
    }

    static let truth: [String: [String: Int]] = [
        "2026-04": ["high": 1, "medium": 1, "standard": 5, "not_completed": 0],
        "2026-05": ["high": 10, "medium": 12, "standard": 9, "not_completed": 8],
    ]

    static func loaded() throws -> MaracRun {
        let marac = try MaracRun()
        let result = try marac("import", "referrals", try marac.file("s.csv", referrals()))
        #expect(result.status == 0, "\(result.err)")
        return marac
    }

    @Test func labelsAreTrueAndTheIssuesRowNoLongerAddsUp() throws {
        let marac = try SuppressionCLITests.loaded()
        let json = try marac("stats", "--from", "2026-04-01", "--to", "2026-05-31", "--suppress", "--format", "json").json() as? [String: Any]
        let referrals = json?["referrals"] as? [String: Any]
        let months = referrals?["by_month"] as? [[String: Any]] ?? []
        #expect(months.count == 2)
        var secondary = 0
        for month in months {
            let truth = SuppressionCLITests.truth[month["month"] as? String ?? ""] ?? [:]
            for (band, count) in truth {
                switch month[band] {
                case let shown as Int: #expect(shown == count && !(1...4).contains(count), "\(band) \(month)")
                case let label as String:
                    // Never a false <5: <5 only on 1–4, [c] only on 5 or more.
                    #expect(label == ((1...4).contains(count) ? "<5" : "[c]"), "\(band) \(month)")
                    if label == "[c]" { secondary += 1 }
                default: Issue.record("\(band) missing in \(month)")
                }
            }
        }
        #expect(secondary > 0)
        let april = months.first { $0["month"] as? String == "2026-04" } ?? [:]
        #expect(april["high"] as? String == "<5" && april["medium"] as? String == "<5")
        #expect(april["not_completed"] as? Int == 0, "zeros are shown")

        // The table shows row totals: the April row must not leave two <5 cells
        // and a shown 5 under a shown total.
        let text = try marac("stats", "--from", "2026-04-01", "--to", "2026-05-31", "--suppress").out
        let row = text.split(separator: "\n").first { $0.hasPrefix("2026-04") }.map { $0.split(separator: " ").map(String.init) } ?? []
        #expect(row.count == 6, "\(row)")
        #expect(!(row[3] == "5" && row[5] == "7"), "the issue's leak: \(row)")
        #expect(row[3] == "[c]" || row[5] == "[c]", "\(row)")

        // CSV and the report carry the same labels.
        let csv = try marac("stats", "--from", "2026-04-01", "--to", "2026-05-31", "--format", "csv").out
        #expect(csv.contains("referrals_by_month,2026-04,high,<5") && csv.contains(",[c]"))
        let out = marac.folder.appendingPathComponent("board.html").path
        #expect(try marac("report", "--from", "2026-04-01", "--to", "2026-05-31", "--out", out).status == 0)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        // Hidden cells are marked as such (issue 21: they read apart from shown ones and from "not applicable").
        #expect(html.contains("<td class=\"n hidden\">[c]</td>") && html.contains("<td class=\"n hidden\">&lt;5</td>"))
    }

    @Test func theThresholdIsASetting() throws {
        let marac = try SuppressionCLITests.loaded()
        #expect(try marac("config", "set", "suppression-threshold", "10").status == 0)
        #expect(try marac("config", "get", "suppression-threshold").out == "10\n")
        let json = try marac("stats", "--from", "2026-04-01", "--to", "2026-05-31", "--suppress", "--format", "json").json() as? [String: Any]
        let months = (json?["referrals"] as? [String: Any])?["by_month"] as? [[String: Any]] ?? []
        let april = months.first { $0["month"] as? String == "2026-04" } ?? [:]
        #expect(april["standard"] as? String == "<10", "\(april)")
        let may = months.first { $0["month"] as? String == "2026-05" } ?? [:]
        #expect(may["not_completed"] as? String == "<10" && may["standard"] as? String == "<10", "\(may)")
        // Under 2 would hide nothing: refused, nothing written.
        let refused = try marac("config", "set", "suppression-threshold", "1")
        #expect(refused.status == 65 && refused.errorLines.count == 1)
        #expect(try marac("config", "get", "suppression-threshold").out == "10\n")
        #expect(try marac("config", "set", "suppression-threshold", "five").status == 65)
    }
}
