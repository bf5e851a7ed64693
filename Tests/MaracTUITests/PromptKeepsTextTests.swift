import Foundation
import Testing
@testable import MaracCases
@testable import MaracCore
@testable import MaracTUI

/// Issue 22, defect 3: every question in the UI, given a wrong answer, stays
/// open with the text as typed and the problem beside it, and keys go to it,
/// never to the list behind. One table over every `Question` case: a new case
/// does not compile here until it is given a wrong answer and an outcome.
@Suite(.serialized) struct PromptKeepsTextTests {
    enum Outcome: Sendable { case askedAgain, next, closesByDesign }

    static let today = AgendaEditingTests.today, later = AgendaEditingTests.later

    /// What a wrong answer must do: `askedAgain` unless the question takes any text.
    static func outcome(_ question: Question) -> Outcome {
        switch question {
        case .declineReason, .listingMeeting, .newMeetingDate, .newMeetingDateAgain, .sharedAgency, .moveMeetingTo, .reopenWhich,
             .moveCase, .lateCase, .action, .research, .attendance, .newDueDate, .correctionReason, .newOwner, .newAgency,
             .agencyFilter, .agencyFilterAgain, .editReason, .shared, .sharedBy, .minutesFolder, .completionNote, .incompleteReason,
             .incident, .confirmAgencies, .researchListsFor, .filePath, .panelReason, .transferOut,
             .transferDecision:
            .askedAgain
        // Any words are an answer; the reason asked next is what is checked.
        case .correctedText: .next
        // Empty cancels a break-glass (it is not begun by accident); the kept text is only shown; a
        // form field's value is checked with the whole form when it is saved.
        case .breakGlassRef, .breakGlassReason, .keptAnswer, .formField: .closesByDesign
        }
    }

    static let actions = ActionPrompts(ref: "R-1", meeting: today, today: today, agencies: ["police", "idva"])
    static let research = ResearchPrompts(ref: "R-1", meeting: today)
    static let police = AgencyChoice(code: "police", name: "Police")

    /// Every question, with a wrong answer for it.
    static let table: [(Question, String)] = [
        (.declineReason(ref: "R-3", band: nil, problem: nil), "   "),
        (.listingMeeting(ref: "R-3", problem: nil), "17/12/2026"),
        (.breakGlassRef, ""),
        (.breakGlassReason(ref: "R-1"), ""),
        (.newMeetingDate, "17/12/2026"),
        (.newMeetingDateAgain(problem: "x"), "2026-13-17"),
        (.shared(ref: "R-1", meeting: today), "   "),
        (.sharedAgency(ref: "R-1", meeting: today, present: [police], problem: nil), "zzz"),
        (.sharedBy(ref: "R-1", meeting: today, agency: police), "   "),
        (.moveMeetingTo(today, problem: nil), "2026-13-17"),
        (.correctedText(entry: 1), "   "),
        (.reopenWhich(problem: nil), "twelve"),
        (.minutesFolder(meeting: today), "/nonexistent/marac/minutes"),
        (.moveCase(ref: "R-1", from: today, problem: nil), "2026-13-17"),
        (.lateCase(meeting: today, problem: nil), "   "),
        (.action(actions, .agency, problem: nil), "not an agency!"),
        (.action(actions, .owner, problem: nil), "   "),
        (.action(actions, .due, problem: nil), "17/12/2026"),
        (.action(actions, .what, problem: nil), "   "),
        (.research(research, .agency, problem: nil), "not an agency!"),
        (.research(research, .known, problem: nil), "perhaps"),
        (.attendance(meeting: today), "nosuchagency"),
        (.completionNote(action: 9999), "done"),
        (.incompleteReason(action: 9999), "could not"),
        (.newDueDate(action: 9999, today: today, problem: nil), "17/12/2026"),
        (.correctionReason(.reopen(action: 9999), problem: nil), "   "),
        (.newOwner(action: 9999, problem: nil), "   "),
        (.newAgency(action: 9999, owner: "Sam", problem: nil), "not an agency!"),
        (.agencyFilter, "not an agency!"),
        (.agencyFilterAgain(problem: "x"), "not an agency!"),
        (.editReason(CorrectionReasonPrompt.Edit(columns: [:], openedAtVersion: 1, replaceAnswers: false), problem: nil), "   "),
        (.keptAnswer(question: "q"), "kept"),
        (.formField(column: "victim_gender", label: "Victim gender"), "zzz"),
        (.incident(IncidentPrompts(ref: "R-1", today: today, fixedAgency: nil), .date, problem: nil), "17/12/2026"),
        // Issue 22, defect 6: the week's steps (no files given to this app: the request is refused, the path kept).
        (.confirmAgencies(meeting: today), "nosuchagency"),
        (.researchListsFor(meeting: today, problem: nil), "not an agency!"),
        (.filePath(.researchReturn(meeting: today, agency: nil), problem: nil), "/nonexistent/marac/return.csv"),
        (.panelReason(ref: "R-1", problem: nil), "   "),
        (.transferOut(TransferPrompts(ref: "R-1", today: today), .movedOn, problem: nil), "17/12/2026"),
        (.transferDecision(TransferDecisionPrompts(ref: "R-1", from: "Bromley MARAC"), .reason, problem: nil), "   "),
    ]

    @Test func everyQuestionGivenAWrongAnswerKeepsItsTextAndSaysWhy() throws {
        let fixture = try AgendaEditingTests.fixture()
        for (question, wrong) in Self.table {
            let app = fixture.app()
            app.perform([.ask(question, initial: "")])
            let before = app.prompt?.question
            app.press(wrong.map { Key.char($0) })
            app.press(.enter)
            switch Self.outcome(question) {
            case .askedAgain:
                #expect(app.prompt?.editor.text == wrong, "\(question): the text typed was lost")
                #expect(app.prompt?.question != before, "\(question): asked again without saying why")
                // Keys still go to the question, not the list behind it.
                let screens = app.stack.count
                app.press(Key.parse("jq"))
                #expect(app.prompt?.editor.text == wrong + "jq", "\(question): keys leaked to the screen behind")
                #expect(app.stack.count == screens)
            case .next:
                #expect(app.prompt != nil && app.prompt?.question != before, "\(question): no next question")
            case .closesByDesign:
                break
            }
        }
        // Every case is in the table (the switch above has them all).
        let covered = Set(Self.table.map { "\($0.0)".prefix { $0 != "(" } })
        #expect(covered.count == 36, "cases covered: \(covered.sorted())")
    }

    /// The meeting date of `m`, `c` (the defect as reported): typed text kept through a wrong date.
    @Test func theMeetingDateKeepsItsText() throws {
        let fixture = try AgendaEditingTests.fixture()
        let app = fixture.app()
        app.press(TriageScreen.self, .meetings)
        app.press(MeetingsScreen.self, .create)
        app.press(Key.parse("17/12/2026<Enter>"))
        #expect(app.prompt?.editor.text == "17/12/2026")
        #expect(app.prompt?.question.contains("YYYY-MM-DD") == true)
        app.press(Key.parse("<C-u>2026-12-17<Enter>"))
        #expect(app.prompt == nil)
        #expect(try fixture.session.meetings(limit: 10).items.contains { $0.heldOn == Day("2026-12-17")! })
    }
}
