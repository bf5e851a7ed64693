import Foundation
import Testing
@testable import MaracCases
@testable import MaracCore
@testable import MaracTUI

/// Issue 22, defects 4 and 5 and the help box's width: pickers for coded
/// values, help for the field or question in hand, on F1 everywhere.
@Suite(.serialized) struct PickerAndHelpTests {
    struct NoPicker: Error, CustomStringConvertible { var description: String }

    /// The picker open now; a test without one fails here, never returns early.
    static func picker(_ app: App, _ what: String) throws -> Picker {
        if case .pick(_, let picker)? = app.prompt?.kind { return picker }
        throw NoPicker(description: "no picker \(what)")
    }

    static let today = AgendaEditingTests.today

    /// Defect 5: an agency chosen by name; the code is what is stored.
    @Test func anAgencyIsChosenByNameAndItsCodeStored() throws {
        let fixture = try AgendaEditingTests.fixture()
        let app = fixture.app()
        app.perform([.ask(.attendance(meeting: Self.today), initial: "")])
        let picker = try Self.picker(app, "for the agencies present")
        #expect(picker.options.contains { $0.name == "Children's social care" })
        // Typing part of the name filters; space marks; Enter signs.
        app.press(Key.parse("childr <C-u>pol <Enter>"))
        #expect(app.prompt == nil)
        #expect(try fixture.session.agenda(on: Self.today).attendance.sorted() == ["childrens_social_care", "police"])
        // Asked again, those present come first, marked.
        app.perform([.ask(.attendance(meeting: Self.today), initial: "childrens_social_care police")])
        let again = try Self.picker(app, "asked again")
        #expect(again.options.prefix(2).allSatisfy { $0.note == "present" })
        #expect(again.chosen == ["childrens_social_care", "police"])
    }

    /// A code typed by heart still works, as it did: nothing matches it as a name, Enter uses it.
    @Test func aCodeTypedByHeartStillWorks() throws {
        let fixture = try AgendaEditingTests.fixture()
        let app = fixture.app()
        app.perform([.ask(.attendance(meeting: Self.today), initial: "")])
        app.press(Key.parse("police idva<Enter>"))
        #expect(try fixture.session.agenda(on: Self.today).attendance.sorted() == ["idva", "police"])
    }

    /// Defect 5 in the form: F4 on a coded field chooses by name (consent: "not sought").
    @Test func theFormsCodedFieldsAreChosenByName() throws {
        let fixture = try AgendaEditingTests.fixture()
        let app = fixture.app()
        app.press(TriageScreen.self, .new)
        let form = try #require(app.top as? ReferralFormScreen)
        let consent = try #require(ReferralFormScreen.fields.firstIndex { $0.column == "consent" })
        app.press(ReferralFormScreen.self, .next, times: consent)
        app.press(.function(4))
        let picker = try Self.picker(app, "on consent")
        #expect(picker.options.map(\.name).contains("not sought"))
        app.press(Key.parse("not so<Enter>"))
        #expect((app.top as? ReferralFormScreen)?.values["consent"] == "not_sought")
        _ = form
        // The referring agency by name.
        app.press(ReferralFormScreen.self, .previous, times: consent - 2)
        app.press(.function(4))
        app.press(Key.parse("children<Enter>"))
        #expect((app.top as? ReferralFormScreen)?.values["referring_agency"] == "childrens_social_care")
    }

    /// Defect 4: in a text field `?` and `/` are typed, F1 opens the field's help with its format; the footer says so.
    @Test func inATextFieldF1IsHelpAndQuestionMarkIsTyped() throws {
        let fixture = try AgendaEditingTests.fixture()
        let app = fixture.app()
        app.press(TriageScreen.self, .new)
        app.press(Key.parse("BR?/1"))
        #expect((app.top as? ReferralFormScreen)?.values["referral_ref"] == "BR?/1")
        #expect(!app.showingHelp)
        #expect(app.render().lines[23].contains("F1 help"))
        #expect(app.render().lines[23].contains("F1 help (? / typed)"))
        let children = try #require(ReferralFormScreen.fields.firstIndex { $0.column == "children" })
        app.press(ReferralFormScreen.self, .next, times: children)
        app.press(.function(1))
        #expect(app.showingHelp)
        let help = app.render().text
        #expect(help.contains("name|YYYY-MM-DD|lives with"))
        app.press(.char("x"))
        #expect(!app.showingHelp)
        // The key that closed help is not typed.
        #expect((app.top as? ReferralFormScreen)?.values["children"] == nil)
    }

    /// F1 on a question: its format; the typing is kept.
    @Test func f1OnAQuestionSaysItsFormatAndKeepsTheTyping() throws {
        let fixture = try AgendaEditingTests.fixture()
        let app = fixture.app()
        app.press(TriageScreen.self, .meetings)
        app.press(MeetingsScreen.self, .create)
        app.press(Key.parse("2026-1"))
        app.press(.function(1))
        #expect(app.render().text.contains("YYYY-MM-DD: year, month, day"))
        app.press(.char("z"))
        #expect(app.prompt?.editor.text == "2026-1")
    }

    /// The help box's width follows the window (it was fixed at 72), and long help wraps whole.
    @Test(arguments: [80, 120, 200])
    func theHelpBoxTakesTheWindowsWidth(width: Int) throws {
        let fixture = try TUIFixture()
        let app = fixture.app(width: width, height: 40)
        app.press(TriageScreen.self, .new)
        app.press(.function(1))
        let shown = app.render()
        let top = shown.lines[1]
        let box = top.drop { $0 != "┌" }.prefix { $0 != "┐" }.count + 1
        #expect(box > 72, "help box \(box) wide at \(width) columns")
        #expect(box <= width - 4)
        // The longest help line (the checklist's version) is there whole, wrapped if need be.
        let text = shown.lines.map { $0.replacingOccurrences(of: "│", with: " ") }.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("answers given are kept for going"))
    }

    /// One helper for counted nouns.
    @Test func countedNounsAreSingularForOne() {
        #expect(Count.of(1, "case") == "1 case")
        #expect(Count.of(2, "case") == "2 cases")
        #expect(Count.of(1, "repeat") == "1 repeat")
        #expect(Count.of(0, "agency", plural: "agencies") == "0 agencies")
    }

    /// Snapshots at 80×24: a picker, help on a field, a message wrapped.
    static let shots: [(name: String, setUp: @Sendable (App) -> Void)] = [
        ("picker-agencies", { $0.perform([.ask(.attendance(meeting: PickerAndHelpTests.today), initial: "police")]) }),
        ("picker-filtered", { app in app.perform([.ask(.agencyFilter, initial: "")]); app.press(Key.parse("soc")) }),
        ("help-form-field", { app in
            app.press(TriageScreen.self, .new)
            app.press(ReferralFormScreen.self, .next, times: ReferralFormScreen.fields.firstIndex { $0.column == "children" } ?? 0)
            app.press(.function(1)) }),
        ("message-wrapped", { $0.perform([.message("error: victim_gender: the value is not allowed; use one of female male other unknown; lawful_basis: R-1 was not screened in: consent is not sought: record the lawful basis for sharing without it (open the case (Enter), e to edit, then on Sharing reason and on Lawful basis press F4 to choose by name)")]) }),
        ("prompt-asked-again", { app in app.perform([.ask(.newMeetingDate, initial: "")]); app.press(Key.parse("17/12/2026<Enter>")) }),
        // Issue 22, defect 6: the week's pickers and path prompts.
        ("picker-confirm-agencies", { $0.perform([.ask(.confirmAgencies(meeting: PickerAndHelpTests.today), initial: "")]) }),
        ("picker-research-lists", { $0.perform([.ask(.researchListsFor(meeting: PickerAndHelpTests.today, problem: nil), initial: "")]) }),
        ("prompt-chase-folder", { $0.perform([FileTask.chaseLists(agency: nil, today: PickerAndHelpTests.today).ask]) }),
        ("meetings-week-keys-help", { app in app.press(TriageScreen.self, .meetings); app.press(App.self, .help) }),
    ]

    @Test(arguments: shots.map(\.name))
    func snapshot(name: String) throws {
        let fixture = try AgendaEditingTests.fixture()
        let app = fixture.app()
        Self.shots.first { $0.name == name }?.setUp(app)
        try Snapshot.check(app.render(), name + "-80x24")
    }

    /// Random keys at sizes 1×1 to 300×100 over every picker: never a crash, never a line too wide.
    @Test(arguments: 0..<6)
    func randomKeysOnPickers(seed: Int) throws {
        let fixture = try AgendaEditingTests.fixture()
        var random = RandomKeysTests.Random(state: UInt64(seed) &* 104_729 &+ 3)
        let app = fixture.app(width: Int.random(in: 1...300, using: &random), height: Int.random(in: 1...100, using: &random))
        let questions: [Question] = [.attendance(meeting: Self.today), .agencyFilter, .listingMeeting(ref: "R-3", problem: nil),
                                     .newAgency(action: 1, owner: "Sam", problem: nil), .formField(column: "consent", label: "Consent"),
                                     .formField(column: "criteria", label: "Criteria"), .formField(column: "lawful_basis", label: "Lawful basis"),
                                     // Issue 22: the week's pickers and path prompts.
                                     .confirmAgencies(meeting: Self.today), .researchListsFor(meeting: Self.today, problem: nil),
                                     .filePath(.chaseLists(agency: nil, today: Self.today), problem: nil)]
        for step in 0..<400 {
            if step % 40 == 0 {
                app.size = (Int.random(in: 1...300, using: &random), Int.random(in: 1...100, using: &random))
                app.press(.resize)
            }
            if app.prompt == nil { app.perform([.ask(questions.randomElement(using: &random)!, initial: "")]) }
            var key = RandomKeysTests.randomKey(&random)
            while app.stack.count == 1 && app.prompt == nil && (key == .char("q") || key == .escape) { key = RandomKeysTests.randomKey(&random) }
            app.press(key)
            let screen = app.render()
            #expect(screen.lines.count == app.size.height)
            #expect(screen.lines.allSatisfy { DisplayWidth.of($0) <= max(1, app.size.width) })
            try #require(!app.finished, "quit at step \(step)")
        }
    }
}
