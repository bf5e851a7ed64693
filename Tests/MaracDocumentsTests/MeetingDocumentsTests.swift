import Testing
import MaracCore
@testable import MaracDocuments

/// The papers that travel by email are laid out from read models alone, with
/// no database: references never names, free text escaped, formulas defused.
@Suite struct MeetingDocumentsTests {
    static let day = Day("2026-12-03")!

    static func summary(_ ref: String, victim: String, band: RiskBand = .high) -> ReferralSummary {
        ReferralSummary(id: 1, ref: ref, referredOn: Day("2026-11-20")!, referringAgency: "police", band: band, score: 15,
                        criteria: [], isRepeat: false, childrenInHousehold: 2, status: .listed, victimName: victim,
                        safety: SafetyFlags(plain: [:]), victimID: 1)
    }

    static func agenda(_ cases: [ReferralSummary]) -> Agenda {
        Agenda(meeting: MeetingRecord(id: 1, heldOn: day, status: .planned, confidentialitySigned: false, cases: cases.count, heard: 0),
               openActions: [ActionRecord(id: 7, referralRef: "BR-1", agency: "police", owner: "DC Patel", description: "Flag the address",
                                          due: Day("2026-11-01")!, status: .open, version: 1)],
               openActionCount: 1,
               cases: cases.enumerated().map { index, summary in
                   Agenda.Case(item: AgendaItem(referralRef: summary.ref, section: .adultOnlyCases, band: summary.band, score: 15,
                                                listedPosition: index + 1),
                               referral: summary, heard: false)
               },
               attendance: [])
    }

    @Test func theAgendaNamesCasesByReferenceNeverByName() {
        let text = MeetingDocuments.agendaMarkdown(Self.agenda([Self.summary("BR-2026-0101", victim: "Amina Begum")]), today: Self.day)
        #expect(text.contains("BR-2026-0101"))
        #expect(!text.contains("Amina"))
        // An action a month overdue is marked for the chair, in words.
        #expect(text.contains("OVERDUE") || text.contains("ESCALATED"))
    }

    @Test func sharedTextWithControlCharactersIsEscapedInTheMinutes() {
        let minutes = Minutes(agenda: Self.agenda([Self.summary("BR-2", victim: "Zofia Nowak")]),
                              shared: ["BR-2": "police: known\u{1B}[2J to us"], actions: [])
        let text = MeetingDocuments.minutesMarkdown(minutes)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("known"))
    }

    /// Issue 21: the minutes name agencies as the agency table does; the action log keeps codes.
    @Test func theMinutesNameAgenciesNotCodes() {
        let action = ActionRecord(id: 9, referralRef: "BR-3", agency: "childrens_social_care", owner: "SW Ade", description: "Visit",
                                  due: Day("2026-12-10")!, status: .open, version: 1)
        let minutes = Minutes(agenda: Self.agenda([Self.summary("BR-3", victim: "Ana Silva")]), shared: [:], actions: [action])
        let text = MeetingDocuments.minutesMarkdown(minutes, names: FiguresNames(agencies: ["childrens_social_care": "Children's social care"]))
        #expect(text.contains("Action #9: Children's social care, SW Ade"))
        #expect(!text.contains("childrens_social_care"))
        #expect(MeetingDocuments.actionLogCSV(minutes).contains("childrens_social_care"))
    }

    @Test func aResearchListDefusesFormulaCells() {
        let list = ResearchList(meeting: Self.day, agency: "housing",
                                cases: [ResearchListCase(ref: "BR-3", personIDs: [1], matching: ["victim_name": "=HYPERLINK(\"x\")"])])
        let csv = ResearchListCSV.render(list)
        #expect(csv.hasPrefix(ResearchReturnInput.columns.joined(separator: ",")))
        #expect(!csv.contains(",=HYPERLINK"))
        #expect(csv.contains("BR-3"))
    }
}
