import Foundation
import Testing
@testable import MaracCases
@testable import MaracCore
@testable import MaracTUI
@testable import marac

/// Issue 25: the coordinator sends a case to another MARAC from the referral
/// page: `T` asks the flowchart's questions through the one answer path and
/// calls the same use case as `marac transfer out`, the file owner-only.
@Suite(.serialized) struct TransferOutTUITests {
    /// Bromley (real database, named, Croydon known as a peer) with BR-2 logged with consent, and Croydon.
    static func pair() throws -> (bromley: TUIFixture, croydon: TUIFixture) {
        let bromley = try TUIFixture(demo: false), croydon = try TUIFixture(demo: false)
        try bromley.session.changeTextSetting(Settings.maracName, to: "Bromley MARAC")
        try croydon.session.changeTextSetting(Settings.maracName, to: "Croydon MARAC")
        try bromley.session.addMaracPeer(name: "Croydon MARAC", key: try croydon.session.maracPublicKey(),
                                         signingKey: try croydon.session.maracSigningPublicKey())
        try croydon.session.addMaracPeer(name: "Bromley MARAC", key: try bromley.session.maracPublicKey(),
                                         signingKey: try bromley.session.maracSigningPublicKey())
        _ = try bromley.session.logReferral(["referral_ref": "BR-2", "referred_on": "2026-11-20", "referring_agency": "police",
                                             "victim_name": "Zoltana Transferova", "victim_dob": "1991-04-05", "ric_score": "3",
                                             "consent": "given"])
        return (bromley, croydon)
    }

    /// Every question answered on screen, the file at `path`.
    static func send(_ app: App, _ path: String) {
        app.press(ReferralScreen.self, .transferOut)
        app.press(Key.parse("Croydon<Enter>permanent<Enter><Enter><Enter>no<Enter>Sam Idva<Enter>yes<Enter>"))
        app.press(Key.parse("<C-u>" + path + "<Enter>"))
    }

    @Test func theFirstQuestionIsTheReceivingMaracByName() throws {
        let (bromley, _) = try Self.pair()
        let app = App(session: bromley.session, width: 80, height: 24, files: UIWeekFiles())
        app.perform([.push(.referral("BR-2"))])
        app.press(ReferralScreen.self, .transferOut)
        try Snapshot.check(app.render(), "transfer-out-peer-80x24")
    }

    @Test func theWholeSequenceWritesTheBundleOwnerOnlyAsTheCommandWould() throws {
        let (bromley, croydon) = try Self.pair()
        let app = App(session: bromley.session, width: 80, height: 24, files: UIWeekFiles())
        app.perform([.push(.referral("BR-2"))])
        let path = bromley.folder.appendingPathComponent("transfer-BR-2.age").path
        Self.send(app, path)
        #expect(app.prompt == nil, "\(app.prompt?.question ?? "")")
        #expect(app.message?.hasPrefix("transfer ") == true && app.message?.contains("pending until acknowledged") == true, "\(app.message ?? "")")
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try WeekFromTheUITests.mode(path) == 0o600)
        let sent = try bromley.session.transfers()
        #expect(sent.count == 1 && sent.first?.direction == .out && sent.first?.peer == "Croydon MARAC")
        let answers = try #require(sent.first?.answers)
        #expect(answers.move == .permanent && answers.heardOn == nil && !answers.agendaCirculated
                && answers.idvaHandoverTo == "Sam Idva" && answers.redoChecklist)
        // The receiving MARAC opens it with its own key.
        let receipt = try croydon.session.transferIn(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(receipt.ref == "BR-2")

        // A second identical transfer: refused only as `marac transfer out` would refuse it (it is not),
        // so written again as a new pending transfer, as the command's use case writes one.
        let again = bromley.folder.appendingPathComponent("again.age").path
        Self.send(app, again)
        #expect(app.message?.contains("pending until acknowledged") == true, "\(app.message ?? "")")
        try bromley.session.transferOut("BR-2", to: "Croydon MARAC", recipient: try croydon.session.maracPublicKey(), answers: answers) { _ in }
        #expect(try bromley.session.transfers().count == 3)
        #expect(try WeekFromTheUITests.mode(again) == 0o600)
    }

    @Test func aWrongAnswerIsAskedAgainAndConsentMissingIsRefusedWhole() throws {
        let (bromley, _) = try Self.pair()
        _ = try bromley.session.logReferral(["referral_ref": "BR-3", "referred_on": "2026-11-20", "referring_agency": "police",
                                             "victim_name": "Ulla Noconsent", "victim_dob": "1990-02-03", "ric_score": "3",
                                             "consent": "not_given"])
        let app = App(session: bromley.session, width: 80, height: 24, files: UIWeekFiles())
        app.perform([.push(.referral("BR-3"))])
        app.press(ReferralScreen.self, .transferOut)
        app.press(Key.parse("Croydon<Enter>permanent<Enter><C-u>2026-13-01<Enter>"))
        #expect(app.prompt?.editor.text == "2026-13-01")
        #expect(app.prompt?.question.contains("not a real date") == true)
        app.press(Key.parse("<C-u>2026-11-22<Enter><Enter>no<Enter><Enter>no<Enter>"))
        let path = bromley.folder.appendingPathComponent("refused.age").path
        app.press(Key.parse("<C-u>" + path + "<Enter>"))
        #expect(app.message?.contains("BR-3 was not sent") == true, "\(app.message ?? "")")
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try bromley.session.transfers().isEmpty)
    }

    /// The key is the coordinator's: another role's referral page has none.
    @Test func onlyThoseThePolicyLetsSendSeeTheKey() throws {
        var screen = ReferralScreen(ref: "BR-2")
        screen.mayTransfer = false
        #expect(!screen.keymap.helpLines.contains { $0.help.contains("another MARAC") })
        #expect(screen.handle(.char("T")).isEmpty)
        screen.mayTransfer = true
        screen.today = Day("2026-11-25")
        #expect(screen.keymap.helpLines.contains { $0.help.contains("another MARAC") })
        #expect(screen.handle(.char("T")) == [TransferPrompts(ref: "BR-2", today: Day("2026-11-25")!).ask])
    }

    /// In triage, `t` on the case taken in: list or note, with a reason; the
    /// acknowledgement written owner-only; the case leaves the queue's top.
    @Test func theDecideKeyNotesACaseTakenInWithAReason() throws {
        let (bromley, croydon) = try Self.pair()
        var bundle = Data()
        let answers = TransferAnswers(move: .permanent, movedOn: Day("2026-11-22")!, heardOn: nil, agendaCirculated: false,
                                      idvaHandoverTo: nil, redoChecklist: true)
        try bromley.session.transferOut("BR-2", to: "Croydon MARAC", recipient: try croydon.session.maracPublicKey(), answers: answers) {
            bundle = $0
        }
        _ = try croydon.session.transferIn(bundle)
        let app = App(session: croydon.session, width: 80, height: 24, files: UIWeekFiles())
        app.press(TriageScreen.self, .decideTransfer)
        #expect(app.prompt?.question.contains("transferred from Bromley MARAC") == true, "\(app.prompt?.question ?? "")")
        app.press(Key.parse("maybe<Enter>"))
        #expect(app.prompt?.editor.text == "maybe" && app.prompt?.question.contains("— list or note:") == true, "\(app.prompt?.question ?? "")")
        let path = croydon.folder.appendingPathComponent("ack.age").path
        app.press(Key.parse("<C-u>note<Enter>Known here already<Enter><C-u>" + path + "<Enter>"))
        #expect(app.message == "BR-2: note; acknowledgement written to \(path) for the sending MARAC (readable by you only)", "\(app.message ?? "")")
        #expect(try WeekFromTheUITests.mode(path) == 0o600)
        #expect(try croydon.session.transfers().first?.decision == .note)
        #expect(!app.render().text.contains("transfer in:"))
        // The sending MARAC reads the acknowledgement the UI wrote, as `marac transfer ack` would.
        let read = try bromley.session.acknowledgeTransfer(try Data(contentsOf: URL(fileURLWithPath: path)), actions: .keep)
        #expect(read.decision == .note)
    }
}
