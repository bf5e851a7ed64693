import Foundation
import Testing
@testable import MaracCore
@testable import MaracCases
@testable import MaracTUI

/// What a key asks for, compared by value: no database, no terminal. Each
/// test fails if a key asks for a different use case, case or meeting.
@Suite struct ScreenRequestTests {
    static let today = Day("2026-11-24")!, meeting = Day("2026-12-03")!

    static func triage(nextMeeting: Day? = meeting) throws -> TriageScreen {
        var triage = TriageScreen()
        triage.rows = [try Sample.summary("BR-1"), try Sample.summary("BR-2", band: .standard)]
        triage.nextMeeting = try nextMeeting.map(Sample.meeting)
        return triage
    }

    @Test func triageScreensInTheHighlightedReferralOnTheNextMeeting() throws {
        var triage = try Self.triage()
        #expect(triage.handle(key(of: TriageScreen.self, .accept)) == [.request(.screenIn(ref: "BR-1", meeting: Self.meeting))])
        #expect(triage.handle(key(of: TriageScreen.self, .down)) == [])
        #expect(triage.handle(key(of: TriageScreen.self, .accept)) == [.request(.screenIn(ref: "BR-2", meeting: Self.meeting))])
        #expect(triage.handle(key(of: TriageScreen.self, .acceptOn)) == [.ask(.listingMeeting(ref: "BR-2", problem: nil), initial: "2026-12-03")])
        #expect(triage.handle(key(of: TriageScreen.self, .open)) == [.push(.referral("BR-2"))])
        // An unknown key does nothing.
        #expect(triage.handle(.char("%")) == [])
    }

    @Test func triageWithNoMeetingPlannedAsksForNothing() throws {
        var triage = try Self.triage(nextMeeting: nil)
        #expect(triage.handle(key(of: TriageScreen.self, .accept)) == [.message("No meeting is planned to list BR-1 on: m, then c, adds one")])
    }

    @Test func decliningAsksWhyAndTheAnswerIsTheDeclineRequest() throws {
        var triage = try Self.triage()
        let asked = triage.handle(key(of: TriageScreen.self, .decline))
        #expect(asked == [.ask(.declineReason(ref: "BR-1", band: .high, problem: nil), initial: "")])
        let question = Question.declineReason(ref: "BR-1", band: .high, problem: nil)
        #expect(question.answer("  ") == [.ask(.declineReason(ref: "BR-1", band: .high, problem: "a reason is needed"), initial: "  ")])
        // A HIGH-risk case needs more than a word: asked again, the word kept.
        guard case .ask(.declineReason(ref: "BR-1", band: .high, problem: let problem?), initial: "duplicate")? = question.answer("duplicate").first else {
            Issue.record("a one-word reason for a HIGH-risk case was not asked again")
            return
        }
        #expect(problem.contains("needs a fuller reason"))
        #expect(question.answer("duplicate of BR-0, already listed") == [.request(.decline(ref: "BR-1", reason: "duplicate of BR-0, already listed"))])
    }

    @Test func breakGlassAsksForTheReferenceThenTheReasonThenOpensIt() throws {
        var triage = try Self.triage()
        #expect(triage.handle(key(of: TriageScreen.self, .breakGlass)) == [.ask(.breakGlassRef, initial: "")])
        #expect(Question.breakGlassRef.answer(" OTHER-1 ") == [.ask(.breakGlassReason(ref: "OTHER-1"), initial: "")])
        #expect(Question.breakGlassRef.answer(" ") == [.message("cancelled: no reference")])
        #expect(Question.breakGlassReason(ref: "OTHER-1").answer("victim in A&E") == [.push(.referral("OTHER-1", breakGlass: "victim in A&E"))])
        #expect(Question.breakGlassReason(ref: "OTHER-1").answer("") == [.message("cancelled: break-glass needs a reason")])
    }

    @Test func theReferralPageOffersScreeningOnlyForAReferralJustReceived() {
        var page = ReferralScreen(ref: "BR-7")
        page.status = .received
        page.band = .standard
        #expect(page.handle(key(of: ReferralScreen.self, .accept)) == [.request(.screenIn(ref: "BR-7", meeting: nil))])
        #expect(page.handle(key(of: ReferralScreen.self, .decline)) == [.ask(.declineReason(ref: "BR-7", band: .standard, problem: nil), initial: "")])
        #expect(page.handle(key(of: ReferralScreen.self, .edit)) == [.push(.editReferral("BR-7"))])
        page.status = .listed
        #expect(page.handle(key(of: ReferralScreen.self, .accept)) == [])
        #expect(page.handle(key(of: ReferralScreen.self, .decline)) == [])
    }

    static func agenda() throws -> AgendaScreen {
        var screen = AgendaScreen(day: Self.meeting, today: Self.today)
        screen.agenda = try Sample.agenda(Self.meeting, [try Sample.summary("BR-1", status: .listed), try Sample.summary("BR-2", status: .listed)])
        screen.agencies = ["police", "housing"]
        screen.ownAgency = "police"
        screen.nextPlanned = Day("2026-12-17")
        return screen
    }

    @Test func meetingModeHearsTheCaseInHandAndMovesOn() throws {
        var screen = try Self.agenda()
        #expect(screen.handle(key(of: AgendaScreen.self, .heard)) == [.request(.hear(ref: "BR-1", meeting: Self.meeting))])
        #expect(screen.handle(key(of: AgendaScreen.self, .heard)) == [.request(.hear(ref: "BR-2", meeting: Self.meeting))])
        #expect(screen.handle(key(of: AgendaScreen.self, .placeUp)) == [.request(.reorderCase(ref: "BR-2", meeting: Self.meeting, place: .up))])
        #expect(screen.handle(key(of: AgendaScreen.self, .remove)) == [.confirm(.removeCase(ref: "BR-2", meeting: Self.meeting))])
        #expect(Confirmation.removeCase(ref: "BR-2", meeting: Self.meeting).answer(true) == [.request(.removeCase(ref: "BR-2", meeting: Self.meeting))])
        #expect(Confirmation.removeCase(ref: "BR-2", meeting: Self.meeting).answer(false) == [])
        // Moving offers the next planned meeting; the answer is the move.
        #expect(screen.handle(key(of: AgendaScreen.self, .move)) == [.ask(.moveCase(ref: "BR-2", from: Self.meeting, problem: nil), initial: "2026-12-17")])
        let move = Question.moveCase(ref: "BR-2", from: Self.meeting, problem: nil)
        #expect(move.answer("2026-12-03") == [.ask(.moveCase(ref: "BR-2", from: Self.meeting, problem: "that is this meeting"), initial: "2026-12-03")])
        #expect(move.answer("2026-12-17") == [.request(.moveCase(ref: "BR-2", from: Self.meeting, to: Day("2026-12-17")!))])
        #expect(Question.lateCase(meeting: Self.meeting, problem: nil).answer(" R-3 ") == [.request(.addLateCase(ref: "R-3", meeting: Self.meeting))])
        #expect(screen.handle(key(of: AgendaScreen.self, .shared)) == [.ask(.shared(ref: "BR-2", meeting: Self.meeting), initial: "")])
        #expect(Question.shared(ref: "BR-2", meeting: Self.meeting).answer("Police: two call-outs")
                == [.request(.recordShared(ref: "BR-2", meeting: Self.meeting, text: "Police: two call-outs"))])
    }

    @Test func agreeingAnActionIsFourQuestionsAndOneRequest() throws {
        var screen = try Self.agenda()
        let first = ActionPrompts(ref: "BR-1", meeting: Self.meeting, today: Self.today, agencies: ["police", "housing"])
        #expect(screen.handle(key(of: AgendaScreen.self, .action)) == [.ask(.action(first, .agency, problem: nil), initial: "")])
        #expect(first.answer(.agency, "polise") == [.ask(.action(first, .agency, problem: "polise is not an agency here; e.g. police, idva, housing"), initial: "polise")])
        var owner = first
        owner.agency = "police"
        #expect(first.answer(.agency, "police") == [.ask(.action(owner, .owner, problem: nil), initial: "")])
        var due = owner
        due.owner = "DC Patel"
        #expect(owner.answer(.owner, "DC Patel") == [.ask(.action(due, .due, problem: nil), initial: "2026-12-08")])
        #expect(due.answer(.due, "2026-11-01") == [.ask(.action(due, .due, problem: "before today"), initial: "2026-11-01")])
        var what = due
        what.due = Day("2026-12-09")
        #expect(due.answer(.due, "2026-12-09") == [.ask(.action(what, .what, problem: nil), initial: "")])
        #expect(what.answer(.what, "Flag the address") == [.request(.addAction(ref: "BR-1", agency: "police", owner: "DC Patel", due: Day("2026-12-09")!,
                                                                                description: "Flag the address", meeting: Self.meeting))])
    }

    @Test func aResearchReturnOffersTheOwnAgencyAndEndsInOneRequest() throws {
        var screen = try Self.agenda()
        let start = ResearchPrompts(ref: "BR-1", meeting: Self.meeting)
        #expect(screen.handle(key(of: AgendaScreen.self, .research)) == [.ask(.research(start, .agency, problem: nil), initial: "police")])
        var known = start
        known.agency = "police"
        #expect(start.answer(.agency, "police") == [.ask(.research(known, .known, problem: nil), initial: "")])
        var summary = known
        summary.known = true
        #expect(known.answer(.known, "yes") == [.ask(.research(summary, .summary, problem: nil), initial: "")])
        #expect(summary.answer(.summary, " ") == [.ask(.research(summary, .summary, problem: "say what the agency holds"), initial: " ")])
        var risks = summary
        risks.summary = "Two call-outs"
        #expect(risks.answer(.risks, "DVPN served") == [.request(.recordResearch(meeting: Self.meeting, fields: [
            "referral_ref": "BR-1", "agency": "police", "known": "yes", "summary": "Two call-outs", "current_risks": "DVPN served",
        ]))])
    }

    @Test func theActionsListCompletesRecordsAndMovesTheHighlightedAction() throws {
        var screen = ActionsScreen(today: Self.today)
        screen.actions = [try Sample.action(7, ref: "BR-1", due: Day("2026-11-20")!)]
        #expect(screen.handle(key(of: ActionsScreen.self, .complete)) == [.ask(.completionNote(action: 7), initial: "")])
        #expect(Question.completionNote(action: 7).answer("Phoned") == [.request(.completeAction(id: 7, note: "Phoned"))])
        #expect(screen.handle(key(of: ActionsScreen.self, .incomplete)) == [.ask(.incompleteReason(action: 7), initial: "")])
        #expect(Question.incompleteReason(action: 7).answer("Moved away") == [.request(.recordActionIncomplete(id: 7, reason: "Moved away"))])
        #expect(screen.handle(key(of: ActionsScreen.self, .move)) == [.ask(.newDueDate(action: 7, today: Self.today, problem: nil), initial: "2026-11-20")])
        let due = Question.newDueDate(action: 7, today: Self.today, problem: nil)
        // Issue 20: the reason is asked next, and required (asked again with the text kept).
        let move = Correction.moveDue(action: 7, to: Day("2026-12-01")!)
        #expect(due.answer("2026-12-01") == [.ask(.correctionReason(move, problem: nil), initial: "")])
        #expect(Question.correctionReason(move, problem: nil).answer("waiting for the panel")
                == [.request(.correct(move, reason: "waiting for the panel"))])
        #expect(Question.correctionReason(move, problem: nil).answer("  ") == [.ask(.correctionReason(move, problem: "is required"), initial: "  ")])
        #expect(due.answer("1/12") == [.ask(.newDueDate(action: 7, today: Self.today, problem: "not a real date in the form YYYY-MM-DD"), initial: "1/12")])
        #expect(screen.handle(key(of: ActionsScreen.self, .read)) == [.push(.action(try Sample.action(7, ref: "BR-1", due: Day("2026-11-20")!)))])
        #expect(Question.agencyFilter.answer(" Housing ") == [.pop, .push(.actions(agency: "housing"))])
    }

    @Test func meetingsTheRegisterAndFiguresAskByValue() {
        var meetings = MeetingsScreen()
        #expect(meetings.handle(key(of: MeetingsScreen.self, .create)) == [.ask(.newMeetingDate, initial: "")])
        #expect(Question.newMeetingDate.answer("2026-12-10") == [.request(.createMeeting(Day("2026-12-10")!))])
        // Issue 22, defect 3: a wrong date is asked again with the text kept (main dropped it with a message).
        #expect(Question.newMeetingDate.answer("10/12") == [.ask(.newMeetingDateAgain(problem: "not a real date in the form YYYY-MM-DD, e.g. 2026-12-17"), initial: "10/12")])
        var register = ConfidentialityScreen(day: Self.meeting)
        register.attendance = ["police"]
        #expect(register.handle(key(of: ConfidentialityScreen.self, .sign)) == [.ask(.attendance(meeting: Self.meeting), initial: "police")])
        #expect(Question.attendance(meeting: Self.meeting).answer("Police IDVA")
                == [.request(.recordAttendance(meeting: Self.meeting, agencies: ["police", "idva"])), .pop])
        // The figures read a quarter only when asked: another quarter is a reload.
        var figures = FiguresScreen(today: Self.today)
        #expect(figures.handle(key(of: FiguresScreen.self, .previous)) == [.reload])
        #expect(figures.quarter == Quarter(containing: Self.today).adding(-1))
    }

    @Test func theFormSavesByRequestAndAsksFirstAboutQuestionsNotAsked() {
        var form = ReferralFormScreen(today: Self.today)
        form.values = ["referral_ref": "BR-9", "referred_on": "2026-11-20", "referring_agency": "police", "victim_name": "Ann", "consent": "unknown",
                       "ric_score": "15"]
        form.editor = LineEditor("BR-9")
        let columns = form.values
        #expect(form.handle(key(of: ReferralFormScreen.self, .save)) == [.request(.logReferral(columns)), .pop, .focus("BR-9")])
        // Three questions answered, twenty-one not asked: asked once, the save inside the question.
        form.values["ric_score"] = nil
        form.editor = LineEditor("BR-9")
        form.answers[0] = .yes
        form.answers[1] = .yes
        form.answers[2] = .no
        var expected = form.values
        expected["ric_answers"] = "YYN" + String(repeating: "-", count: 21)
        #expect(form.handle(key(of: ReferralFormScreen.self, .save))
                == [.confirm(.saveWithQuestionsNotAsked(notAsked: 21, of: 24, score: 2, then: [.request(.logReferral(expected)), .pop, .focus("BR-9")]))])
        // A problem keeps the form and asks for nothing.
        form.editor = LineEditor("")
        let refused = form.handle(key(of: ReferralFormScreen.self, .save))
        #expect(refused.count == 1)
        guard case .message? = refused.first else {
            Issue.record("a referral without a reference was not refused: \(refused)")
            return
        }
        #expect(form.problems["referral_ref"] == "is required")
        #expect(form.handle(key(of: ReferralFormScreen.self, .back)) == [.confirm(.discardReferral)])
        #expect(Confirmation.discardReferral.answer(true) == [.pop])
    }

    @Test func anEditSavesAgainstTheVersionItOpened() {
        var form = ReferralFormScreen(today: Self.today, draft: FormDraft(values: ["referral_ref": "BR-9", "referred_on": "2026-11-20",
                                                                                   "referring_agency": "police", "victim_name": "Ann",
                                                                                   "consent": "unknown", "ric_score": "15"],
                                                                          answers: "", editingVersion: 3))
        let columns = form.values
        let edit = CorrectionReasonPrompt.Edit(columns: columns, openedAtVersion: 3, replaceAnswers: false)
        #expect(form.handle(key(of: ReferralFormScreen.self, .save)) == [.ask(.editReason(edit, problem: nil), initial: "")])
        // The reason is required: blank asks again with what was typed; given, the save goes with it.
        #expect(Question.editReason(edit, problem: nil).answer("  ")
                == [.ask(.editReason(edit, problem: "give the reason for the change"), initial: "  ")])
        #expect(Question.editReason(edit, problem: nil).answer("date typed wrong")
                == [.request(.editReferral(columns, openedAtVersion: 3, reason: "date typed wrong", replaceAnswers: false)), .pop])
    }

    @Test func escOnTypedTextAsksAndNoPutsTheQuestionBack() {
        let kept = PromptState(editor: LineEditor("Flag the address"), initial: "", kind: .text(.completionNote(action: 7)))
        #expect(Confirmation.discardTyping(kept).answer(false) == [.reprompt(kept)])
        #expect(Confirmation.discardTyping(kept).answer(true) == [.message("cancelled")])
    }
}
