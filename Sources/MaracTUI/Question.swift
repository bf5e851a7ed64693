import Foundation
import MaracCore

/// A line of text the UI asks for, as a value saying what the answer is for
/// (and, when asked again, what was wrong with the last answer). The answer
/// turns into effects by `answer(_:)`, a plain function: the wording and the
/// meaning of each question live beside the screen or prompt that asks it.
public indirect enum Question: Equatable, Sendable {
    case declineReason(ref: String, band: RiskBand?, problem: String?)
    case listingMeeting(ref: String, problem: String?)
    case breakGlassRef
    case breakGlassReason(ref: String)
    case newMeetingDate
    /// The date asked again, the text kept, saying what was wrong (issue 22, defect 3).
    case newMeetingDateAgain(problem: String)
    case shared(ref: String, meeting: Day)
    /// Issue 20: which agency present shared it, then what (`SharedPrompt`).
    case sharedAgency(ref: String, meeting: Day, present: [AgencyChoice], problem: String?)
    case sharedBy(ref: String, meeting: Day, agency: AgencyChoice)
    /// Moving a meeting: the new date, then the reason.
    case moveMeetingTo(Day, problem: String?)
    /// Correcting an entry of what was shared: its new words, then the reason.
    case correctedText(entry: Int64)
    /// Which closed action to reopen, by number.
    case reopenWhich(problem: String?)
    case minutesFolder(meeting: Day)
    case moveCase(ref: String, from: Day, problem: String?)
    case lateCase(meeting: Day, problem: String?)
    case action(ActionPrompts, ActionPrompts.Step, problem: String?)
    case research(ResearchPrompts, ResearchPrompts.Step, problem: String?)
    case attendance(meeting: Day)
    case completionNote(action: Int64)
    case incompleteReason(action: Int64)
    case newDueDate(action: Int64, today: Day, problem: String?)
    /// The reason a correction needs (issue 20), asked last.
    case correctionReason(Correction, problem: String?)
    /// A new owner for an action, then its agency (empty: unchanged).
    case newOwner(action: Int64, problem: String?)
    case newAgency(action: Int64, owner: String, problem: String?)
    case agencyFilter
    /// The filter asked again with the text kept: it named no agency code (issue 22).
    case agencyFilterAgain(problem: String)
    /// Why a referral's details are corrected (issue 20): asked when an edit is saved.
    case editReason(CorrectionReasonPrompt.Edit, problem: String?)
    /// Text kept from a dropped connection, shown so it can be copied.
    case keptAnswer(question: String)
    /// A coded field of the referral form, chosen from its list by name (issue 22).
    case formField(column: String, label: String)
    /// Logging an incident between meetings (issue 23), question by question.
    case incident(IncidentPrompts, IncidentPrompts.Step, problem: String?)
    // The week from the UI (issue 22, defect 6): WeekFilePrompts.swift.
    /// Agencies that will attend a meeting, chosen by name (those confirmed first).
    case confirmAgencies(meeting: Day)
    /// Whose research list: every agency that confirmed, or one chosen.
    case researchListsFor(meeting: Day, problem: String?)
    /// Where a file (or a folder, one file per agency) is written or read, a default offered.
    case filePath(FileTask, problem: String?)
    /// Why the perpetrator of a case is referred to the perpetrator panel (issue 24).
    case panelReason(ref: String, problem: String?)
    /// Sending a case to another MARAC (issue 25), question by question (`TransferPrompts`).
    case transferOut(TransferPrompts, TransferPrompts.Step, problem: String?)
    /// Listing or noting a case taken in from another MARAC, from triage (issue 25).
    case transferDecision(TransferDecisionPrompts, TransferDecisionPrompts.Step, problem: String?)

    public var text: String {
        switch self {
        case .declineReason(let ref, _, let problem): Self.word("Why is \(ref) declined?", problem)
        case .listingMeeting(let ref, let problem): Self.word("List \(ref) on the meeting of (YYYY-MM-DD)", problem)
        case .breakGlassRef: "Break glass: the reference of the case to open"
        case .breakGlassReason(let ref): "Why must you open \(ref)? (recorded and reviewed by the coordinator)"
        case .newMeetingDate: "Date of the new meeting (YYYY-MM-DD)"
        case .newMeetingDateAgain(let problem): Self.word("Date of the new meeting (YYYY-MM-DD)", problem)
        case .shared(let ref, _): "Add what an agency shared about \(ref)"
        case .sharedAgency(let ref, _, let present, let problem): Self.word(SharedPrompt.question(ref, present), problem)
        case .sharedBy(let ref, _, let agency): "What \(agency.name) shared about \(ref)"
        case .moveMeetingTo(let day, let problem): Self.word("Move the meeting on \(day) to (YYYY-MM-DD)", problem)
        case .correctedText(let id): "Entry \(id) should read"
        case .reopenWhich(let problem): Self.word("Reopen action # (a done or incomplete one)", problem)
        case .minutesFolder: "Folder to write the minutes to"
        case .moveCase(let ref, _, let problem): Self.word("Move \(ref) to the meeting on (YYYY-MM-DD)", problem)
        case .lateCase(let day, let problem): Self.word("Urgent late case for \(day): reference", problem)
        case .action(let prompts, let step, let problem): Self.word(prompts.question(step), problem)
        case .research(let prompts, let step, let problem): Self.word(prompts.question(step), problem)
        case .attendance: "Agencies present, who sign the statement (codes, space separated)"
        case .completionNote(let id): "What was done (action #\(id))?"
        case .incompleteReason(let id): "Why could action #\(id) not be done?"
        case .newDueDate(let id, _, let problem): Self.word("New due date for #\(id)", problem)
        case .correctionReason(let correction, let problem): Self.word("Why? (\(correction.words); kept in the case's history)", problem)
        case .newOwner(let id, let problem): Self.word("Reassign #\(id) to (the person now responsible)", problem)
        case .newAgency(let id, _, let problem): Self.word("Agency for #\(id) (code; as it is to keep it)", problem)
        case .agencyFilter: "Agency code (empty for all)"
        case .agencyFilterAgain(let problem): Self.word("Agency code (empty for all)", problem)
        case .editReason(_, let problem): problem.map { "Reason for the change — \($0):" } ?? "Reason for the change:"
        case .keptAnswer(let question): "Kept from when the connection dropped (\(question)) — copy it, then Esc:"
        case .formField(_, let label): "\(label): choose by name"
        case .incident(let prompts, let step, let problem): Self.word(prompts.question(step), problem)
        case .confirmAgencies(let day): "Agencies that will attend on \(day) (codes, space separated)"
        case .researchListsFor(let day, let problem): Self.word("Research lists for \(day): which agency (empty: every agency that confirmed)", problem)
        case .filePath(let task, let problem): Self.word(task.question, problem)
        case .panelReason(let ref, let problem): Self.word("Why refer the perpetrator of \(ref) to the perpetrator panel?", problem)
        case .transferOut(let prompts, let step, let problem): Self.word(prompts.question(step), problem)
        case .transferDecision(let prompts, let step, let problem): Self.word(prompts.question(step), problem)
        }
    }

    /// A question asked again says what was wrong beside it.
    static func word(_ base: String, _ problem: String?) -> String {
        problem.map { "\(base) — \($0):" } ?? base
    }

    /// What the answer asks for next: another question (the text kept when it
    /// was wrong), a screen, or a request to the use-case layer.
    public func answer(_ text: String) -> [Effect] {
        switch self {
        case .declineReason(let ref, let band, _): DeclinePrompt.answer(text, ref: ref, band: band)
        case .listingMeeting(let ref, _): ListingPrompt.answer(text, ref: ref)
        case .breakGlassRef, .breakGlassReason: TriageScreen.answerBreakGlass(self, text)
        case .newMeetingDate, .newMeetingDateAgain: MeetingsScreen.answerMeetingDate(text)
        case .shared(let ref, let day): [.request(.recordShared(ref: ref, meeting: day, text: text))]
        case .sharedAgency(let ref, let day, let present, _): SharedPrompt.answerAgency(text, ref: ref, meeting: day, present: present)
        case .sharedBy(let ref, let day, let agency): [.request(.recordSharedBy(ref: ref, meeting: day, agency: agency.code, text: text))]
        case .moveMeetingTo(let day, _): MeetingsScreen.answerMoveTo(text, from: day)
        case .correctedText(let id): [CorrectionPrompt.ask(.correctShared(entry: id, text: text))]
        case .reopenWhich:
            if let id = Int64(text.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["#"])) {
                [CorrectionPrompt.ask(.reopen(action: id))]
            } else {
                [.ask(.reopenWhich(problem: "an action number, e.g. 12"), initial: text)]
            }
        case .minutesFolder(let day): [.request(.writeMeetingDocuments(meeting: day, folder: text))]
        case .moveCase(let ref, let day, _): AgendaEditing.answerMove(text, ref: ref, from: day)
        case .lateCase(let day, _): AgendaEditing.answerLate(text, on: day)
        case .action(let prompts, let step, _): prompts.answer(step, text)
        case .research(let prompts, let step, _): prompts.answer(step, text)
        case .attendance(let day): ConfidentialityScreen.answerAttendance(text, on: day)
        case .completionNote(let id): [.request(.completeAction(id: id, note: text))]
        case .incompleteReason(let id): [.request(.recordActionIncomplete(id: id, reason: text))]
        case .newDueDate(let id, let today, _): DuePrompt.answer(text, action: id, today: today)
        case .correctionReason(let correction, _): CorrectionPrompt.answer(text, correction)
        case .newOwner(let id, _): ReassignPrompt.answerOwner(text, action: id)
        case .newAgency(let id, let owner, _): ReassignPrompt.answerAgency(text, action: id, owner: owner)
        case .agencyFilter, .agencyFilterAgain:
            // A code that cannot be one is asked again, as typed, before the list is filtered by it.
            if let typed = Optional(text.trimmingCharacters(in: .whitespaces)), !typed.isEmpty, (try? AgencyCode(validating: typed)) == nil {
                [.ask(.agencyFilterAgain(problem: "not an agency code: choose one from the list by name"), initial: text)]
            } else {
                ActionsScreen.answerFilter(text)
            }
        case .editReason(let edit, _): CorrectionReasonPrompt.answer(text, edit)
        case .keptAnswer: [.message("closed: the kept text was shown")]
        case .incident(let prompts, let step, _): prompts.answer(step, text)
        case .panelReason(let ref, _): PanelReferralPrompt.answer(text, ref: ref)
        case .formField(let column, _): [.fill(column: column, value: column == "criteria" ? text.split(separator: " ").joined(separator: "; ") : text)]
        case .confirmAgencies(let day): WeekFilePrompts.answerConfirm(text, on: day)
        case .researchListsFor(let day, _): WeekFilePrompts.answerResearchFor(text, on: day)
        case .filePath(let task, _): WeekFilePrompts.answerPath(text, task)
        case .transferOut(let prompts, let step, _): prompts.answer(step, text)
        case .transferDecision(let prompts, let step, _): prompts.answer(step, text)
        }
    }
}

/// A yes-or-no question, as a value saying what it decides.
public indirect enum Confirmation: Equatable, Sendable {
    case removeCase(ref: String, meeting: Day)
    case discardReferral
    /// Saving a checklist with questions not asked: `then` is the save.
    case saveWithQuestionsNotAsked(notAsked: Int, of: Int, score: Int, then: [Effect])
    /// An edit that would clear checklist answers given earlier: `then` is the save.
    case clearAnswers(count: Int, then: [Effect])
    /// Esc on a question with text typed: the question comes back as it was on no.
    case discardTyping(PromptState)

    public var text: String {
        switch self {
        case .removeCase(let ref, let day): "Take \(ref) off the agenda for \(day)? It waits, screened in, for another meeting (y/n)"
        case .discardReferral: "Discard this referral? (y/n)"
        case .saveWithQuestionsNotAsked(let notAsked, let count, let score, _):
            "\(notAsked) of \(Count.of(count, "question")) not asked (score \(score) counts Yes only). Save anyway? (y/n)"
        case .discardTyping: "Discard what you typed? (y/n)"
        case .clearAnswers(let count, _):
            "This clears \(count) checklist answer\(count == 1 ? "" : "s") given earlier. Save anyway? (y/n)"
        }
    }

    public func answer(_ yes: Bool) -> [Effect] {
        switch self {
        case .removeCase(let ref, let day): yes ? [.request(.removeCase(ref: ref, meeting: day))] : []
        case .discardReferral: yes ? [.pop] : []
        case .saveWithQuestionsNotAsked(_, _, _, let save):
            yes ? save : [.message("not saved: answer the rest with y n d, or ^S then y to save as it is")]
        case .clearAnswers(_, let save):
            yes ? save : [.message("not saved: the answers given earlier are kept (^T goes back to their version)")]
        case .discardTyping(let kept): yes ? [.message("cancelled")] : [.reprompt(kept)]
        }
    }
}
