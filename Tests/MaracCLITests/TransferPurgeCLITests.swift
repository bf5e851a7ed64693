import Foundation
import Testing

/// Issue 25 (v20): a case taken in from another MARAC is purged like any
/// other once past retention, and nothing identifying stays in the history it
/// brought or in its transfer row; the history is otherwise still read-only.
@Suite struct TransferPurgeCLITests {
    @Test func aTransferredInCasePastRetentionLeavesNothingIdentifyingInAnyTransferTable() throws {
        let pair = try CaseTransferCLITests.pair()
        let bundle = try CaseTransferCLITests.sendOut(pair)
        let croydon = pair.croydon
        let taken = try croydon("transfer", "in", bundle)
        #expect(taken.status == 0, "\(taken.err)")
        let ack = croydon.folder.appendingPathComponent("ack.age").path
        let decided = try croydon("transfer", "decide", "BR-2", "note", "--reason", "Grace Okafor is safe with her sister", "--ack-out", ack)
        #expect(decided.status == 0, "\(decided.err)")
        // (BR-2's own children and police reference are on its referral here, purged as any referral's.)
        let identifying = ["Grace", "Okafor", "Mark Stone", "1990-02-03", "Two call-outs in October",
                           "Known since 2025", "Breach of bail", "Flag the address", "DC Lee", "Croydon IDVA service", "her sister"]
        let columns = "SELECT * FROM transfer_record; SELECT * FROM case_transfer;"
        let before = try CaseTransferCLITests.sqlite(croydon, columns)
        // The test can fail: before the purge the transfer tables hold every one of them.
        for text in identifying { #expect(before.contains(text), "\(text) was never in the transfer tables") }
        let rows = try CaseTransferCLITests.sqlite(croydon, "SELECT COUNT(*) FROM transfer_record")

        let later = "2030-01-10"
        #expect(try croydon("config", "set", "retention-months", "12", today: later).status == 0)
        let purged = try croydon("purge", "--format", "json", today: later)
        #expect(purged.status == 0, "\(purged.err)")
        #expect((try purged.json() as? [String: Any])?["victims"] as? Int == 1, "\(purged.out)")

        let after = try CaseTransferCLITests.sqlite(croydon, columns)
        for text in identifying { #expect(!after.contains(text), "\(text) survived the purge in a transfer table") }
        // The rows stay (the figures count transfers), each record's fields blanked.
        #expect(try CaseTransferCLITests.sqlite(croydon, "SELECT COUNT(*) FROM transfer_record") == rows)
        let kept = try CaseTransferCLITests.sqlite(croydon, "SELECT DISTINCT fields FROM transfer_record")
        #expect(kept.trimmingCharacters(in: .whitespacesAndNewlines) == #"{"purged":"[purged]"}"#)
        #expect(try CaseTransferCLITests.sqlite(croydon, "SELECT state, decision, reason FROM case_transfer")
            .trimmingCharacters(in: .whitespacesAndNewlines) == "done|note|[purged]")

        // Only purge's one value gets past the trigger: any ordinary change is still refused.
        for change in ["UPDATE transfer_record SET fields = '{}'", "UPDATE transfer_record SET fields = '{\"name\":\"Grace\"}'",
                       "UPDATE transfer_record SET kind = 'action'", "UPDATE transfer_record SET referral_ref = 'X-1'",
                       "DELETE FROM transfer_record"] {
            let refused = try PackCLITests.tool("/usr/bin/sqlite3", [croydon.db, change], in: croydon.folder)
            #expect(refused.status != 0, "\(change) was allowed")
            #expect(refused.err.contains("read-only"), "\(change): \(refused.err)")
        }
        #expect(try croydon("audit", "verify", today: later).status == 0)
    }
}
