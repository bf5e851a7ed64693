import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCore
@testable import MaracCases
@testable import MaracStore

@Suite struct ImportAndFiguresTests {
    static let header = "referral_ref,referred_on,referring_agency,second_agency,victim_name,ric_score,heard_on\n"

    @Test func aBadRowRejectsTheWholeFileAndNamesEveryLine() throws {
        let test = try TestDatabase()
        let csv = ImportAndFiguresTests.header + """
            A-1,2026-01-05,police,,"O'Neill, Áine",15,
            A-2,2027-01-05,police,,Good Name,15,
            A-3,2026-01-05,policee,,Good Name,15,
            "A-4",2026-01-05,idva,,"Multi
            line",30,

            """
        let error = #expect(throws: CaseError.self) {
            _ = try test.session.importReferrals(csv: csv, fileName: "in.csv", update: false)
        }
        do {
            let lines = error?.problems.map(\.description) ?? []
            #expect(lines.count == 4)
            #expect(lines[0].hasPrefix("in.csv:3: referred_on: is in the future"))
            #expect(lines[1].hasPrefix("in.csv:4: referring_agency:"))
            // A name is one line (issue 8).
            #expect(lines[2].hasPrefix("in.csv:5: victim_name: contains a line break"))
            #expect(lines[3].hasPrefix("in.csv:5: ric_score:"))
        }
        #expect(try test.count("SELECT COUNT(*) FROM referral") == 0)
        #expect(try test.count("SELECT COUNT(*) FROM person") == 0)
    }

    @Test func unknownColumnsAreRejected() throws {
        let test = try TestDatabase()
        let csv = "referral_ref,referred_on,referring_agency,victim_name,shoe_size\nA,2026-01-01,police,V,9\n"
        #expect(throws: CaseError.self) {
            _ = try test.session.importReferrals(csv: csv, fileName: "f.csv", update: false)
        }
    }

    @Test func importedHistoryGivesTheContractFigures() throws {
        let test = try TestDatabase()
        var csv = ImportAndFiguresTests.header
        // 118 cases heard in 2025; one joint police+idva referral.
        for i in 0..<118 {
            let month = i % 12 + 1
            let day = String(format: "2025-%02d-%02d", month, 3)
            let heard = String(format: "2025-%02d-%02d", month, 20)
            csv += "H-\(i),\(day),\(i == 0 ? "police,idva" : "police,"),Victim \(i),\(i % 25),\(heard)\n"
        }
        let summary = try test.session.importReferrals(csv: csv, fileName: "h.csv", update: false)
        #expect(summary.added == 118)
        let figures = try test.session.figures(try .year(2025), population: 130_000)
        #expect(figures.casesHeard == 118)
        #expect(figures.recommendedCases == 520)
        #expect(figures.coverage == 0.2269)
        #expect(figures.casesPer10kAdultWomen == 9.08)
        #expect(figures.routes["police"] == 117.5)
        #expect(figures.routes["idva"] == 0.5)
        #expect(figures.byRisk.total == 118)
        #expect(figures.byMonth.count == 12)
        #expect(figures.byMonth.map(\.counts.total).reduce(0, +) == figures.byRisk.total)
        // Scores 0..24 cycle: 14..24 are high.
        #expect(figures.byRisk.high == (0..<118).filter { $0 % 25 >= 14 }.count)
    }
}
