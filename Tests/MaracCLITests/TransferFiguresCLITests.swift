import Foundation
import Testing

/// Issue 25: a case taken in from another MARAC and heard here counts as a
/// case heard here, in the receiving MARAC's figures, like any other.
@Suite struct TransferFiguresCLITests {
    @Test func aTransferredInCaseHeardHereCountsAsACaseHeardHere() throws {
        let pair = try CaseTransferCLITests.pair()
        let bundle = try CaseTransferCLITests.sendOut(pair)
        let croydon = pair.croydon
        func heard() throws -> Int? {
            let stats = try #require(try croydon("stats", "--quarter", "2026Q4", "--format", "json").json() as? [String: Any])
            return (stats["marac"] as? [String: Any])?["cases_heard"] as? Int
        }
        #expect(try heard() == 0)
        #expect(try croydon("transfer", "in", bundle).status == 0)
        #expect(try croydon("meeting", "create", "2026-11-24").status == 0)
        let ack = croydon.folder.appendingPathComponent("ack.age").path
        let listed = try croydon("transfer", "decide", "BR-2", "list", "--reason", "Moved here for good", "--meeting", "2026-11-24", "--ack-out", ack)
        #expect(listed.status == 0, "\(listed.err)")
        // Listed, not yet heard: not a case heard.
        #expect(try heard() == 0)
        #expect(try croydon("meeting", "attend", "2026-11-24", "police", "idva").status == 0)
        let done = try croydon("meeting", "heard", "2026-11-24", "BR-2")
        #expect(done.status == 0, "\(done.err)")
        #expect(try heard() == 1)

        // Transfers per quarter in the exact figures: Bromley sent one, Croydon took one in.
        // A transfer is dated by the clock it was sent at (not MARAC_TODAY): today's real quarter.
        let now = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        let day = String(format: "%04d-%02d-%02d", now.year ?? 0, now.month ?? 0, now.day ?? 0)
        let quarter = "\(now.year ?? 0)Q\(((now.month ?? 1) - 1) / 3 + 1)"
        for (marac, out, taken) in [(pair.bromley, 1, 0), (croydon, 0, 1)] {
            let stats = try #require(try marac("stats", "--quarter", quarter, "--format", "json", today: day).json() as? [String: Any])
            let transfers = try #require(stats["transfers"] as? [[String: Any]])
            #expect(transfers.count == 1)
            #expect(transfers.first?["quarter"] as? String == quarter)
            #expect(transfers.first?["out"] as? Int == out && transfers.first?["in"] as? Int == taken, "\(transfers)")
        }
        let shown = try croydon("stats", "--quarter", quarter, today: day)
        #expect(shown.out.contains("Transfers in and out"), "\(shown.out)")
        // Figures that leave the MARAC carry the table protected: the one case taken in is under the threshold.
        let csv = try croydon("stats", "--quarter", quarter, "--format", "csv", today: day)
        #expect(csv.status == 0, "\(csv.err)")
        #expect(csv.out.contains("transfers,\(quarter),in,<5") && csv.out.contains("transfers,\(quarter),out,0"), "\(csv.out)")
        #expect(!csv.out.contains("transfers,\(quarter),in,1"), "\(csv.out)")
        let html = croydon.folder.appendingPathComponent("report.html").path
        #expect(try croydon("report", "--quarter", quarter, "--out", html, today: day).status == 0)
        let report = try String(contentsOfFile: html, encoding: .utf8)
        #expect(report.contains("Transfers in and out"))
    }
}
