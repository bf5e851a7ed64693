import Foundation
import Testing
@testable import MaracCases
@testable import MaracCore
@testable import MaracTUI

/// The front ends decide nothing, so the same action through the command line
/// and through the terminal UI gets the same answer from the use-case layer.
@Suite struct BothFrontEndsTests {
    /// Issue 19: the form saved a real referral into a demo database, which
    /// the command line refused. The rule is now the use case's own.
    @Test func aRealReferralIsRefusedInADemoDatabaseThroughBoth() throws {
        let fixture = try TUIFixture(demo: true)
        let app = fixture.app(width: 200)
        app.press(TriageScreen.self, .new)
        app.press(Key.parse("REAL-1<Tab><Tab>police<Tab><Tab><Tab>Grace O'Neil"))
        app.press(ReferralFormScreen.self, .next, times: ReferralFormScreen.fields.count - 5)
        app.press(Key.parse(String(repeating: "y", count: 14) + String(repeating: "n", count: 10)))
        app.press(ReferralFormScreen.self, .save)
        // Refused: the form stays open with what was typed, and nothing was written.
        let form = try #require(app.top as? ReferralFormScreen)
        #expect(form.draft.values["victim_name"] == "Grace O'Neil")
        let shown = try #require(app.message)
        #expect(shown.contains("is a DEMO database (synthetic people only); real referrals cannot be added to it"))
        #expect(throws: CaseError.self) { try fixture.session.referral("REAL-1") }

        // The command line, on the same database: the same refusal, exit 77.
        let cli = try TerminalEndToEndTests.Session.run(
            TerminalEndToEndTests.binary,
            ["--db", fixture.session.databasePath, "referral", "add", "--plain", "--ref", "REAL-2", "--agency", "police",
             "--victim-name", "Grace O'Neil", "--ric-answers", String(repeating: "Y", count: 14) + String(repeating: "N", count: 10)],
            environment: ["MARAC_TODAY": "2026-11-24"])
        #expect(cli.0 == 77)
        #expect(cli.2.contains("is a DEMO database (synthetic people only); real referrals cannot be added to it"))
        #expect(throws: CaseError.self) { try fixture.session.referral("REAL-2") }
    }

    /// Issue 19: the referral page listed fields by hand and missed the police
    /// reference; every plain field of the field table now shows by its label.
    @Test func theReferralPageShowsEveryPlainFieldOfTheFieldTable() throws {
        let fixture = try TUIFixture(demo: false)
        var fields = SearchScreenTests.fields("PLAIN-1", on: "2026-11-20", ["victim_name": "Ewa Nowak"])
        let shownElsewhere = Set(SafetyFlags.columns + ["keyworker"])
        for field in ReferralField.plain where !shownElsewhere.contains(field.column) {
            if case .code(let codes) = field.kind { fields[field.column] = codes[0] } else if case .codes(let codes) = field.kind {
                fields[field.column] = codes[0]
            } else if case .day = field.kind {
                fields[field.column] = "2026-11-01"
            } else { fields[field.column] = "V-\(field.column)" }
        }
        // The DARA fields go with the DARA instrument and no DASH checklist (issue 23): a grade on a DASH referral is refused.
        fields[RiskInstrument.column] = RiskInstrument.dara.rawValue
        fields["ric_answers"] = nil
        fields["ric_score"] = nil
        _ = try fixture.session.logReferral(fields)
        let app = fixture.app(width: 120, height: 40)
        app.press(TriageScreen.self, .open)
        let screen = app.render().text
        #expect(screen.contains("Police reference: V-police_reference"))
        for field in ReferralField.plain where !shownElsewhere.contains(field.column) {
            #expect(screen.contains("\(field.label): \(fields[field.column]!)"), "\(field.column) is not on the referral page")
        }
    }
}
