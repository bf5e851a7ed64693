import Foundation
import Testing

/// Issue 25: age does not say who wrote a file, so a transfer is taken only
/// when signed by the signing key recorded for the MARAC it names; the same
/// for the acknowledgement coming back. Two (and more) real database files,
/// the real binary, the real `age` to open and reseal files.
@Suite struct TransferSigningCLITests {
    typealias T = CaseTransferCLITests

    /// Refused with one line containing `expected`, the database unchanged but for the attempt on the audit trail.
    static func refused(_ marac: MaracRun, _ arguments: [String], _ expected: String, audit action: String, _ what: String) throws {
        let before = try T.contents(marac)
        let audited = try T.sqlite(marac, "SELECT COUNT(*) FROM audit WHERE action = '\(action)'")
        let result = try marac.run(["--db", marac.db] + arguments)
        #expect(result.status == 65, "\(what): \(result.err)")
        #expect(result.errorLines.count == 1, "\(what): \(result.err)")
        #expect(result.errorLines.first?.contains(expected) == true, "\(what): \(result.err)")
        #expect(try T.contents(marac) == before, "\(what) changed the database")
        let after = try T.sqlite(marac, "SELECT COUNT(*) FROM audit WHERE action = '\(action)'")
        #expect(Int(after.trimmingCharacters(in: .whitespacesAndNewlines)) == Int(audited.trimmingCharacters(in: .whitespacesAndNewlines))! + 1,
                "\(what): the attempt is not in the audit trail")
    }

    /// A third MARAC that sends Grace's case to Croydon under `name`.
    static func impostor(_ pair: T.Pair, named name: String) throws -> (marac: MaracRun, bundle: String) {
        let other = try MaracRun()
        #expect(try other("config", "set", "marac-name", name).status == 0)
        #expect(try other("transfer", "peer", "add", "Croydon MARAC", "--key", pair.croydonKey).status == 0)
        let added = try other("referral", "add", "--plain", "--ref", "BR-2", "--agency", "police", "--victim-name", "Grace Okafor",
                              "--victim-dob", "1990-02-03", "--ric-score", "20", "--referred-on", "2026-10-01", "--consent", "given")
        #expect(added.status == 0, "\(added.err)")
        let out = other.folder.appendingPathComponent("forged.age").path
        let sent = try other("transfer", "out", "BR-2", "--to", "Croydon MARAC", "--recipient", pair.croydonKey, "--out", out,
                             "--move", "permanent", "--moved-on", "2026-11-22", "--agenda-circulated", "no", "--redo-checklist", "no")
        #expect(sent.status == 0, "\(sent.err)")
        return (other, out)
    }

    @Test func aBundleIsTakenOnlyWhenSignedByTheKeyRecordedForItsSender() throws {
        let pair = try T.pair()
        let bundle = try T.sendOut(pair)
        let plain = try T.plainBundle(pair, bundle)
        #expect((plain["signature"] as? String).flatMap { Data(base64Encoded: $0) }?.count == 64)

        // Forged sender: another MARAC calling itself Bromley, with its own keys.
        let forged = try Self.impostor(pair, named: "Bromley MARAC")
        try Self.refused(pair.croydon, ["transfer", "in", forged.bundle], "signature is not the sending MARAC's recorded signing key's",
                         audit: "transfer_in_refused", "forged sender")
        // Unknown peer: a MARAC Croydon has never recorded.
        let stranger = try Self.impostor(pair, named: "Sutton MARAC")
        try Self.refused(pair.croydon, ["transfer", "in", stranger.bundle], "not on this MARAC's list of known MARACs",
                         audit: "transfer_in_refused", "unknown peer")
        // A known peer whose signing key was never recorded.
        let suttonKey = try stranger.marac("key", "show").out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try pair.croydon("transfer", "peer", "add", "Sutton MARAC", "--key", suttonKey).status == 0)
        try Self.refused(pair.croydon, ["transfer", "in", stranger.bundle], "no signing key is recorded for the sending MARAC",
                         audit: "transfer_in_refused", "no signing key recorded")

        // Tampered signature: one byte of it changed, the file resealed with the real age.
        var tampered = plain
        var bytes = try #require((plain["signature"] as? String).flatMap { Data(base64Encoded: $0) })
        bytes[10] ^= 0x01
        tampered["signature"] = bytes.base64EncodedString()
        try Self.refused(pair.croydon, ["transfer", "in", try T.encrypt(pair, tampered, to: pair.croydonKey, name: "tampered.age")],
                         "signature is not the sending MARAC's", audit: "transfer_in_refused", "tampered signature")
        // The manifest changed under a good signature (another receiving MARAC named).
        var renamed = plain
        var manifest = try #require(plain["manifest"] as? [String: Any])
        manifest["receivingMarac"] = "Elsewhere MARAC"
        renamed["manifest"] = manifest
        try Self.refused(pair.croydon, ["transfer", "in", try T.encrypt(pair, renamed, to: pair.croydonKey, name: "renamed.age")],
                         "signature is not the sending MARAC's", audit: "transfer_in_refused", "manifest changed after signing")
        // No signature at all.
        var unsigned = plain
        unsigned.removeValue(forKey: "signature")
        try Self.refused(pair.croydon, ["transfer", "in", try T.encrypt(pair, unsigned, to: pair.croydonKey, name: "unsigned.age")],
                         "not signed by the sending MARAC", audit: "transfer_in_refused", "unsigned")
        // A format 1 bundle (before signing): refused with a line that says so.
        var old = unsigned
        var oldManifest = manifest
        oldManifest["receivingMarac"] = "Croydon MARAC"
        oldManifest["format"] = 1
        old["manifest"] = oldManifest
        try Self.refused(pair.croydon, ["transfer", "in", try T.encrypt(pair, old, to: pair.croydonKey, name: "old.age")],
                         "transfer format 1, written before transfers were signed", audit: "transfer_in_refused", "format 1")

        // The real one still goes in.
        let taken = try pair.croydon("transfer", "in", bundle)
        #expect(taken.status == 0, "\(taken.err)")
    }

    @Test func anAcknowledgementIsReadOnlyWhenSignedByTheMaracTheCaseWentTo() throws {
        let pair = try T.pair()
        let bundle = try T.sendOut(pair)
        #expect(try pair.croydon("transfer", "in", bundle).status == 0)
        let ack = pair.croydon.folder.appendingPathComponent("ack.age").path
        let decided = try pair.croydon("transfer", "decide", "BR-2", "reject", "--reason", "Not moving after all", "--ack-out", ack)
        #expect(decided.status == 0, "\(decided.err)")

        // Bromley's age identity, to open and reseal the acknowledgement with the real age.
        let secret = try T.sqlite(pair.bromley, "SELECT secret_key FROM marac_key").trimmingCharacters(in: .whitespacesAndNewlines)
        let identity = try pair.bromley.file("bromley.key", secret + "\n")
        let bromleyKey = try pair.bromley("key", "show").out.trimmingCharacters(in: .whitespacesAndNewlines)
        let opened = try PackCLITests.ageDecrypt(pair.bromley, key: identity, ack)
        #expect(opened.status == 0, "\(opened.err)")
        let document = try #require(try JSONSerialization.jsonObject(with: opened.out) as? [String: Any])
        func reseal(_ value: [String: Any], _ name: String) throws -> String {
            let path = pair.bromley.folder.appendingPathComponent(name).path
            let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
            let result = try PackCLITests.tool("/usr/bin/age", ["-r", bromleyKey, "-o", path], in: pair.bromley.folder, input: data)
            #expect(result.status == 0, "\(result.err)")
            return path
        }
        // The decision turned from reject to list under Croydon's signature.
        var turned = document
        var acknowledgement = try #require(document["acknowledgement"] as? [String: Any])
        acknowledgement["decision"] = "list"
        turned["acknowledgement"] = acknowledgement
        try Self.refused(pair.bromley, ["transfer", "ack", try reseal(turned, "turned.age"), "--actions", "close"],
                         "acknowledgement's signature is not the receiving MARAC's", audit: "transfer_ack_refused", "decision changed")
        var unsigned = document
        unsigned.removeValue(forKey: "signature")
        try Self.refused(pair.bromley, ["transfer", "ack", try reseal(unsigned, "unsigned.age")],
                         "not signed by the receiving MARAC", audit: "transfer_ack_refused", "unsigned acknowledgement")
        // Format 1: the bare acknowledgement.
        var bare = try #require(document["acknowledgement"] as? [String: Any])
        bare["format"] = 1
        try Self.refused(pair.bromley, ["transfer", "ack", try reseal(bare, "bare.age")],
                         "format 1, written before acknowledgements were signed", audit: "transfer_ack_refused", "format 1 acknowledgement")

        let read = try pair.bromley("transfer", "ack", ack)
        #expect(read.status == 0, "\(read.err)")
        #expect(read.out.contains("BR-2\trejected\tNot moving after all\tdone"), "\(read.out)")
    }

    @Test func aNearMatchAtTransferInWaitsForTheCoordinatorsDecision() throws {
        // Croydon has Grace as "Grace Okafur", born the same day: a possible match, never decided silently.
        let pair = try T.pair(croydonVictim: "Grace Okafur")
        let bundle = try T.sendOut(pair)
        let known = try T.sqlite(pair.croydon, "SELECT victim_id FROM referral WHERE ref = 'CR-7'").trimmingCharacters(in: .whitespacesAndNewlines)
        let before = try T.contents(pair.croydon)
        let undecided = try pair.croydon("transfer", "in", bundle)
        #expect(undecided.status == 65, "\(undecided.err)")
        #expect(undecided.errorLines.count == 1, "\(undecided.err)")
        let line = undecided.errorLines.first ?? ""
        #expect(line.contains("person \(known) (similar_name)"), "\(line)")
        #expect(line.contains("--same-person-as ID or --new-person"), "\(line)")
        for name in ["Grace", "Okaf", "Mark Stone", "1990"] { #expect(!undecided.err.contains(name), "an identity in: \(undecided.err)") }
        #expect(try T.contents(pair.croydon) == before, "an undecided near match wrote something")

        // The coordinator says it is the same person: the case joins Croydon's record of her.
        let joined = try pair.croydon("transfer", "in", bundle, "--same-person-as", known)
        #expect(joined.status == 0, "\(joined.err)")
        let victim = try T.sqlite(pair.croydon, "SELECT victim_id FROM referral WHERE ref = 'BR-2'").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(victim == known)
    }

    @Test func aNewPersonDecisionKeepsTheArrivingVictimApart() throws {
        let pair = try T.pair(croydonVictim: "Grace Okafur")
        let bundle = try T.sendOut(pair)
        let taken = try pair.croydon("transfer", "in", bundle, "--new-person", "--new-perpetrator")
        #expect(taken.status == 0, "\(taken.err)")
        let victims = try T.sqlite(pair.croydon, "SELECT COUNT(DISTINCT victim_id) FROM referral WHERE ref IN ('CR-7', 'BR-2')")
        #expect(victims.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
        // A chosen id that is not a recorded victim is refused, nothing written.
        let pair2 = try T.pair(croydonVictim: "Grace Okafur")
        let bundle2 = try T.sendOut(pair2)
        let before = try T.contents(pair2.croydon)
        let wrong = try pair2.croydon("transfer", "in", bundle2, "--same-person-as", "999")
        #expect(wrong.status != 0 && wrong.errorLines.count == 1, "\(wrong.err)")
        #expect(try T.contents(pair2.croydon) == before)
    }
}
