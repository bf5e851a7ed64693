import Testing
import MaracCore
@testable import MaracDocuments

/// The board report's pieces that need no database: round axis ticks, the
/// period as people say it, the plain sentences (never a hidden number), the
/// data return's lines and agency names in place of codes.
@Suite struct BoardReportDocumentsTests {
    @Test(arguments: [(0.0, 1.0, 1.0), (4, 1, 4), (7, 2, 8), (18, 5, 20), (37.5, 10, 40), (55, 20, 60), (130, 50, 150), (999, 200, 1000), (1001, 500, 1500)])
    func axisTicksFallOnRoundNumbers(maximum: Double, step: Double, top: Double) {
        let scale = ChartScale(maximum: maximum)
        #expect(scale.step == step && scale.top == top, "\(maximum): \(scale)")
        #expect(scale.ticks.first == 0 && scale.ticks.last == scale.top)
        for tick in scale.ticks where tick > 0 {
            var mantissa = tick / scale.step
            #expect(mantissa == mantissa.rounded())
            mantissa = scale.step
            while mantissa >= 10 { mantissa /= 10 }
            #expect([1.0, 2, 5].contains(mantissa), "a step of 1, 2 or 5 × 10ⁿ: \(scale.step)")
        }
    }

    @Test func periodsReadAsPeopleSayThem() throws {
        #expect(try FiguresPeriod.quarter("2026Q3").spoken == "2026 Q3, July to September")
        #expect(try FiguresPeriod.quarter("2026Q1").spoken == "2026 Q1, January to March")
        #expect(try FiguresPeriod.year(2025).spoken == "2025, January to December")
        #expect(try FiguresPeriod.financialYear(2025).spoken == "2025–26, April to March")
        #expect(try FiguresPeriod.financialYear(2008).spoken == "2008–09, April to March")
        #expect(try FiguresPeriod(from: Day("2026-01-15")!, to: Day("2026-02-14")!).spoken == "15 January 2026 to 14 February 2026")
        #expect(try FiguresPeriod(from: Day("2026-02-01")!, to: Day("2026-02-28")!).spoken == "February 2026")
        #expect(try FiguresPeriod.quarter("2026Q1").quarterBefore == (try FiguresPeriod.quarter("2025Q4")))
        #expect(try FiguresPeriod.year(2025).quarterBefore == nil)
    }

    static func figures(casesHeard: Int, repeats: Int, before: Int, population: Int? = 130_000) throws -> Figures {
        var f = Figures(period: try FiguresPeriod.quarter("2026Q3"), population: population)
        f.casesHeard = casesHeard
        f.repeatCases = repeats
        f.casesHeardYearBefore = before
        f.routes = ["police": Double(casesHeard)]
        f.byMonth = [("2026-07", BandCounts(high: 20)), ("2026-08", BandCounts(high: 20)), ("2026-09", BandCounts(high: 15))]
        f.referralsYearBefore = 40
        return f
    }

    @Test func sentencesComeFromTheFigures() throws {
        let d = FiguresDocument(try Self.figures(casesHeard: 40, repeats: 12, before: 32), suppress: true)
        let text = BoardSummary.sentences(d, yearBefore: nil).joined(separator: " ")
        #expect(text.contains("MARAC heard 40 cases in 2026 Q3, July to September, against 130 recommended"))
        #expect(text.contains("30% of the cases heard were repeats, below the national 31% (SafeLives, year to 30 Sept 2024)"))
        // Referrals 55 against 40 (+38%) moved more than cases heard 40 against 32 (+25%).
        #expect(text.contains("The largest change on the year is in referrals received: 55 against 40 in 2025 Q3, July to September (up 38%)"))
    }

    @Test func aSentenceNeverStatesAHiddenNumber() throws {
        // Cases heard 3: hidden (<5), and so are the repeat rate and the change on the year.
        let d = FiguresDocument(try Self.figures(casesHeard: 3, repeats: 2, before: 9), suppress: true)
        let sentences = BoardSummary.sentences(d, yearBefore: nil)
        let text = sentences.joined(separator: " ")
        #expect(text.contains("too small to publish"))
        #expect(text.contains("repeat rate is not published"))
        for hidden in ["3 cases", " 3 ", " 2 ", "67%", "-67%", "down 67%"] { #expect(!text.contains(hidden), "\(hidden) in \(text)") }
        // The same figures unsuppressed (the coordinator's own view) say them.
        let exact = BoardSummary.sentences(FiguresDocument(try Self.figures(casesHeard: 3, repeats: 2, before: 9), suppress: false), yearBefore: nil)
        #expect(exact.joined().contains("MARAC heard 3 cases"))
    }

    @Test func theDataReturnHasALinePerMeetingAndATotal() throws {
        var f = Figures(period: try FiguresPeriod.quarter("2026Q3"))
        var first = MeetingReturn(heldOn: Day("2026-07-09")!)
        first.casesDiscussed = 12; first.repeatCases = 3; first.policeReferrals = 7.5; first.partnerAgencyReferrals = 4.5
        var second = MeetingReturn(heldOn: Day("2026-07-23")!)
        second.casesDiscussed = 9; second.repeatCases = 6; second.policeReferrals = 9
        f.byMeeting = [first, second]
        let exact = DataReturnDocument(f, suppress: false)
        #expect(exact.rows.map { Array($0.prefix(6)) } == [["2026-07-09", "12", "3", "0", "7.5", "4.5"], ["2026-07-23", "9", "6", "0", "9", "0"],
                                                          ["total", "21", "9", "0", "16.5", "4.5"]])
        let hidden = DataReturnDocument(f, suppress: true)
        // 3 is primary; 6 would give it away from the total 9, so it is hidden too.
        #expect(hidden.rows[0][2] == "<5" && hidden.rows[1][2] != "6")
        #expect(DataReturnDocument.header.count == 12)
    }

    /// Issue 21: the data return's meeting lines are protected with the other
    /// tables. Police referrals of 3 and 4 at two meetings add up to the
    /// police route's 7 in "cases heard by referral route": each column
    /// protected on its own hid its total and showed both as `<5`, and the 7
    /// printed in the routes then pinned the 3 to 3–4.
    @Test func aMeetingsCountCannotBeWorkedOutFromThePeriodsRoutes() throws {
        var f = Figures(period: try FiguresPeriod.quarter("2026Q3"))
        f.casesHeard = 15
        f.routes = ["police": 7, "idva": 8]
        var first = MeetingReturn(heldOn: Day("2026-07-09")!)
        first.casesDiscussed = 3; first.policeReferrals = 3
        var second = MeetingReturn(heldOn: Day("2026-07-23")!)
        second.casesDiscussed = 12; second.policeReferrals = 4; second.partnerAgencyReferrals = 8
        f.byMeeting = [first, second]
        let d = FiguresDocument(f, suppress: true)
        let lines = DataReturnDocument(d)
        let police = try #require(MeetingReturn.columns.firstIndex { $0.key == "police_referrals" })
        let route = try #require(d.routes.rows.firstIndex { $0.label == "police" })
        let cells = lines.meetings.indices.map { lines.line($0)[police] }
        let totalShown = !lines.total[police].hidden || !d.routes.cell(route, 0).hidden
        #expect(!(totalShown && cells.allSatisfy { $0.hidden && $0.label == "<5" }), "\(cells) under a shown total of 7")
        // Every hidden primary value keeps 1–4 over all the tables.
        let (tables, links) = d.publishedTogether
        let masks = Suppression.masks(tables, links: links)
        for (i, ranges) in Suppression.feasibleRanges(tables, links: links, masks: masks).enumerated() {
            for (variable, range) in ranges where range.upperBound < Suppression.threshold {
                #expect(range.lowerBound <= 1 && range.upperBound >= Suppression.threshold - 1, "table \(i) \(variable): \(range)")
            }
        }
        #expect(lines.line(0)[police].hidden && lines.line(1)[police].hidden, "both meetings' police counts are small")
    }

    @Test func agencyRowsReadByNameAndTheJSONKeepsCodes() throws {
        var f = try Self.figures(casesHeard: 40, repeats: 12, before: 32)
        f.routes = ["police": 30, "childrens_social_care": 10]
        let d = FiguresDocument(f, suppress: false)
        let named = d.named(FiguresNames(maracName: "Bromley MARAC", agencies: ["police": "Police", "childrens_social_care": "Children's social care"]))
        #expect(named.routes.rows.map(\.label).contains("Children's social care"))
        #expect(!named.routes.rows.map(\.label).contains("childrens_social_care"))
        #expect(named.byMonth.rows.map(\.label) == d.byMonth.rows.map(\.label), "only agency tables change")
        #expect(d.json().render().contains("\"childrens_social_care\""))
    }
}
