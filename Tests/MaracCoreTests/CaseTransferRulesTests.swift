import Foundation
import Testing
@testable import MaracCore

/// Issue 25: the transfer's states, questions and refusal rules, in Core.
@Suite struct CaseTransferRulesTests {
    let answers = TransferAnswers(move: .permanent, movedOn: Day("2026-11-22")!, heardOn: nil, agendaCirculated: false,
                                  idvaHandoverTo: nil, redoChecklist: true)

    func manifest(format: Int = TransferManifest.currentFormat) -> TransferManifest {
        TransferManifest(bundleID: "b-1", format: format, sendingMarac: "Bromley MARAC", receivingMarac: "Croydon MARAC", sentBy: "coord",
                         sentAt: "2026-11-24T10:00:00.000Z", contentSHA256: "abc", referrals: ["BR-2", "BR-1"], answers: answers)
    }

    @Test func aTransferGoesPendingThenAcceptedOrRejectedThenDone() throws {
        #expect(try TransferState.pending.transition(to: .accepted) == .accepted)
        #expect(try TransferState.pending.transition(to: .rejected) == .rejected)
        #expect(try TransferState.accepted.transition(to: .done) == .done)
        #expect(throws: FieldError.self) { try TransferState.pending.transition(to: .done) }
        #expect(throws: FieldError.self) { try TransferState.done.transition(to: .accepted) }
        #expect(TransferDecision.list.state == .accepted && TransferDecision.note.state == .accepted)
        #expect(TransferDecision.reject.state == .rejected)
    }

    @Test func eachFaultIsRefusedAndAGoodBundlePasses() {
        let good = manifest()
        #expect(TransferCheck.refusal(good, contentHash: "abc", carried: ["BR-2", "BR-1"], seenBefore: false, senderKnown: true) == nil)
        #expect(TransferCheck.refusal(good, contentHash: "abd", carried: ["BR-2"], seenBefore: false, senderKnown: true) == .altered)
        #expect(TransferCheck.refusal(good, contentHash: "abc", carried: ["BR-2", "BR-9"], seenBefore: false, senderKnown: true) == .unlistedCase)
        #expect(TransferCheck.refusal(good, contentHash: "abc", carried: [], seenBefore: false, senderKnown: true) == .unlistedCase)
        #expect(TransferCheck.refusal(good, contentHash: "abc", carried: ["BR-2"], seenBefore: true, senderKnown: true) == .replayed)
        #expect(TransferCheck.refusal(good, contentHash: "abc", carried: ["BR-2"], seenBefore: false, senderKnown: false) == .unknownSender)
        #expect(TransferCheck.refusal(manifest(format: 3), contentHash: "x", carried: [], seenBefore: true, senderKnown: false) == .newerFormat(3))
    }

    @Test func theFlowchartsQuestionsAreAllAnsweredAndNoValueIsRepeated() {
        #expect(throws: ValidationFailure.self) {
            try TransferAnswers.checked(move: "forever", movedOn: nil, heardOn: nil, agendaCirculated: "maybe", idvaHandoverTo: nil,
                                        redoChecklist: nil, today: Day("2026-11-24")!)
        }
        do {
            _ = try TransferAnswers.checked(move: "forever", movedOn: "2026-13-40", heardOn: "2027-01-01", agendaCirculated: "maybe",
                                            idvaHandoverTo: "A\u{7}B", redoChecklist: nil, today: Day("2026-11-24")!)
        } catch {
            #expect(Set(error.problems.map(\.field)) == ["move", "moved_on", "heard_on", "agenda_circulated", "redo_checklist", "idva_handover"])
            #expect(!error.description.contains("forever") && !error.description.contains("maybe"))
        }
        let checked = try? TransferAnswers.checked(move: "temporary", movedOn: "2026-11-22", heardOn: "", agendaCirculated: "yes",
                                                   idvaHandoverTo: "  ", redoChecklist: "no", today: Day("2026-11-24")!)
        #expect(checked?.heardOn == nil && checked?.idvaHandoverTo == nil && checked?.agendaCirculated == true)
        #expect(checked?.missing == ["IDVA handover not arranged"])
    }

    @Test func anAcknowledgementIsOverdueAfterTenDaysPending() {
        let sent = Day("2026-11-01")!
        #expect(!TransferCheck.isOverdue(state: .pending, sentOn: sent, today: Day("2026-11-11")!))
        #expect(TransferCheck.isOverdue(state: .pending, sentOn: sent, today: Day("2026-11-12")!))
        #expect(!TransferCheck.isOverdue(state: .done, sentOn: sent, today: Day("2026-12-12")!))
    }

    @Test func theContentNamesEveryCaseItCarries() {
        let content = TransferContent(referrals: [["referral_ref": "BR-2"]], items: [TransferItem(kind: "action", referral: "BR-7", fields: [:])])
        #expect(content.carried == ["BR-2", "BR-7"])
    }
}
