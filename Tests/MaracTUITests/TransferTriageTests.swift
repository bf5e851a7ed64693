import Foundation
import Testing
@testable import MaracCases
@testable import MaracCore
@testable import MaracTUI

/// Issue 25: a case taken in from another MARAC waits at the top of the
/// triage queue, labelled with where it came from, until the coordinator decides.
@Suite struct TransferTriageTests {
    @Test func aCaseTakenInIsLabelledAtTheTopOfTriageUntilDecided() throws {
        // Real databases: a demo one takes no real referral (nor a transfer).
        let (bromley, croydon) = try TransferOutTUITests.pair()
        let answers = TransferAnswers(move: .permanent, movedOn: Day("2026-11-22")!, heardOn: nil, agendaCirculated: false,
                                      idvaHandoverTo: nil, redoChecklist: true)
        // Croydon's own HIGH-risk case, which the transfer must still come above.
        _ = try croydon.session.logReferral(["referral_ref": "CR-1", "referred_on": "2026-11-10", "referring_agency": "police",
                                             "victim_name": "Ysolde Highrisk", "victim_dob": "1985-01-02", "ric_score": "20",
                                             "consent": "given"])
        var bundle = Data()
        try bromley.session.transferOut("BR-2", to: "Croydon MARAC", recipient: try croydon.session.maracPublicKey(), answers: answers) {
            bundle = $0
        }
        let before = croydon.app(width: 160, height: 30)
        #expect(!before.render().text.contains("transfer in:"))
        _ = try croydon.session.transferIn(bundle)

        let app = croydon.app(width: 160, height: 30)
        let lines = app.render().text.split(separator: "\n").map(String.init)
        // The first case of the queue (a standard-risk score of 3, yet above every HIGH one) is the transfer, labelled.
        let header = try #require(lines.firstIndex { $0.hasPrefix("ref ") || $0.contains(" ref  ") || $0.contains("received") && $0.contains("band") })
        #expect(lines[header + 1].contains("BR-2"), "\(lines)")
        #expect(lines[header + 1].contains("transfer in: from Bromley MARAC"), "\(lines[header + 1])")

        // Decided (noted without a hearing): it leaves the queue, and the label with it.
        try croydon.session.decideTransfer("BR-2", .note, reason: "Known here already") { _ in }
        #expect(!croydon.app(width: 160, height: 30).render().text.contains("transfer in:"))
    }
}
