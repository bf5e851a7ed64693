import Foundation
import Testing

/// Issue 10: `meeting reorder-case` sets the order within a section by hand;
/// the agenda (csv, json, md) and the minutes keep it, the section order never
/// changes, and every move is audited.
@Suite struct AgendaOrderCLITests {
    @Test func aCaseIsReorderedWithinItsSectionAndTheOrderIsKept() throws {
        let marac = try MaracRun()
        #expect(try marac("meeting", "create", "2026-11-26").status == 0)
        for (ref, children, score) in [("A-1", "0", "20"), ("A-2", "0", "18"), ("A-3", "0", "16"), ("K-1", "1", "14")] {
            let added = try marac("referral", "add", "--plain", "--ref", ref, "--agency", "police", "--victim-name", "Victim \(ref)",
                                  "--perpetrator-name", "P \(ref)", "--children", children, "--ric-score", score)
            #expect(added.status == 0, "\(added.err)")
            #expect(try marac("referral", "screen", ref, "--accept").status == 0)
        }
        func order() throws -> [String] {
            let json = try marac("meeting", "agenda", "2026-11-26", "--format", "json", "--plain").json() as? [String: Any]
            return try #require(json?["cases"] as? [[String: Any]]).map { $0["ref"] as! String }
        }
        #expect(try order() == ["K-1", "A-1", "A-2", "A-3"])

        let moved = try marac("meeting", "reorder-case", "2026-11-26", "A-3", "--to", "1")
        #expect(moved.status == 0, "\(moved.err)")
        #expect(moved.err.contains("A-3 is now 1 of 3 in its section on 2026-11-26"))
        // The children's section stays first: place 1 counts within adult-only cases.
        #expect(try order() == ["K-1", "A-3", "A-1", "A-2"])
        #expect(try marac("meeting", "reorder-case", "2026-11-26", "A-1", "--down").status == 0)
        #expect(try order() == ["K-1", "A-3", "A-2", "A-1"])

        // Never across a section, never beyond it: refused (65), nothing changed.
        let edge = try marac("meeting", "reorder-case", "2026-11-26", "A-3", "--up")
        #expect(edge.status == 65 && edge.err.contains("A-3 is already first in adult-only cases"), "\(edge.err)")
        let beyond = try marac("meeting", "reorder-case", "2026-11-26", "K-1", "--to", "2")
        #expect(beyond.status == 65, "\(beyond.err)")
        #expect(try marac("meeting", "reorder-case", "2026-11-26", "A-2").status == 64)
        #expect(try marac("meeting", "reorder-case", "2026-11-26", "A-2", "--up", "--to", "1").status == 64)
        #expect(try order() == ["K-1", "A-3", "A-2", "A-1"])

        // Shown in every format: new keys only.
        let json = try marac("meeting", "agenda", "2026-11-26", "--format", "json", "--plain").json() as? [String: Any]
        let cases = try #require(json?["cases"] as? [[String: Any]])
        #expect(cases.map { $0["hand_position"] as? Int } == [nil, 1, 2, 3])
        #expect(cases.allSatisfy { $0["item"] != nil && $0["section"] != nil && $0["same_perpetrator_as"] != nil })
        let csv = try marac("meeting", "agenda", "2026-11-26", "--format", "csv", "--plain").out
        let lines = csv.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.first?.hasSuffix(",defer_suggested,hand_position,serial,serial_victims") == true)
        #expect(lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[2] } == ["K-1", "A-3", "A-2", "A-1"])
        #expect(lines.count == 5 && lines[2].contains(",1,"))
        let markdown = try marac("meeting", "agenda", "2026-11-26", "--plain").out
        #expect(markdown.contains("Order within this section set by the coordinator."))
        #expect(markdown.range(of: "| A-3 |")!.lowerBound < markdown.range(of: "| A-1 |")!.lowerBound)
        let minutes = try marac("meeting", "minutes", "2026-11-26", "--plain").out
        #expect(minutes.contains("the order within adult-only cases was set by the coordinator"))
        #expect(minutes.range(of: "### A-3")!.lowerBound < minutes.range(of: "### A-2")!.lowerBound)
        #expect(minutes.range(of: "### A-2")!.lowerBound < minutes.range(of: "### A-1")!.lowerBound)

        // Each move is in the audit trail, with no names.
        let audit = try marac("audit", "--format", "csv").out
        let reorders = audit.split(whereSeparator: \.isNewline).filter { $0.contains(",reorder,") }
        #expect(reorders.count == 2, "\(audit)")
        #expect(reorders.contains { $0.contains("place 1 of 3 in adult_only on 2026-11-26") })
        #expect(!audit.contains("Victim A-3"))
    }
}
