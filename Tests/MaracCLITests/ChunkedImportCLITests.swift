import Foundation
import Testing

/// The real binary reads a plain CSV a chunk at a time (64 KiB) as it imports
/// it (issue 11): a file many chunks long goes in whole, with its byte order
/// mark, quoted line breaks and letters split at chunk edges; bytes that are
/// not UTF-8 far down the file are refused with their line, and nothing is written.
@Suite struct ChunkedImportCLITests {
    static func file(rows: Int, badAt: Int? = nil) -> Data {
        var data = Data([0xEF, 0xBB, 0xBF])
        data += Data("referral_ref,referred_on,referring_agency,victim_name,ric_score,consent_note\r\n".utf8)
        for i in 1...rows {
            // A long quoted note with a line break in it, and names in several scripts.
            let name = ["Zoë Kowalska", "李小龍", "Siobhán O'Neill", "Amina Begum"][i % 4] + " \(i)"
            if i == badAt {
                data += Data("C-\(i),2026-11-01,police,Zo".utf8) + Data([0xEB]) + Data(" \(i),15,\"Note\r\n\(i)\"\r\n".utf8)
            } else {
                data += Data("C-\(i),2026-11-01,police,\(name),15,\"Note \(String(repeating: "x", count: 40))\r\n\(i)\"\r\n".utf8)
            }
        }
        return data
    }

    @Test func aFileManyChunksLongGoesInWholeAndABadByteFarDownWritesNothing() throws {
        let marac = try MaracRun()
        #expect(try marac("init").status == 0)
        // Each row is two lines; row 2,000 starts on line 2 + 2 × 1,999.
        let bad = marac.folder.appendingPathComponent("bad.csv")
        try Self.file(rows: 3_000, badAt: 2_000).write(to: bad)
        #expect(try Data(contentsOf: bad).count > 4 * 64 * 1024)
        let refused = try marac("import", "referrals", bad.path)
        #expect(refused.status == 65)
        #expect(refused.errorLines == ["error: \(bad.path):\(2 + 2 * 1_999): file: the file is not UTF-8 text; save it as CSV UTF-8"])
        #expect(try marac.referrals().isEmpty)

        let good = marac.folder.appendingPathComponent("good.csv")
        try Self.file(rows: 3_000).write(to: good)
        let imported = try marac("import", "referrals", good.path)
        #expect(imported.status == 0, "\(imported.err.prefix(400))")
        let referrals = try marac.referrals()
        #expect(referrals.count == 3_000)
        let shown = try marac("referral", "show", "--plain", "C-2999", "--format", "json")
        #expect(shown.out.contains("Zoë Kowalska 2999") || shown.out.contains("李小龍 2999") || shown.out.contains("Siobhán O'Neill 2999")
                || shown.out.contains("Amina Begum 2999"))
    }
}
