import Foundation
import Testing

/// Research lists, returns and chase lists through the real binary.
@Suite struct ResearchCLITests {
    /// A meeting on 2026-12-03 with KIDS (police) and ADULT (housing) listed, police confirmed.
    static func prepared() throws -> MaracRun {
        let marac = try MaracRun()
        for arguments in [
            ["meeting", "create", "2026-12-03"],
            ["referral", "add", "--plain", "--ref", "KIDS", "--agency", "police", "--victim-name", "Kira Child", "--victim-dob", "1990-01-02",
             "--ric-score", "15", "--children", "1", "--child-details", "Sam Child|2019-04-02|mother"],
            ["referral", "add", "--plain", "--ref", "ADULT", "--agency", "housing", "--victim-name", "Ada Adult", "--ric-score", "16"],
            ["referral", "screen", "KIDS", "--accept"],
            ["referral", "screen", "ADULT", "--accept"],
            ["meeting", "confirm", "2026-12-03", "police"],
        ] {
            let result = try marac.run(["--db", marac.db] + arguments)
            #expect(result.status == 0, "\(arguments): \(result.err)")
        }
        return marac
    }

    typealias Pack = PackCLITests

    /// The whole round trip with the real `age`: the list goes out encrypted to
    /// the police's key, the police open it with `age -d`, fill it in, encrypt
    /// it to the MARAC's key with `age -r`, and marac loads it.
    @Test func aListGoesOutEncryptedAndComesBackFilledIn() throws {
        let marac = try Self.prepared()
        let police = try Pack.keygen(marac, "police.key")
        // With no key stored the list does not go out (and no file is left).
        let out = marac.folder.appendingPathComponent("police-list.csv.age").path
        let refused = try marac("meeting", "research", "2026-12-03", "--agency", "police", "--out", out)
        #expect(refused.status == 65 && refused.errorLines == ["error: agency: police has no key stored; store one, or protect the pack with a passphrase"])
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try marac("agency", "key", "police", police.publicKey).status == 0)
        let sent = try marac("meeting", "research", "2026-12-03", "--agency", "police", "--out", out)
        #expect(sent.status == 0, "\(sent.err)")
        #expect(try Pack.mode(out) == 0o600)
        let raw = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(raw.starts(with: Data("age-encryption.org/v1\n".utf8)) && raw.range(of: Data("Kira".utf8)) == nil)
        let opened = try Pack.ageDecrypt(marac, key: police.file, out)
        #expect(opened.status == 0, "\(opened.err)")
        let list = String(decoding: opened.out, as: UTF8.self)
        #expect(list == """
            referral_ref,agency,victim_name,victim_aliases,victim_dob,victim_postcode,perpetrator_name,perpetrator_aliases,perpetrator_dob,perpetrator_postcode,children,known,summary,current_risks,returned_on\r
            KIDS,police,Kira Child,,1990-01-02,,,,,,Sam Child|2019-04-02,,,,\r
            ADULT,police,Ada Adult,,,,,,,,,,,,\r

            """)
        // Plain text goes to a pipe only on purpose, and the access log says so.
        let piped = try marac("meeting", "research", "2026-12-03", "--agency", "police", "--plain")
        #expect(piped.status == 0 && piped.out == list)
        #expect(try marac("meeting", "research", "2026-12-03", "--agency", "police", "--plain", "--passphrase").status == 64)

        // Filled in by the police, encrypted to the MARAC's public key, returned.
        let filled = list.replacingOccurrences(of: "Sam Child|2019-04-02,,,,", with: "Sam Child|2019-04-02,yes,Known: two call-outs,DVPN,2026-11-23")
            .replacingOccurrences(of: "ADULT,police,Ada Adult,,,,,,,,,,,,", with: "ADULT,police,Ada Adult,,,,,,,,,no,,,")
        let maracKey = try marac("key", "show").out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(maracKey.hasPrefix("age1"))
        let returned = marac.folder.appendingPathComponent("returned.csv.age").path
        let encrypted = try Pack.tool("/usr/bin/age", ["-r", maracKey, "-o", returned], in: marac.folder, input: Data(filled.utf8))
        #expect(encrypted.status == 0, "\(encrypted.err)")
        let back = try marac("meeting", "research-return", "2026-12-03", returned)
        #expect(back.status == 0, "\(back.err)")
        #expect(back.err.contains("recorded 2 research return(s)"))
        let returns = try marac("meeting", "returns", "--plain", "2026-12-03", "--format", "csv")
        #expect(returns.out == """
            ref,agency,known,summary,current_risks,returned_on,recorded_by,on_behalf,earlier\r
            ADULT,police,not known,,,2026-11-24,\(NSUserName()),yes,0\r
            KIDS,police,known,Known: two call-outs,DVPN,2026-11-23,\(NSUserName()),yes,0\r

            """)
        // A return encrypted to some other key is refused whole, with nothing recorded.
        let stranger = try Pack.keygen(marac, "stranger.key")
        let wrong = marac.folder.appendingPathComponent("wrong.csv.age").path
        #expect(try Pack.tool("/usr/bin/age", ["-r", stranger.publicKey, "-o", wrong], in: marac.folder, input: Data(filled.utf8)).status == 0)
        let refusedReturn = try marac("meeting", "research-return", "2026-12-03", wrong)
        #expect(refusedReturn.status == 65 && refusedReturn.errorLines.count == 1, "\(refusedReturn.err)")

        let agenda = try marac("meeting", "agenda", "2026-12-03", "--format", "json", "--plain")
        let cases = try #require((try agenda.json() as? [String: Any])?["cases"] as? [[String: Any]])
        #expect(cases.map { $0["research_returned"] as? Int } == [1, 1])
        #expect(cases.map { $0["defer_suggested"] as? Bool } == [false, true])
        // The access log says the police received both cases, and how.
        let access = try marac("audit", "access", "ADULT", "--format", "csv")
        #expect(access.out.contains("research list for the meeting on 2026-12-03 for agency police: sent to agency police in a pack"))
        #expect(access.out.contains("research list for the meeting on 2026-12-03 for agency police: written in plain text to a file"))
    }

    @Test func aBadReturnFileIsRefusedWholeWithEveryBadRowNamed() throws {
        let marac = try Self.prepared()
        let file = try marac.file("bad.csv", """
            referral_ref,agency,known,summary
            KIDS,police,yes,
            NOPE,police,no,
            ADULT,police,no,
            ADULT,housing,sometimes,

            """)
        let result = try marac("meeting", "research-return", "2026-12-03", file)
        #expect(result.status == 65)
        #expect(result.errorLines == [
            "error: \(file):2: summary: is required when the agency knows the people (say what it holds)",
            "error: \(file):3: referral_ref: the case is not on the agenda for 2026-12-03",
            "error: \(file):5: known: the value must be yes or no",
        ])
        #expect(try marac("meeting", "returns", "--plain", "2026-12-03", "--format", "csv").out.split(separator: "\n").count == 1, "nothing recorded")
        let unknown = try marac("meeting", "research-return", "2026-12-03", try marac.file("cols.csv", "referral_ref,agency,known,comments\nKIDS,police,no,x\n"))
        #expect(unknown.status == 65 && unknown.errorLines == ["error: \(marac.folder.path)/cols.csv:1: comments: unknown column"])
        let missing = try marac("meeting", "research-return", "2026-12-03", marac.folder.appendingPathComponent("none.csv").path)
        #expect(missing.status == 66)
    }

    @Test func theChaseListByAgency() throws {
        let marac = try Self.prepared()
        for (agency, due) in [("police", "2026-11-01"), ("police", "2026-11-20"), ("housing", "2026-11-28"), ("housing", "2026-12-20")] {
            #expect(try marac("action", "add", "KIDS", "--agency", agency, "--owner", "Owner \(agency)", "--due", due, "Do", "it").status == 0)
        }
        let chase = try marac("action", "chase", "--plain", "--format", "csv")
        #expect(chase.out == """
            agency,id,ref,owner,due_on,state,days_overdue,action\r
            housing,3,KIDS,Owner housing,2026-11-28,due_soon,0,Do it\r
            police,1,KIDS,Owner police,2026-11-01,escalated,23,Do it\r
            police,2,KIDS,Owner police,2026-11-20,overdue,4,Do it\r

            """)
        #expect(try marac("config", "set", "escalation-days", "30").status == 0)
        let json = try #require(try marac("action", "chase", "--plain", "--agency", "police", "--format", "json").json() as? [String: Any])
        #expect(json["escalation_days"] as? Int == 30)
        let policeChase = try #require((json["agencies"] as? [[String: Any]])?.first)
        #expect((policeChase["overdue"] as? [[String: Any]])?.map { $0["days_overdue"] as? Int } == [23, 4])
        #expect(policeChase["escalated_count"] as? Int == 0)

        // A sending that fails part-way (police's file cannot be written) leaves no file and no record.
        let broken = marac.folder.appendingPathComponent("broken").path
        try FileManager.default.createDirectory(atPath: broken + "/marac-chase-police.csv", withIntermediateDirectories: true)
        let accessBefore = try marac("audit", "access", "KIDS", "--format", "csv").out
        let failed = try marac("action", "chase", "--out", broken, "--plain")
        #expect(failed.status == 74, "\(failed.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: broken) == ["marac-chase-police.csv"], "housing's file was removed")
        #expect(try marac("audit", "access", "KIDS", "--format", "csv").out == accessBefore)

        // Chase lists as packs: the police to their key; housing has none, so a passphrase.
        let police = try Pack.keygen(marac, "police.key")
        #expect(try marac("agency", "key", "police", police.publicKey).status == 0)
        let folder = marac.folder.appendingPathComponent("chase").path
        let keyless = try marac("action", "chase", "--out", folder)
        #expect(keyless.status == 65 && keyless.errorLines == ["error: agency: housing has no key stored; store one, or protect the pack with a passphrase"])
        #expect(!FileManager.default.fileExists(atPath: folder), "nothing written when one agency cannot be sent to")
        let written = try marac.run(["--db", marac.db, "action", "chase", "--out", folder, "--passphrase"], environment: ["MARAC_PASSPHRASE": "correct horse"])
        #expect(written.status == 0, "\(written.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["marac-chase-housing.csv.age", "marac-chase-police.csv.age"])
        let opened = try Pack.ageDecrypt(marac, key: police.file, folder + "/marac-chase-police.csv.age")
        #expect(String(decoding: opened.out, as: UTF8.self) == """
            agency,id,ref,owner,due_on,state,days_overdue,action\r
            police,1,KIDS,Owner police,2026-11-01,overdue,23,Do it\r
            police,2,KIDS,Owner police,2026-11-20,overdue,4,Do it\r

            """)
        let housingChase = try marac.run(["--db", marac.db, "open", folder + "/marac-chase-housing.csv.age", "--passphrase", "--plain"],
                                         environment: ["MARAC_PASSPHRASE": "correct horse"])
        #expect(housingChase.out.contains("housing,3,KIDS,Owner housing,2026-11-28,due_soon,0,Do it"), "\(housingChase.err)")

        let log = marac.folder.appendingPathComponent("log.csv").path
        #expect(try marac("meeting", "action-log", "2026-12-03", "--agency", "housing", "--out", log, "--plain").status == 0)
        #expect(try String(contentsOfFile: log, encoding: .utf8) == """
            agency,action,ref,owner,due_on,status,description\r
            housing,3,KIDS,Owner housing,2026-11-28,open,Do it\r
            housing,4,KIDS,Owner housing,2026-12-20,open,Do it\r

            """)
        let access = try marac("audit", "access", "KIDS", "--format", "csv").out
        for reason in ["chase list of 2 actions for agency police: sent to agency police in a pack",
                       "chase list of 1 action for agency housing: sent to a passphrase holder in a pack",
                       "action log of the meeting on 2026-12-03 for agency housing: written in plain text to a file"] {
            #expect(access.contains(reason), "\(reason)")
        }
    }
}
