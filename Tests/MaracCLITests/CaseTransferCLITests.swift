import Foundation
import MaracCore
import Testing

/// Issue 25: a case moves between two MARACs, two real database files, the
/// real binary on each side, the real `age` as a peer.
@Suite struct CaseTransferCLITests {
    /// Two MARACs that know each other's keys; Bromley holds Grace's cases.
    struct Pair {
        let bromley: MaracRun
        let croydon: MaracRun
        let croydonKey: String
        /// Croydon's secret key as an age identity file, for `age -d -i` (what the MARAC's key opens).
        let croydonIdentity: String
    }

    /// `croydonVictim`: the name Croydon already has Grace under (born the
    /// same day): hers exactly by default, or one a near match away.
    static func pair(croydonVictim: String = "Grace Okafor") throws -> Pair {
        let bromley = try MaracRun(), croydon = try MaracRun()
        #expect(try bromley("config", "set", "marac-name", "Bromley MARAC").status == 0)
        #expect(try croydon("config", "set", "marac-name", "Croydon MARAC").status == 0)
        let croydonKey = try croydon("key", "show").out.trimmingCharacters(in: .whitespacesAndNewlines)
        let bromleyKey = try bromley("key", "show").out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try bromley("transfer", "peer", "add", "Croydon MARAC", "--key", croydonKey, "--signing-key", try signingKey(croydon)).status == 0)
        #expect(try croydon("transfer", "peer", "add", "Bromley MARAC", "--key", bromleyKey, "--signing-key", try signingKey(bromley)).status == 0)
        let secret = try sqlite(croydon, "SELECT secret_key FROM marac_key").trimmingCharacters(in: .whitespacesAndNewlines)
        let identity = try croydon.file("croydon.key", secret + "\n")

        let y15 = String(repeating: "Y", count: 15) + String(repeating: "N", count: 9)
        func add(_ marac: MaracRun, _ args: String...) throws {
            let added = try marac.run(["--db", marac.db, "referral", "add", "--plain"] + args)
            #expect(added.status == 0, "\(added.err)")
        }
        try add(bromley, "--ref", "BR-1", "--agency", "police", "--victim-name", "Grace Okafor", "--victim-dob", "1990-02-03",
                "--perpetrator-name", "Mark Stone", "--ric-score", "12", "--referred-on", "2026-01-10", "--consent", "given")
        try add(bromley, "--ref", "BR-2", "--agency", "idva", "--victim-name", "Grace Okafor", "--victim-dob", "1990-02-03",
                "--perpetrator-name", "Mark Stone", "--ric-answers", y15, "--referred-on", "2026-10-01", "--consent", "given",
                "--children", "1", "--child-details", "Ada Okafor|2019-05-06|mother", "--safe-to-call", "no",
                "--police-reference", "CAD-4471")
        try add(bromley, "--ref", "BR-3", "--agency", "police", "--victim-name", "Olive Other", "--ric-score", "15",
                "--referred-on", "2026-10-02", "--consent", "given")
        #expect(try bromley("meeting", "create", "2026-11-20").status == 0)
        #expect(try bromley("referral", "screen", "BR-2", "--accept", "--meeting", "2026-11-20").status == 0)
        #expect(try bromley("referral", "screen", "BR-3", "--accept", "--meeting", "2026-11-20").status == 0)
        #expect(try bromley("meeting", "attend", "2026-11-20", "police", "idva").status == 0)
        #expect(try bromley("meeting", "share", "2026-11-20", "BR-2", "--agency", "police", "--text", "Two call-outs in October").status == 0)
        #expect(try bromley("meeting", "share", "2026-11-20", "BR-3", "--agency", "police", "--text", "Olive's own case").status == 0)
        let research = try bromley("meeting", "research-record", "2026-11-20", "BR-2", "--agency", "police", "--known", "yes",
                                   "--summary", "Known since 2025", "--risks", "Breach of bail")
        #expect(research.status == 0, "\(research.err)")
        #expect(try bromley("action", "add", "BR-2", "--agency", "police", "--owner", "DC Lee", "--due", "2026-12-01",
                            "Flag", "the", "address").status == 0)
        #expect(try bromley("meeting", "heard", "2026-11-20", "BR-2").status == 0)

        // Croydon already knows Grace (same name and date of birth): one person, one record.
        try add(croydon, "--ref", "CR-7", "--agency", "police", "--victim-name", croydonVictim, "--victim-dob", "1990-02-03",
                "--ric-score", "5", "--referred-on", "2025-06-01", "--consent", "given")
        return Pair(bromley: bromley, croydon: croydon, croydonKey: croydonKey, croydonIdentity: identity)
    }

    /// A MARAC's signing public key as `marac key show --signing` prints it.
    static func signingKey(_ marac: MaracRun) throws -> String {
        let shown = try marac("key", "show", "--signing")
        #expect(shown.status == 0 && shown.out.hasPrefix("ed25519:"), "\(shown.err)")
        return shown.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Signs a manifest as `marac` would, with a MARAC's stored signing secret,
    /// but by the real `openssl` (an Ed25519 of its own): base64.
    static func sign(_ marac: MaracRun, _ manifest: [String: Any]) throws -> String {
        let decoded = try JSONDecoder().decode(TransferManifest.self, from: try JSONSerialization.data(withJSONObject: manifest))
        let message = try marac.file("message-\(UUID().uuidString)", "")
        try TransferBundle.signedText(decoded).write(to: URL(fileURLWithPath: message))
        let secret = try sqlite(marac, "SELECT signing_key FROM marac_key").trimmingCharacters(in: .whitespacesAndNewlines)
        let seed = try #require(Data(base64Encoded: String(secret.drop { $0 != ":" }.dropFirst())))
        // PKCS #8 for an Ed25519 seed (RFC 8410): a fixed prefix, then the 32 bytes.
        let der = Data([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]) + seed
        let pem = try marac.file("signing-\(UUID().uuidString).pem",
                                 "-----BEGIN PRIVATE KEY-----\n\(der.base64EncodedString())\n-----END PRIVATE KEY-----\n")
        let signed = try PackCLITests.tool("/usr/bin/openssl", ["pkeyutl", "-sign", "-inkey", pem, "-rawin", "-in", message], in: marac.folder)
        #expect(signed.status == 0, "\(signed.err)")
        #expect(signed.out.count == 64)
        return signed.out.base64EncodedString()
    }

    static func sqlite(_ marac: MaracRun, _ sql: String) throws -> String {
        let result = try PackCLITests.tool("/usr/bin/sqlite3", [marac.db, sql], in: marac.folder)
        #expect(result.status == 0, "\(result.err)")
        return String(decoding: result.out, as: UTF8.self)
    }

    /// Every table's rows but the audit trail's (a refusal is recorded there).
    static func contents(_ marac: MaracRun) throws -> [String] {
        let result = try PackCLITests.tool("/usr/bin/sqlite3", [marac.db, ".dump"], in: marac.folder)
        return String(decoding: result.out, as: UTF8.self).split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("INSERT INTO audit ") }
    }

    static func sendOut(_ pair: Pair) throws -> String {
        let out = pair.bromley.folder.appendingPathComponent("grace.age").path
        let sent = try pair.bromley("transfer", "out", "BR-2", "--to", "Croydon MARAC", "--recipient", pair.croydonKey, "--out", out,
                                    "--move", "permanent", "--moved-on", "2026-11-22", "--heard-on", "2026-11-20",
                                    "--agenda-circulated", "no", "--idva-handover", "Croydon IDVA service", "--redo-checklist", "yes")
        #expect(sent.status == 0, "\(sent.err)")
        return out
    }

    @Test func aCaseGoesToAnotherMaracAndTheAcknowledgementClosesTheSendersSide() throws {
        let pair = try Self.pair()
        let bundle = try Self.sendOut(pair)
        #expect(try PackCLITests.mode(bundle) == 0o600)
        // Real age: the standard tool opens it with the receiving MARAC's key.
        let opened = try PackCLITests.ageDecrypt(pair.croydon, key: pair.croydonIdentity, bundle)
        #expect(opened.status == 0, "\(opened.err)")
        let plain = String(decoding: opened.out, as: UTF8.self)
        let document = try #require(try JSONSerialization.jsonObject(with: opened.out) as? [String: Any])
        let manifest = try #require(document["manifest"] as? [String: Any])
        #expect(manifest["sendingMarac"] as? String == "Bromley MARAC")
        #expect(manifest["referrals"] as? [String] == ["BR-2", "BR-1"])
        #expect((manifest["contentSHA256"] as? String)?.count == 64)
        // Everything listed, and nothing about another victim.
        for expected in ["Grace Okafor", "Mark Stone", "Ada Okafor", "CAD-4471", "Two call-outs in October", "Known since 2025",
                         "Breach of bail", "Flag the address", "DC Lee"] {
            #expect(plain.contains(expected), "\(expected) missing")
        }
        #expect(!plain.contains("Olive"))
        #expect(!plain.contains("BR-3"))

        let listed = try pair.bromley("transfer", "list", "--format", "json").json() as? [[String: Any]]
        #expect(listed?.first?["state"] as? String == "pending")
        #expect(listed?.first?["direction"] as? String == "out")
        // The access log records what left and to whom.
        let access = try pair.bromley("audit", "access", "BR-1", "--format", "csv")
        #expect(access.out.contains("sent to another MARAC"), "\(access.out)\(access.err)")

        let taken = try pair.croydon("transfer", "in", bundle)
        #expect(taken.status == 0, "\(taken.err)")
        #expect(taken.out.contains("BR-2\ttransferred from Bromley MARAC"))
        #expect(taken.err.contains("missing: risk checklist to be redone"))
        let shown = try #require(try pair.croydon("referral", "show", "--plain", "BR-2", "--format", "json").json() as? [String: Any])
        #expect(shown["status"] as? String == "received")
        #expect(shown["previous_marac"] as? String == "Bromley MARAC")
        #expect(shown["previous_marac_on"] as? String != nil)
        #expect(shown["safe_to_call"] as? String == "no")
        #expect(shown["police_reference"] as? String == "CAD-4471")
        #expect(shown["ric_score"] as? Int == 15)
        // One person, one record: Grace is the victim Croydon already had.
        let victims = try Self.sqlite(pair.croydon, "SELECT COUNT(DISTINCT victim_id) FROM referral")
        #expect(victims.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        // The history it brought is there, and read-only.
        let history = try pair.croydon("transfer", "history", "BR-2", "--plain", "--format", "csv")
        #expect(history.status == 0, "\(history.err)")
        for expected in ["hearing", "shared", "action", "research", "referral", "BR-1", "Two call-outs in October"] {
            #expect(history.out.contains(expected), "\(expected) missing from the history")
        }
        let rewrite = try PackCLITests.tool("/usr/bin/sqlite3", [pair.croydon.db, "UPDATE transfer_record SET fields = '{}'"], in: pair.croydon.folder)
        #expect(rewrite.status != 0)
        #expect(rewrite.err.contains("read-only"))

        // The same bundle a second time is refused, nothing written.
        let before = try Self.contents(pair.croydon)
        let again = try pair.croydon("transfer", "in", bundle)
        #expect(again.status == 65)
        #expect(again.errorLines == ["error: file: this file has been taken in before; nothing was taken in again"])
        #expect(try Self.contents(pair.croydon) == before)

        // Croydon lists it; the agenda says where it came from; the acknowledgement goes back.
        #expect(try pair.croydon("meeting", "create", "2026-12-03").status == 0)
        let ack = pair.croydon.folder.appendingPathComponent("ack.age").path
        let decided = try pair.croydon("transfer", "decide", "BR-2", "list", "--reason", "Moved to Croydon for good", "--ack-out", ack)
        #expect(decided.status == 0, "\(decided.err)")
        #expect(try PackCLITests.mode(ack) == 0o600)
        let agenda = try pair.croydon("meeting", "agenda", "2026-12-03", "--plain")
        #expect(agenda.out.contains("BR-2"))
        #expect(agenda.out.contains("transferred from Bromley MARAC"), "\(agenda.out)")
        let croydonList = try pair.croydon("transfer", "list", "--format", "json").json() as? [[String: Any]]
        #expect(croydonList?.first?["state"] as? String == "done")
        #expect(croydonList?.first?["decision"] as? String == "list")

        // Bromley reads it: accepted, then done; the case's open actions close "transferred".
        let noChoice = try pair.bromley("transfer", "ack", ack)
        #expect(noChoice.status == 65)
        let read = try pair.bromley("transfer", "ack", ack, "--actions", "close")
        #expect(read.status == 0, "\(read.err)")
        #expect(read.out.contains("BR-2\taccepted\tMoved to Croydon for good\tdone"))
        let open = try pair.bromley("action", "list", "--plain", "--open", "--format", "json").json() as? [[String: Any]]
        #expect(open?.isEmpty == true)
        let bromleyList = try pair.bromley("transfer", "list", "--format", "json").json() as? [[String: Any]]
        #expect(bromleyList?.first?["state"] as? String == "done")
        #expect(bromleyList?.first?["decision"] as? String == "list")
        // An acknowledgement is read once.
        let twice = try pair.bromley("transfer", "ack", ack, "--actions", "close")
        #expect(twice.status == 65)
        let figures = try pair.bromley("transfer", "figures", "--from", "2026Q4", "--format", "csv")
        #expect(figures.out.contains("2026Q4,1,0"), "\(figures.out)")
    }

    @Test func aCaseWithoutConsentOrABasisIsNotSent() throws {
        let pair = try Self.pair()
        let added = try pair.bromley("referral", "add", "--plain", "--ref", "BR-9", "--agency", "police", "--victim-name", "Nell North",
                                     "--ric-score", "16", "--consent", "not_given")
        #expect(added.status == 0, "\(added.err)")
        let before = try Self.contents(pair.bromley)
        let out = pair.bromley.folder.appendingPathComponent("nell.age").path
        let sent = try pair.bromley("transfer", "out", "BR-9", "--to", "Croydon MARAC", "--recipient", pair.croydonKey, "--out", out,
                                    "--move", "permanent", "--moved-on", "2026-11-22", "--agenda-circulated", "no", "--redo-checklist", "no")
        #expect(sent.status == 65)
        #expect(sent.errorLines.first?.contains("BR-9 was not sent") == true, "\(sent.err)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try Self.contents(pair.bromley) == before)
    }

    /// The plain bundle, to make bad ones from with the real `age`.
    static func plainBundle(_ pair: Pair, _ bundle: String) throws -> [String: Any] {
        let opened = try PackCLITests.ageDecrypt(pair.croydon, key: pair.croydonIdentity, bundle)
        return try #require(try JSONSerialization.jsonObject(with: opened.out) as? [String: Any])
    }

    static func encrypt(_ pair: Pair, _ document: [String: Any], to key: String, name: String) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        let path = pair.croydon.folder.appendingPathComponent(name).path
        let result = try PackCLITests.tool("/usr/bin/age", ["-r", key, "-o", path], in: pair.croydon.folder, input: data)
        #expect(result.status == 0, "\(result.err)")
        return path
    }

    static func sha256(_ pair: Pair, _ text: String) throws -> String {
        let result = try PackCLITests.tool("/usr/bin/sha256sum", [], in: pair.croydon.folder, input: Data(text.utf8))
        return String(String(decoding: result.out, as: UTF8.self).prefix(64))
    }

    @Test func everyBadBundleIsRefusedWholeAndTheAttemptRecorded() throws {
        let pair = try Self.pair()
        let bundle = try Self.sendOut(pair)
        let plain = try Self.plainBundle(pair, bundle)
        var bad: [(String, String)] = []

        let other = try PackCLITests.keygen(pair.croydon, "other.key")
        bad.append(("another MARAC's key", try Self.encrypt(pair, plain, to: other.publicKey, name: "other.age")))

        let raw = try Data(contentsOf: URL(fileURLWithPath: bundle))
        let cutPath = pair.croydon.folder.appendingPathComponent("cut.age").path
        try raw.prefix(raw.count / 2).write(to: URL(fileURLWithPath: cutPath))
        bad.append(("cut", cutPath))

        var altered = plain
        altered["content"] = (plain["content"] as? String ?? "").replacingOccurrences(of: "Okafor", with: "Okafer")
        #expect(altered["content"] as? String != plain["content"] as? String)
        bad.append(("altered", try Self.encrypt(pair, altered, to: pair.croydonKey, name: "altered.age")))

        var newer = plain
        var newerManifest = plain["manifest"] as? [String: Any] ?? [:]
        newerManifest["format"] = 3
        newer["manifest"] = newerManifest
        bad.append(("newer format", try Self.encrypt(pair, newer, to: pair.croydonKey, name: "newer.age")))

        // Another case slipped in, the hash made to match: only the manifest's list catches it.
        var extra = plain
        var content = try #require(try JSONSerialization.jsonObject(with: Data((plain["content"] as? String ?? "").utf8)) as? [String: Any])
        var referrals = content["referrals"] as? [[String: Any]] ?? []
        var slipped = referrals.first ?? [:]
        slipped["referral_ref"] = "BR-99"
        referrals.append(slipped)
        content["referrals"] = referrals
        let contentText = String(decoding: try JSONSerialization.data(withJSONObject: content, options: [.sortedKeys]), as: UTF8.self)
        extra["content"] = contentText
        var extraManifest = plain["manifest"] as? [String: Any] ?? [:]
        extraManifest["contentSHA256"] = try Self.sha256(pair, contentText)
        extra["manifest"] = extraManifest
        // Signed again with the sender's own key (as an insider could): only the list is left to catch it.
        extra["signature"] = try Self.sign(pair.bromley, extraManifest)
        bad.append(("a case not in the manifest", try Self.encrypt(pair, extra, to: pair.croydonKey, name: "extra.age")))

        let expected = [
            "another MARAC's key": "not encrypted to this MARAC's key",
            "cut": "nothing was taken in",
            "altered": "does not match its manifest",
            "newer format": "transfer format 3",
            "a case not in the manifest": "a case its manifest does not list",
        ]
        for (what, path) in bad {
            let before = try Self.contents(pair.croydon)
            let audited = try Self.sqlite(pair.croydon, "SELECT COUNT(*) FROM audit WHERE action = 'transfer_in_refused'")
            let refused = try pair.croydon("transfer", "in", path)
            #expect(refused.status == 65, "\(what): \(refused.err)")
            #expect(refused.errorLines.count == 1, "\(what): \(refused.err)")
            #expect(refused.errorLines.first?.contains(expected[what] ?? "?") == true, "\(what): \(refused.err)")
            #expect(try Self.contents(pair.croydon) == before, "\(what) changed the database")
            let after = try Self.sqlite(pair.croydon, "SELECT COUNT(*) FROM audit WHERE action = 'transfer_in_refused'")
            #expect(Int(after.trimmingCharacters(in: .whitespacesAndNewlines)) == Int(audited.trimmingCharacters(in: .whitespacesAndNewlines))! + 1,
                    "\(what): the attempt is not in the audit trail")
        }
        // The good one still goes in afterwards: nothing was spent by the refusals.
        #expect(try pair.croydon("transfer", "in", bundle).status == 0)
    }
}
