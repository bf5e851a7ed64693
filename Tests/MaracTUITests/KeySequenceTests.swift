import Foundation
import Testing
@testable import MaracCore
@testable import MaracCases
@testable import MaracStore
@testable import MaracTUI

/// State changes driven by keys, with no terminal: what the coordinator does.
@Suite struct KeySequenceTests {
    @Test func acceptingPutsTheCaseOnTheNextAgenda() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        let triage = try #require(app.top as? TriageScreen)
        let ref = try #require(triage.rows.first?.ref)
        let next = try #require(try fixture.session.nextMeeting())
        app.press(TriageScreen.self, .accept)
        #expect(app.message == "\(ref) screened in and listed for \(next.heldOn)")
        let agenda = try fixture.session.agenda(on: next.heldOn)
        #expect(agenda.cases.contains { $0.referral.ref == ref })
        #expect(try fixture.session.referral(ref).referral.status == .listed)
        // The queue no longer holds it.
        #expect(!(app.top as! TriageScreen).rows.contains { $0.ref == ref })
    }

    @Test func aListedCaseOffersNoScreeningKeysAndRefusesTheSameWayAsTheCommandLine() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        let ref = try #require((app.top as? TriageScreen)?.rows.first?.ref)
        app.press(TriageScreen.self, .accept)
        #expect(try fixture.session.referral(ref).referral.status == .listed)
        // Its page no longer offers accept or decline: the hints follow the status.
        app.press(.escape)
        let page = ReferralScreen(ref: ref)
        var screen = page
        try screen.reload(fixture.session, rows: 20)
        #expect(!screen.hints.contains("accept"))
        #expect(!screen.hints.contains("decline"))
        #expect(screen.handle(key(of: ReferralScreen.self, .accept)).isEmpty)
        #expect(try fixture.session.referral(ref).referral.status == .listed)
        // The use case refuses it with the same words the command line prints.
        let error = #expect(throws: CaseError.self) { try fixture.session.screenIn(ref) }
        #expect(App.describe(error!) == "error: \(ref) is listed; only a referral just received is screened")
    }

    @Test func acceptingWithNoMeetingPlannedChangesNothing() throws {
        let fixture = try TUIFixture(demo: false)
        _ = try fixture.session.logReferral(["referral_ref": "NM-1", "referred_on": "2026-11-20", "referring_agency": "police",
                                             "victim_name": "Someone", "ric_score": "15"])
        let app = fixture.app()
        app.press(TriageScreen.self, .accept)
        #expect(app.message == "No meeting is planned to list NM-1 on: m, then c, adds one")
        #expect(try fixture.session.referral("NM-1").referral.status == .received)
    }

    @Test func acceptingACaseSharedWithoutConsentNeedsItsReasonAndBasis() throws {
        let fixture = try TUIFixture(demo: false)
        try fixture.session.createMeeting(on: Day("2026-12-03")!)
        _ = try fixture.session.logReferral(["referral_ref": "NC-1", "referred_on": "2026-11-20", "referring_agency": "police",
                                             "victim_name": "Someone", "ric_score": "15", "consent": "not_given"])
        let app = fixture.app()
        app.press(TriageScreen.self, .accept)
        #expect(app.message?.contains("NC-1 was not screened in: consent is not given: record why the case is shared without it") == true,
                "\(app.message ?? "")")
        #expect(try fixture.session.referral("NC-1").referral.status == .received)
        // The referral page says what is missing.
        var page = ReferralScreen(ref: "NC-1")
        try page.reload(fixture.session, rows: 30)
        #expect(page.lines.contains { $0.0.contains("shared because: NOT RECORDED · lawful basis: NOT RECORDED") })
    }

    @Test func anIDVASeesOnlyTheirCasesAndBreaksGlassWithAReason() throws {
        let fixture = try TUIFixture(demo: false)
        _ = try fixture.session.logReferral(["referral_ref": "OTHER-1", "referred_on": "2026-11-20", "referring_agency": "police",
                                             "victim_name": "Olive Other", "ric_score": "15"])
        try fixture.session.addUser(login: "idva1", name: "An IDVA", roles: [.idva], agency: nil)
        let idva = Session(database: fixture.session.database, actor: Actor("idva1"), clock: fixture.session.clock)
        _ = try idva.logReferral(["referral_ref": "MINE-1", "referred_on": "2026-11-21", "referring_agency": "idva",
                                  "victim_name": "Mina Mine", "ric_score": "14"])
        let app = App(session: idva, width: 80, height: 24)
        // Her home is her cases (issue 22); her referrals waiting are one key away.
        #expect((app.top as? HomeCasesScreen)?.rows.map(\.ref) == ["MINE-1"])
        app.press(HomeCasesScreen.self, .triage)
        let triage = try #require(app.top as? TriageScreen)
        #expect(triage.rows.map(\.ref) == ["MINE-1"])
        #expect(!app.render().text.contains("OTHER-1") && !app.render().text.contains("Olive"))
        // Without a reason nothing opens.
        app.press(TriageScreen.self, .breakGlass)
        app.press(Key.parse("OTHER-1<Enter><Enter>"))
        #expect(app.message == "cancelled: break-glass needs a reason")
        #expect(app.top is TriageScreen)
        app.press(TriageScreen.self, .breakGlass)
        app.press(Key.parse("OTHER-1<Enter>victim in A&E<Enter>"))
        #expect(app.render().text.contains("Olive Other"))
        #expect(try fixture.session.breakGlassReads(limit: 5).items.first?.refs == ["OTHER-1"])
    }

    @Test func fourteenYesAnswersShowHigh() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        app.press(TriageScreen.self, .new)
        var form = try #require(app.top as? ReferralFormScreen)
        #expect(form.checklist == nil)
        app.press(ReferralFormScreen.self, .next, times: ReferralFormScreen.fields.count)
        app.press(Key.parse(String(repeating: "y", count: 13)))
        form = try #require(app.top as? ReferralFormScreen)
        #expect(form.checklist?.band == .medium)
        #expect(app.render().lines[1].contains("band medium"))
        app.press(.char("y"))
        form = try #require(app.top as? ReferralFormScreen)
        #expect(form.checklist?.score == 14)
        #expect(form.checklist?.band == .high)
        #expect(app.render().lines[1].contains("Score 14  band HIGH"))
        // Don't know never counts.
        app.press(Key.parse("ddd"))
        #expect((app.top as? ReferralFormScreen)?.checklist?.score == 14)
    }

    @Test func aNewReferralIsValidatedAtTheFieldAndSaved() throws {
        // A real database: a demo one refuses real referrals (BothFrontEndsTests).
        let fixture = try TUIFixture(demo: false)
        let app = fixture.app()
        app.press(TriageScreen.self, .new)
        app.press(ReferralFormScreen.self, .save)
        let form = try #require(app.top as? ReferralFormScreen)
        #expect(form.problems["referral_ref"] == "is required")
        #expect(form.problems["victim_name"] == "is required")
        #expect(app.render().text.contains("! is required"))
        app.press(Key.parse("TUI-1<Tab><Tab>police<Tab><Tab><Tab>Grace O'Neil"))
        app.press(ReferralFormScreen.self, .next, times: ReferralFormScreen.fields.count - 5)
        app.press(Key.parse(String(repeating: "y", count: 14) + String(repeating: "n", count: 10)))
        app.press(ReferralFormScreen.self, .save)
        #expect(app.top is TriageScreen)
        let saved = try fixture.session.referral("TUI-1")
        #expect(saved.referral.band == .high)
        #expect(saved.victim.name == "Grace O'Neil")
        #expect(saved.referral.createdBy == "coordinator")
        // It is highlighted in the queue.
        let triage = try #require(app.top as? TriageScreen)
        #expect(triage.rows[triage.cursor.selected].ref == "TUI-1")
    }

    @Test func leavingAnUnsavedFormAsksAndAFailedSaveKeepsEverything() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        app.press(TriageScreen.self, .new)
        app.press(Key.parse("DEMO-2024-00001<Tab><Tab>police<Tab><Tab><Tab>Someone"))
        app.press(ReferralFormScreen.self, .back)
        #expect(app.render().lines[22].contains("Discard this referral?"))
        app.press(.char("n"))
        #expect(app.top is ReferralFormScreen)
        // A reference that already exists: the save fails and the form stays with its text.
        app.press(ReferralFormScreen.self, .save)
        #expect(app.top is ReferralFormScreen)
        #expect(app.message?.hasPrefix("error:") == true)
        #expect((app.top as? ReferralFormScreen)?.values["victim_name"] == "Someone")
        app.press(ReferralFormScreen.self, .back)
        app.press(.char("y"))
        #expect(app.top is TriageScreen)
    }

    @Test func aDraftSurvivesADroppedConnection() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        app.press(TriageScreen.self, .new)
        app.press(Key.parse("DRAFT-1<Tab><Tab>idva"))
        app.keepDraft()
        let again = fixture.app()
        let form = try #require(again.top as? ReferralFormScreen)
        #expect(form.values["referral_ref"] == "DRAFT-1")
        #expect(form.values["referring_agency"] == "idva")
        #expect(again.message?.contains("kept") == true)
        again.press(ReferralFormScreen.self, .back)
        again.press(.char("y"))
        // Discarded on purpose: not offered again.
        #expect(fixture.app().top is TriageScreen)
    }

    @Test func declineAsksForAReason() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        let ref = try #require((app.top as? TriageScreen)?.rows.first?.ref)
        app.press(TriageScreen.self, .decline)
        app.press(.enter)
        // Issue 10: asked again, not dropped: the prompt stays open and says why.
        #expect(app.prompt?.question.contains("a reason is needed") == true)
        #expect(try fixture.session.referral(ref).referral.status == .received)
        app.press(Key.parse("Lives outside the borough<Enter>"))
        let declined = try fixture.session.referral(ref).referral
        #expect(declined.status == .declined)
        #expect(declined.declineReason == "Lives outside the borough")
    }

    @Test func actionsCompleteFromTheActionsScreen() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        app.press(TriageScreen.self, .actions)
        let screen = try #require(app.top as? ActionsScreen)
        let first = try #require(screen.actions.first)
        #expect(first.isOverdue(today: fixture.session.today))
        // Months overdue: escalated to the chair, said so (issue 22).
        #expect(app.render().lines[2].contains("ESCALATED"))
        app.press(ActionsScreen.self, .complete)
        app.press(Key.parse("Phoned the victim, plan in place<Enter>"))
        let after = try fixture.session.actions(.init(), limit: 5000).items.first { $0.id == first.id }
        #expect(after?.status == .done)
        #expect(after?.completionNote == "Phoned the victim, plan in place")
    }

    @Test func controlCharactersInNamesAreEscapedOnScreen() throws {
        let fixture = try TUIFixture(demo: false)
        // C0 controls are refused at the boundary (issue 8)...
        #expect(throws: ValidationFailure.self) {
            try ReferralInput.validate(["referral_ref": "ESC-1", "referred_on": "2026-11-20", "referring_agency": "police",
                                        "victim_name": "Evil\u{1B}[2JName"], today: fixture.session.today)
        }
        // ...but a name stored by an older version or another tool is still escaped on screen.
        let input = try ReferralInput.validate(["referral_ref": "ESC-1", "referred_on": "2026-11-20", "referring_agency": "police",
                                                "victim_name": "EvilName"], today: fixture.session.today)
        // Stored as an older build or another tool could have: the screen must escape it.
        try fixture.session.database.writer.write { db in
            _ = try ReferralWriter(actor: fixture.session.actor, clock: fixture.session.clock).add(db, input)
            try db.execute(sql: "UPDATE person SET name = ? WHERE name = 'EvilName'", arguments: ["Evil\u{1B}[2JName"])
        }
        let text = fixture.app().render().text
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("Evil\\e[2JN"))
    }

    @Test func wideCharactersTakeTwoCells() {
        var buffer = CellBuffer(width: 10, height: 1)
        buffer.put("李小龙abc", x: 0, y: 0)
        #expect(buffer.lines[0] == "李小龙abc")
        #expect(buffer[1, 0].text == "")
        var narrow = CellBuffer(width: 5, height: 1)
        narrow.put("李小龙", x: 0, y: 0)
        #expect(narrow.lines[0] == "李小…")
    }
}

@Suite struct EditConflictTests {
    @Test func anEditNeverOverwritesSomeoneElsesNewerChange() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        let ref = try #require((app.top as? TriageScreen)?.rows.first?.ref)
        app.press(TriageScreen.self, .open)
        app.press(ReferralScreen.self, .edit)
        let form = try #require(app.top as? ReferralFormScreen)
        #expect(form.title == "Edit referral \(ref)")
        #expect(form.values["referral_ref"] == ref)
        // Move to "Children" and type a new count.
        let children = try #require(ReferralFormScreen.fields.firstIndex { $0.column == "children_in_household" })
        app.press(ReferralFormScreen.self, .next, times: children)
        app.press(Key.parse("<C-u>4"))

        // Meanwhile another coordinator changes the same referral.
        let other = Actor("second-coordinator")
        let current = try fixture.session.referral(ref)
        var fields = ReferralFormScreen(editing: current, today: fixture.session.today).columns
        fields["children_in_household"] = "1"
        _ = try Session(database: fixture.session.database, actor: other, clock: fixture.session.clock)
            .editReferral(fields, openedAtVersion: current.referral.version, reason: "children recounted")

        app.press(ReferralFormScreen.self, .save)
        // A correction says why (issue 20).
        #expect(app.prompt?.question == "Reason for the change:")
        app.press(Key.parse("recounted<Enter>"))
        #expect(app.message?.contains("was changed by second-coordinator") == true)
        // Every text survives: ours in the form, the reason in its question again, theirs in the database.
        #expect(app.prompt?.editor.text == "recounted")
        #expect((app.top as? ReferralFormScreen)?.values["children_in_household"] == "4")
        #expect(try fixture.session.referral(ref).referral.childrenInHousehold == 1)

        // Reopened, the edit applies on top of their change.
        app.press(.escape)
        app.press(.char("y"))
        app.press(ReferralFormScreen.self, .back)
        app.press(.char("y"))
        app.press(ReferralScreen.self, .edit)
        app.press(ReferralFormScreen.self, .next, times: children)
        app.press(Key.parse("<C-u>4"))
        app.press(ReferralFormScreen.self, .save)
        app.press(Key.parse("recounted<Enter>"))
        #expect(app.message == "\(ref) saved; the change is in its history (H)")
        let saved = try fixture.session.referral(ref).referral
        #expect(saved.childrenInHousehold == 4)
        #expect(saved.updatedBy == "coordinator")
        #expect(saved.band == current.referral.band)
        #expect(saved.ricAnswers == current.referral.ricAnswers)
    }
}

@Suite struct MeetingModeTests {
    @Test func aCaseIsRunFromTheAgendaAndTheMinutesWritten() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        // The meeting of 8 November, its first case.
        app.press(TriageScreen.self, .meetings)
        let meetings = try #require(app.top as? MeetingsScreen)
        let index = try #require(meetings.meetings.firstIndex { $0.heldOn == Day("2026-11-08") })
        app.press(MeetingsScreen.self, .down, times: index)
        app.press(MeetingsScreen.self, .open)
        let agenda = try #require(app.top as? AgendaScreen)
        let ref = try #require(agenda.agenda?.cases.first?.referral.ref)
        // Who shared it first (issue 20), from the agencies present, then what.
        app.press(AgendaScreen.self, .shared)
        app.press(Key.parse("police<Enter>two call-outs since referral; housing: transfer offered<Enter>"))
        #expect(app.message?.hasPrefix("entry ") == true && app.message?.hasSuffix(" recorded for \(ref)") == true)
        app.press(AgendaScreen.self, .action)
        app.press(Key.parse("police<Enter>DC Patel<Enter><C-u>2026-12-01<Enter>Flag the address<Enter>"))
        #expect(app.message == "action agreed for \(ref)")
        let folder = fixture.folder.path
        app.press(AgendaScreen.self, .export)
        app.press(Key.parse("<C-u>\(folder)<Enter>"))
        // The files leave encrypted to the MARAC's own key, and the screen says so.
        #expect(app.message?.hasPrefix("encrypted to the MARAC key") == true)
        #expect(app.message?.contains("marac open") == true)
        func opened(_ name: String) throws -> String {
            let raw = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            #expect(raw.starts(with: Data("age-encryption.org/v1\n".utf8)))
            let mode = (try FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.posixPermissions] as? NSNumber)?.intValue
            #expect(mode == 0o600)
            return String(decoding: try fixture.session.openPack(raw, passphrase: nil), as: UTF8.self)
        }
        let minutes = try opened("marac-minutes-2026-11-08.md.age")
        #expect(minutes.contains("two call-outs since referral; housing: transfer offered"))
        #expect(minutes.contains("Police, DC Patel, due 2026-12-01: Flag the address"))
        // Names never travel in the minutes.
        let victim = try #require(agenda.agenda?.cases.first?.referral.victimName)
        #expect(!minutes.contains(victim))
        let log = try opened("marac-actions-2026-11-08.csv.age")
        #expect(log.contains("Flag the address"))
        #expect(try opened("marac-agenda-2026-11-08.md.age").contains(ref))
        #expect(!FileManager.default.fileExists(atPath: folder + "/marac-minutes-2026-11-08.md"))
        // Writing them again is a second pack leaving: logged again, not taken as already seen.
        let packs = { () throws -> Int in
            try fixture.session.accessToReferral(ref, limit: 50).items.filter { $0.reason == "sent to the MARAC's own key in a pack" }.count
        }
        #expect(try packs() == 1)
        app.press(AgendaScreen.self, .export)
        app.press(Key.parse("<C-u>\(folder)<Enter>"))
        #expect(try packs() == 2)
    }
}

@Suite struct MouseTests {
    @Test func aClickSelectsAndASecondClickOpens() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        let triage = try #require(app.top as? TriageScreen)
        let second = try #require(triage.rows.dropFirst().first?.ref)
        // Title bar, summary line and column headings sit above the first row (screen row 3).
        app.press(.click(row: 4, column: 10))
        #expect((app.top as? TriageScreen)?.cursor.selected == 1)
        app.press(.click(row: 4, column: 10))
        #expect((app.top as? ReferralScreen)?.ref == second)
        // The wheel scrolls the page it is over.
        app.press(ReferralScreen.self, .back)
        app.press(.mouseWheelDown)
        #expect((app.top as? TriageScreen)?.cursor.selected == 2)
    }
}

@Suite struct EditDraftTests {
    @Test func aDroppedEditComesBackAsTheSameEdit() throws {
        let fixture = try TUIFixture()
        let app = fixture.app()
        let ref = try #require((app.top as? TriageScreen)?.rows.first?.ref)
        app.press(TriageScreen.self, .open)
        app.press(ReferralScreen.self, .edit)
        app.press(Key.parse("<Tab>x"))
        #expect((app.top as? ReferralFormScreen)?.hasUnsavedChanges == true)
        app.keepDraft()
        let again = fixture.app()
        let form = try #require(again.top as? ReferralFormScreen)
        #expect(form.title == "Edit referral \(ref)")
        #expect(form.editingVersion == (try fixture.session.referral(ref).referral.version))
    }
}
