import Foundation
import Testing

/// Issue 21: the board report and the SafeLives data return, through the real
/// binary on a demo database; the data return against a count made by hand
/// in the sqlite3 shell; the report printed by headless Chromium.
@Suite struct BoardReportCLITests {
    static func demo() throws -> MaracRun {
        let marac = try MaracRun()
        let filled = try marac("demo")
        #expect(filled.status == 0, "\(filled.err)")
        return marac
    }

    static func sqlite(_ marac: MaracRun, _ sql: String) throws -> [[String]] {
        let result = try PackCLITests.tool("/usr/bin/sqlite3", ["-csv", marac.db, sql], in: marac.folder)
        #expect(result.status == 0, "\(result.err)")
        return String(decoding: result.out, as: UTF8.self).split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    static func csv(_ text: String) -> [[String]] {
        text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The data return's rows, one per meeting held (and per day a case was
    /// heard), counted by hand: a join of meetings and referrals, not the
    /// grouped pass the store makes.
    static let byHand = """
        WITH days AS (SELECT held_on AS day FROM meeting WHERE status = 'held' AND held_on BETWEEN '2026-07-01' AND '2026-09-30'
                      UNION SELECT heard_on FROM referral WHERE heard_on BETWEEN '2026-07-01' AND '2026-09-30')
        SELECT d.day, COUNT(r.id), TOTAL(r.is_repeat), TOTAL(r.children_in_household),
               TOTAL(CASE WHEN r.second_agency IS NULL THEN r.referring_agency = 'police'
                          ELSE (r.referring_agency = 'police') * 0.5 + (r.second_agency = 'police') * 0.5 END),
               TOTAL(CASE WHEN r.second_agency IS NULL THEN r.referring_agency <> 'police'
                          ELSE (r.referring_agency <> 'police') * 0.5 + (r.second_agency <> 'police') * 0.5 END),
               TOTAL(r.victim_ethnicity NOT IN ('white', 'unknown')), TOTAL(r.victim_lgbt = 'yes'), TOTAL(r.victim_disability = 'yes'),
               TOTAL(r.victim_gender = 'male'), TOTAL(r.victim_age IN (16, 17)), TOTAL(r.perpetrator_age <= 17)
        FROM days d LEFT JOIN referral r ON r.heard_on = d.day GROUP BY d.day ORDER BY d.day
        """

    @Test func dataReturnHasARowPerMeetingMatchingACountByHand() throws {
        let marac = try Self.demo()
        let result = try marac("stats", "--data-return", "--quarter", "2026Q3", "--format", "csv", "--no-suppress")
        #expect(result.status == 0, "\(result.err)")
        let rows = Self.csv(result.out)
        #expect(rows.first == ["held_on", "cases_discussed", "repeat_cases", "children", "police_referrals", "partner_agency_referrals",
                               "racially_minoritised", "lgbt", "disabled", "male", "aged_16_17", "perpetrators_17_or_under"])
        let hand = try Self.sqlite(marac, Self.byHand)
        let meetings = Array(rows.dropFirst().dropLast())
        #expect(meetings.count == hand.count && hand.count >= 5, "a quarter of fortnightly meetings: \(hand.count)")
        for (line, truth) in zip(meetings, hand) {
            #expect(line[0] == truth[0])
            for column in 1..<12 { #expect(Double(line[column]) == Double(truth[column]), "\(line[0]) column \(rows[0][column])") }
        }
        // The total line is the column sums, and the quarter's cases heard.
        let total = rows.last ?? []
        #expect(total.first == "total")
        for column in 1..<12 { #expect(Double(total[column]) == hand.reduce(0) { $0 + (Double($1[column]) ?? 0) }) }
        let stats = try marac("stats", "--quarter", "2026Q3", "--format", "json").json() as? [String: Any]
        #expect((stats?["marac"] as? [String: Any])?["cases_heard"] as? Int == Int(total[1]))
    }

    @Test func dataReturnIsSuppressedForAnalystsAndInCSV() throws {
        let marac = try Self.demo()
        let result = try marac("stats", "--data-return", "--quarter", "2026Q3", "--format", "csv")
        #expect(result.status == 0, "\(result.err)")
        let hand = try Self.sqlite(marac, Self.byHand)
        let rows = Array(Self.csv(result.out).dropFirst().dropLast())
        var hidden = 0
        for (line, truth) in zip(rows, hand) {
            for column in 1..<12 {
                let exact = Double(truth[column]) ?? -1
                switch line[column] {
                case "<5": #expect(exact > 0 && exact < 5); hidden += 1
                // [c]: hidden to protect another (5 or more), or every value of a withheld column.
                case "[c]": hidden += 1
                default: #expect(Double(line[column]) == exact && !(exact > 0 && exact < 5), "\(line[0]) column \(column)")
                }
            }
        }
        #expect(hidden > 0, "a demo quarter has small counts per meeting")
        let json = try marac("stats", "--data-return", "--quarter", "2026Q3", "--format", "json", "--suppress").json() as? [String: Any]
        #expect((json?["meetings"] as? [[String: Any]])?.count == hand.count)
        #expect((json?["period"] as? [String: Any])?["words"] as? String == "2026 Q3, July to September")
    }

    @Test func statsTableNamesTheMaracThePeriodAndAgencies() throws {
        let marac = try Self.demo()
        #expect(try marac("config", "set", "marac-name", "Bromley MARAC").status == 0)
        let table = try marac("stats", "--quarter", "2026Q3")
        #expect(table.status == 0, "\(table.err)")
        #expect(table.out.contains("Bromley MARAC figures, 2026 Q3, July to September"))
        #expect(table.out.contains("Children's social care") && table.out.contains("Police"))
        #expect(!table.out.contains("childrens_social_care"), "agency names, not codes")
        // JSON and CSV keep the codes outside tools read.
        let json = try marac("stats", "--quarter", "2026Q3", "--format", "json").json() as? [String: Any]
        #expect((json?["referral_routes"] as? [String: Any])?["childrens_social_care"] != nil)
        let returnTable = try marac("stats", "--data-return", "--quarter", "2026Q3")
        #expect(returnTable.out.contains("Bromley MARAC: SafeLives MARAC data return, 2026 Q3, July to September"))
    }

    @Test func aMaracNameOnTwoLinesIsRefusedWithoutEchoingIt() throws {
        let marac = try Self.demo()
        let refused = try marac("config", "set", "marac-name", "Bromley\nSECRET-WORDS")
        #expect(refused.status == 65)
        #expect(!refused.err.contains("SECRET-WORDS") && refused.errorLines.count == 1, "\(refused.err)")
        #expect(try marac("config", "get", "marac-name").status != 0, "nothing was stored")
        #expect(try marac("config", "set", "marac-name", String(repeating: "x", count: 121)).status == 65, "never truncated")
    }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let pdftotext = "/usr/bin/pdftotext"

    /// The board report as the board gets it: printed to PDF (A4, the print
    /// stylesheet) and shot at 1280 px by headless Chromium. CI installs
    /// chromium and poppler-utils (scripts/setup); only a machine without
    /// chromium skips.
    @Test(.enabled(if: chromium != nil)) func reportPrintsInHeadlessChromium() throws {
        let marac = try Self.demo()
        #expect(try marac("config", "set", "marac-name", "Bromley MARAC").status == 0)
        #expect(try marac("config", "set", "adult-female-population", "130000").status == 0)
        let html = marac.folder.appendingPathComponent("board.html").path
        let written = try marac("report", "--year", "2025", "--out", html)
        #expect(written.status == 0, "\(written.err)")
        let pdf = marac.folder.appendingPathComponent("board.pdf").path, png = marac.folder.appendingPathComponent("board.png").path
        let profile = marac.folder.appendingPathComponent("chromium").path
        // --no-sandbox: CI and this machine run as root in a container; the page is our own local file.
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile)", "--no-first-run"]
        let shot = try PackCLITests.tool(Self.chromium!, common + ["--screenshot=\(png)", "--window-size=1280,2000", "file://\(html)"], in: marac.folder)
        #expect(shot.status == 0, "\(shot.err)")
        #expect((try? Data(contentsOf: URL(fileURLWithPath: png)))?.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]), "a PNG screenshot")
        let printed = try PackCLITests.tool(Self.chromium!, common + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://\(html)"], in: marac.folder)
        #expect(printed.status == 0, "\(printed.err)")
        let pdfData = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(pdfData.prefix(5) == Data("%PDF-".utf8))
        // The text of the PDF (pdftotext), or of the HTML that was printed where poppler is absent.
        let text: String
        if FileManager.default.isExecutableFile(atPath: Self.pdftotext) {
            let out = try PackCLITests.tool(Self.pdftotext, ["-layout", pdf, "-"], in: marac.folder)
            #expect(out.status == 0, "\(out.err)")
            text = String(decoding: out.out, as: UTF8.self)
            let pages = try PackCLITests.tool("/usr/bin/pdfinfo", [pdf], in: marac.folder)
            let info = String(decoding: pages.out, as: UTF8.self)
            #expect(info.contains("(A4)"), "printed on A4 (the print stylesheet's @page)")
            // The MARAC and the period head every printed page (the @page margin box).
            let count = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
            #expect(count > 1 && text.components(separatedBy: "Bromley MARAC: figures for 2025, January to December").count - 1 >= count, "\(count) pages")
        } else {
            text = try String(contentsOfFile: html, encoding: .utf8)
        }
        #expect(text.contains("Bromley MARAC"))
        #expect(text.contains("2025, January to December"))
        #expect(text.contains("Children's social care") && text.contains("Police"), "agency names")
        #expect(!text.contains("childrens_social_care"), "no agency codes")
        #expect(text.contains("SafeLives, year to 30 Sept 2024"))
        // The year's referrals total is safe to show (hundreds of referrals): a
        // number in the report, never [c]; the same as stats prints.
        let stats = try marac("stats", "--year", "2025", "--suppress", "--format", "json").json() as? [String: Any]
        let total = (stats?["referrals"] as? [String: Any])?["total"] as? Int
        #expect(total != nil && (total ?? 0) > 100, "the year's total is shown")
        let totalLine = text.split(whereSeparator: \.isNewline).first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("total") }
        #expect(totalLine.map { !$0.contains("[c]") && $0.contains(String(total ?? -1)) } == true, "\(totalLine ?? "no total line")")
        #expect(text.contains("MARAC heard"), "the plain sentences")
    }
}
