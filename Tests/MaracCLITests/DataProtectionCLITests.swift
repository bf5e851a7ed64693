import Foundation
import Testing

/// Consent and lawful basis, retention and purge, through the real binary on
/// real files (issue 13).
@Suite struct ConsentCLITests {
    static let basic = ["referral", "add", "--plain", "--agency", "police", "--referred-on", "2026-11-10", "--ric-score", "16"]

    @Test func consentIsRecordedWithWhoDecidedAndScreeningRefusesSharingWithoutABasis() throws {
        let marac = try MaracRun()
        #expect(try marac("meeting", "create", "2026-12-03").status == 0)
        let logged = try marac.run(["--db", marac.db] + Self.basic + ["--ref", "C-1", "--victim-name", "Ada Consent", "--consent", "not_sought"])
        #expect(logged.status == 0, "\(logged.err)")
        let shown = try #require(try marac("referral", "show", "--plain", "C-1", "--format", "json").json() as? [String: Any])
        #expect(shown["consent"] as? String == "not_sought")
        #expect(shown["sharing_reason"] is NSNull && shown["lawful_basis"] is NSNull)
        let creator = (shown["created"] as? String)?.components(separatedBy: " by ").last
        #expect(shown["consent_decided_by"] as? String == creator, "the acting login, set by marac")
        #expect((shown["consent_decided_at"] as? String)?.isEmpty == false)
        #expect(shown["victim_id"] is Int)

        // Screening in refuses a case shared without consent until its reason and basis are recorded.
        let refused = try marac("referral", "screen", "C-1", "--accept")
        #expect(refused.status == 65)
        #expect(refused.errorLines.contains { $0.hasPrefix("error: sharing_reason: C-1 was not screened in") })
        #expect(refused.errorLines.contains { $0.hasPrefix("error: lawful_basis: C-1 was not screened in") })
        #expect(!refused.err.contains("Ada Consent"))
        #expect(refused.errorLines.last?.hasSuffix("(record them with: marac import referrals FILE --update (columns sharing_reason, lawful_basis), or e on the referral in the terminal UI; bases: marac lawful-basis list)") == true)
        let after = try #require(try marac("referral", "show", "--plain", "C-1", "--format", "json").json() as? [String: Any])
        #expect(after["status"] as? String == "received", "nothing written")

        // Recording them (an edit through import --update) lets it through.
        let csv = try marac.file("c.csv", """
            referral_ref,referred_on,referring_agency,victim_name,ric_score,consent,sharing_reason,lawful_basis\r
            C-1,2026-11-10,police,Ada Consent,16,not_sought,consent_would_increase_risk,safeguarding\r

            """)
        let updated = try marac("import", "referrals", csv, "--update")
        #expect(updated.status == 0, "\(updated.err)")
        let accepted = try marac("referral", "screen", "C-1", "--accept")
        #expect(accepted.status == 0, "\(accepted.err)")

        // Consent given: screening needs nothing more.
        #expect(try marac.run(["--db", marac.db] + Self.basic + ["--ref", "C-2", "--victim-name", "Bea Given", "--consent", "given"]).status == 0)
        #expect(try marac("referral", "screen", "C-2", "--accept").status == 0)
    }

    @Test func aReasonOrBasisIsCheckedWhenLogged() throws {
        let marac = try MaracRun()
        let withConsent = try marac.run(["--db", marac.db] + Self.basic + ["--ref", "C-3", "--victim-name", "Cy", "--consent", "given",
                                                                           "--sharing-reason", "lacks_capacity"])
        #expect(withConsent.status == 65)
        #expect(withConsent.errorLines.contains("error: sharing_reason: is recorded only when consent is not_given or not_sought"))
        let unknownBasis = try marac.run(["--db", marac.db] + Self.basic + ["--ref", "C-4", "--victim-name", "Di", "--consent", "not_given",
                                                                            "--sharing-reason", "high_risk_of_serious_harm", "--lawful-basis", "whim"])
        #expect(unknownBasis.status == 65)
        #expect(unknownBasis.errorLines.contains { $0.hasPrefix("error: lawful_basis: the value is not one of this MARAC's lawful bases (safeguarding)") })
        let other = try marac.run(["--db", marac.db] + Self.basic + ["--ref", "C-5", "--victim-name", "Ed", "--consent", "not_given",
                                                                     "--sharing-reason", "other", "--lawful-basis", "safeguarding"])
        #expect(other.status == 65)
        #expect(other.errorLines.contains { $0.hasPrefix("error: consent_note: is required when the reason for sharing is other") })
        let listed0 = try marac("referral", "list", "--plain", "--format", "json").json() as? [Any]
        #expect(listed0?.isEmpty == true, "nothing was written")

        // A MARAC adds the bases its protocol names; the old code not_required reads as not_sought.
        #expect(try marac("lawful-basis", "add", "crime_prevention", "UK GDPR Art 6(1)(e); DPA 2018 Sch 1 para 10").status == 0)
        #expect(try marac("lawful-basis", "add", "crime_prevention", "again").status == 65)
        let listed = try marac("lawful-basis", "list", "--format", "csv").out
        #expect(listed.contains("crime_prevention,UK GDPR Art 6(1)(e); DPA 2018 Sch 1 para 10") && listed.contains("safeguarding,"))
        let legacy = try marac.run(["--db", marac.db] + Self.basic + ["--ref", "C-6", "--victim-name", "Flo", "--consent", "not_required",
                                                                      "--sharing-reason", "high_risk_of_serious_harm", "--lawful-basis", "crime_prevention"])
        #expect(legacy.status == 0, "\(legacy.err)")
        let shown = try #require(try marac("referral", "show", "--plain", "C-6", "--format", "json").json() as? [String: Any])
        #expect(shown["consent"] as? String == "not_sought" && shown["lawful_basis"] as? String == "crime_prevention")
    }

    @Test func theFiguresCountCasesHeardWithoutConsent() throws {
        let marac = try MaracRun()
        var rows = ["referral_ref,referred_on,referring_agency,victim_name,ric_score,heard_on,consent,sharing_reason,lawful_basis"]
        let consents = ["not_sought", "not_given", "given", "given", "unknown", "not_sought", "not_given", "not_sought"]
        for (i, consent) in consents.enumerated() {
            let without = consent.hasPrefix("not_")
            rows.append("F-\(i),2026-04-0\(i + 1),police,Victim F\(i),15,2026-05-1\(i),\(consent),"
                        + (without ? "high_risk_of_serious_harm,safeguarding" : ","))
        }
        // Heard in another quarter: not counted in 2026Q2.
        rows.append("F-9,2026-06-20,police,Victim F9,15,2026-07-02,not_sought,high_risk_of_serious_harm,safeguarding")
        let csv = try marac.file("f.csv", rows.joined(separator: "\r\n") + "\r\n")
        #expect(try marac("import", "referrals", csv).status == 0)
        let exact = try #require(try marac("stats", "--quarter", "2026Q2", "--format", "json").json() as? [String: Any])
        #expect((exact["marac"] as? [String: Any])?["shared_without_consent"] as? Int == 5)
        let suppressed = try #require(try marac("stats", "--quarter", "2026Q3", "--suppress", "--format", "json").json() as? [String: Any])
        #expect((suppressed["marac"] as? [String: Any])?["shared_without_consent"] as? String == "<5")
        #expect(try marac("stats", "--quarter", "2026Q2").out.contains("Cases shared without consent"))
        let report = marac.folder.appendingPathComponent("board.html").path
        #expect(try marac("report", "--quarter", "2026Q2", "--out", report).status == 0)
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains("Cases shared without consent"))
    }
}

/// Retention and purge on two years of history loaded through the binary.
@Suite struct PurgeCLITests {
    static let today = "2026-11-24"

    /// A four-letter code per number, so every generated name is unique and
    /// none is a part of another.
    static func code(_ n: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var n = n, out = ""
        for _ in 0..<4 { out = String(letters[n % 26]) + out; n /= 26 }
        return out.capitalized
    }

    struct History {
        var csv: String
        /// Identifying text of victims whose cases end before the cutoff (due), and after it (kept).
        var due: [String] = []
        var kept: [String] = []
    }

    /// Two years of referrals, October 2024 to October 2026, two a week: every
    /// victim a unique name, alias, child and perpetrator; every fourth victim
    /// referred again 8 months later (a repeat); most heard ten days on.
    static func history() -> History {
        let header = "referral_ref,referred_on,referring_agency,victim_name,victim_dob,victim_gender,victim_ethnicity,victim_postcode,"
            + "victim_aliases,perpetrator_name,perpetrator_dob,children_in_household,children,ric_score,heard_on,consent,sharing_reason,"
            + "lawful_basis,consent_note,referrer,relationship"
        var rows = [header]
        var history = History(csv: "")
        let start = Calendar(identifier: .gregorian).date(from: DateComponents(timeZone: .gmt, year: 2024, month: 10, day: 1))!
        func day(_ offset: Int) -> String {
            let f = DateFormatter()
            f.timeZone = .gmt
            f.dateFormat = "yyyy-MM-dd"
            return f.string(from: start.addingTimeInterval(Double(offset) * 86_400))
        }
        let routes = ["police", "idva", "mental_health", "housing", "acute_health"]
        let consents = [("given", "", ""), ("not_sought", "high_risk_of_serious_harm", "safeguarding"),
                        ("not_given", "consent_would_increase_risk", "safeguarding")]
        var ref = 0
        for victim in 0..<208 {
            let c = code(victim)
            let offset = victim * 7 / 2
            let name = "Zelvyn \(c) Purgetest", alias = "Zelvyna \(c)", child = "Kiddo \(c)", perpetrator = "Perpzor \(c)"
            let note = "Safe number \(c) note"
            var dates = [offset]
            if victim % 4 == 0 { dates.append(offset + 240) }
            var last = ""
            for (n, d) in dates.enumerated() where d <= 760 {
                ref += 1
                let referred = day(d)
                let heard = (victim + n) % 10 < 7 && d + 10 <= 780 ? day(d + 10) : ""
                let consent = consents[(victim + n) % 3]
                rows.append([
                    "PT-\(ref)", referred, routes[(victim + n) % routes.count], name, "19\(70 + victim % 30)-0\(1 + victim % 9)-1\(victim % 10)",
                    victim % 7 == 0 ? "male" : "female", ["white", "asian", "black", "mixed"][victim % 4], "BR\(1 + victim % 8) \(victim % 9)AB",
                    alias, perpetrator, "19\(60 + victim % 30)-0\(1 + victim % 9)-0\(1 + victim % 9)", String(1 + victim % 3),
                    "\(child)|2018-0\(1 + victim % 9)-01|mother", String(8 + victim % 17), heard, consent.0, consent.1, consent.2,
                    note, "Referrer \(c)", "ex-partner",
                ].joined(separator: ","))
                last = max(last, heard.isEmpty ? referred : heard)
            }
            // Retention 12 months from 2026-11-24: due when the last date is on or before 2025-11-24.
            let identities = [name, alias, child, perpetrator, note, "Referrer \(c)"]
            if last <= "2025-11-24" { history.due += identities } else if last > "2025-11-24" { history.kept += identities }
        }
        history.csv = rows.joined(separator: "\r\n") + "\r\n"
        return history
    }

    static let quarters = ["2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3", "2026Q4"]

    func figures(_ marac: MaracRun) throws -> [String] {
        try Self.quarters.flatMap { quarter in
            let exact = try marac("stats", "--quarter", quarter, "--format", "json", today: Self.today)
            let suppressed = try marac("stats", "--quarter", quarter, "--format", "json", "--suppress", today: Self.today)
            #expect(exact.status == 0 && suppressed.status == 0, "\(exact.err)\(suppressed.err)")
            return [exact.out, suppressed.out]
        }
    }

    /// How many times `text` (its UTF-8 bytes) occurs in every file in the test's folder: the database, its WAL, anything marac wrote.
    func occurrences(_ text: String, in folder: URL) throws -> Int {
        let needle = Data(text.utf8)
        var count = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            var range = data.startIndex..<data.endIndex
            while let found = data.range(of: needle, in: range) {
                count += 1
                range = found.upperBound..<data.endIndex
            }
        }
        return count
    }

    @Test func purgeKeepsEveryQuartersFiguresAndLeavesNoPurgedTextInAnyFile() throws {
        let marac = try MaracRun()
        let history = Self.history()
        #expect(history.due.count > 300 && history.kept.count > 300)
        let csv = try marac.file("history.csv", history.csv)
        let imported = try marac("import", "referrals", csv, today: Self.today)
        #expect(imported.status == 0, "\(imported.err)")
        try FileManager.default.removeItem(atPath: csv)
        // An old case heard at a meeting, with an action done: its texts go too.
        #expect(try marac("meeting", "create", "2025-02-06", today: "2025-01-20").status == 0)
        #expect(try marac("referral", "add", "--plain", "--ref", "OLD-1", "--agency", "police", "--referred-on", "2025-01-20", "--victim-name", "Quorra Oldcase",
                          "--consent", "given", today: "2025-01-20").status == 0)
        #expect(try marac("referral", "screen", "OLD-1", "--accept", "--meeting", "2025-02-06", today: "2025-01-21").status == 0)
        // Police research for the meeting: what it found goes with the case.
        let research = try marac("meeting", "research-record", "2025-02-06", "OLD-1", "--agency", "police", "--known", "yes",
                                 "--summary", "Quorra seen at Elmfield Road", "--risks", "Quorra under a DVPN", today: "2025-02-05")
        #expect(research.status == 0, "\(research.err)")
        #expect(try marac("meeting", "heard", "2025-02-06", "OLD-1", today: "2025-02-06").status == 0)
        let action = try marac("action", "add", "OLD-1", "--agency", "police", "--owner", "DC Lee", "--due", "2025-02-20", "--meeting", "2025-02-06",
                               "Visit Quorra at the refuge", today: "2025-02-06")
        #expect(action.status == 0, "\(action.err)")
        let actionID = action.out.filter(\.isNumber)
        #expect(try marac("action", "complete", actionID, "--note", "Quorra moved safely", today: "2025-02-18").status == 0)

        // No retention setting: purge explains and refuses, and changes nothing.
        let unset = try marac("purge", today: Self.today)
        #expect(unset.status == 65)
        #expect(unset.errorLines == ["error: retention-months: is not set: there is no default, each MARAC decides how many months a case is kept after its last activity; nothing was purged"])
        #expect(try marac("purge", "--dry-run", today: Self.today).status == 65)

        let before = try figures(marac)
        #expect(try marac("config", "set", "retention-months", "12", today: Self.today).status == 0)
        let dry = try marac("purge", "--dry-run", "--format", "json", today: Self.today)
        #expect(dry.status == 0, "\(dry.err)")
        let plan = try #require(try dry.json() as? [String: Any])
        let dueVictims = history.due.count / 6 + 1 // and OLD-1
        #expect(plan["victims"] as? Int == dueVictims)
        #expect(plan["cutoff"] as? String == "2025-11-24" && plan["retention_months"] as? Int == 12)
        #expect(plan["actions"] as? Int == 1)
        for text in history.due + history.kept { #expect(!dry.out.contains(text) && !dry.err.contains(text)) }
        #expect(try occurrences("Zelvyn Aaaa Purgetest", in: marac.folder) > 0, "the dry run purged nothing")

        let purged = try marac("purge", "--format", "json", today: Self.today)
        #expect(purged.status == 0, "\(purged.err)")
        let done = try #require(try purged.json() as? [String: Any])
        #expect(done["victims"] as? Int == dueVictims && done["referrals"] as? Int == plan["referrals"] as? Int)
        #expect(done["children"] as? Int == plan["children"] as? Int && (done["children"] as? Int ?? 0) > 0)

        // Every quarter's figures, exact and suppressed, byte for byte.
        let after = try figures(marac)
        for (index, (one, two)) in zip(before, after).enumerated() {
            #expect(one == two, "figures for \(Self.quarters[index / 2]) changed")
        }
        #expect(before.count == Self.quarters.count * 2)

        // The purged text is nowhere in the folder (database, -wal, -shm, outputs); kept cases are intact.
        for text in history.due + ["Quorra Oldcase", "Visit Quorra at the refuge", "Quorra moved safely",
                                   "Quorra seen at Elmfield Road", "Quorra under a DVPN"] {
            #expect(try occurrences(text, in: marac.folder) == 0, "\(text) survived the purge")
            #expect(try occurrences(text.lowercased(), in: marac.folder) == 0, "\(text) (its match key) survived the purge")
        }
        for text in history.kept.prefix(30) { #expect(try occurrences(text, in: marac.folder) > 0, "\(text) was purged but is kept") }

        // The chain still holds; the purge is on the trail with its setting; a second run finds nothing.
        #expect(try marac("audit", "verify", today: Self.today).status == 0)
        let trail = try marac("audit", "--entity", "purge", "--format", "csv", today: Self.today).out
        #expect(trail.contains("victims=") && trail.contains("retention-months=12") && trail.contains("cutoff=2025-11-24"))
        let again = try #require(try marac("purge", "--format", "json", today: Self.today).json() as? [String: Any])
        #expect(again["victims"] as? Int == 0 && again["referrals"] as? Int == 0)
        #expect(try figures(marac) == before)
        #expect(try marac("audit", "verify", today: Self.today).status == 0)
        let old = try #require(try marac("referral", "show", "--plain", "OLD-1", "--format", "json", today: Self.today).json() as? [String: Any])
        #expect((old["victim"] as? [String: Any])?["name"] as? String == "[purged]")
        #expect(old["risk_band"] as? String == "not_completed" && old["status"] as? String == "closed")
    }
}

/// Subject access: `person export` through the real binary.
@Suite struct SubjectAccessCLITests {
    func setUp(_ marac: MaracRun) throws -> (victim: Int, perpetrator: Int) {
        let csv = try marac.file("s.csv", """
            referral_ref,referred_on,referring_agency,victim_name,victim_dob,victim_aliases,perpetrator_name,perpetrator_dob,children,ric_score,consent,relationship,consent_note\r
            S-1,2026-03-02,police,Vera Requester,1985-04-04,Vee Req,Percival Harmer,1980-01-01,Tilly Requester|2015-06-01|Vera,16,given,"Percival's ex-partner",Vera asked that Percival Harmer is not told\r
            S-2,2026-05-02,idva,Olga Othervictim,1990-02-02,,Percival Harmer,1980-01-01,Otto Othervictim|2019-01-01|Olga,15,given,partner,Olga fears Percival\r

            """)
        #expect(try marac("import", "referrals", csv).status == 0)
        let shown = try #require(try marac("referral", "show", "--plain", "S-1", "--format", "json").json() as? [String: Any])
        return (try #require(shown["victim_id"] as? Int), try #require(shown["perpetrator_id"] as? Int))
    }

    @Test func aVictimGetsTheirCasesWithThePerpetratorRedactedAndTheRequestIsLogged() throws {
        let marac = try MaracRun()
        let (victim, _) = try setUp(marac)
        let path = marac.folder.appendingPathComponent("sar-victim.json").path
        let refused = try marac("person", "export", String(victim), "--out", path)
        #expect(refused.status == 64 && !FileManager.default.fileExists(atPath: path), "identities leave only encrypted or with --plain")
        #expect(refused.errorLines.first?.contains("--recipient") == true)
        let done = try marac("person", "export", String(victim), "--out", path, "--plain")
        #expect(done.status == 0, "\(done.err)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((document["person"] as? [String: Any])?["name"] as? String == "Vera Requester")
        let referrals = try #require(document["referrals"] as? [[String: Any]])
        #expect(referrals.map { $0["ref"] as? String } == ["S-1"], "only her own referrals")
        #expect(text.contains("Tilly Requester"), "her own children are disclosed to her")
        #expect(text.contains("Vee Req"))
        // Third parties: the perpetrator (in fields and free text) and the other victim.
        for third in ["Percival", "Harmer", "Olga", "Othervictim", "Otto", "1980-01-01"] { #expect(!text.contains(third), "\(third) in the file") }
        #expect(referrals.first?["perpetrator"] as? String == "[redacted: third party]")
        #expect(referrals.first?["consent_note"] as? String == "Vera asked that [redacted: third party] is not told")

        // The request is logged: an access record of the person through exportPerson, and an audit row.
        let access = try marac("audit", "access", "--person", String(victim), "--format", "csv").out
        #expect(access.contains("exportPerson"))
        let trail = try marac("audit", "--entity", "person", "--format", "csv").out
        #expect(trail.contains("subject_access") && trail.contains("referrals=1"))
        #expect(!trail.contains("Vera") && !trail.contains(path))
        // A second export lists the first among the reads of her record.
        #expect(try marac("person", "export", String(victim), "--out", path, "--plain").status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("\"use_case\": \"exportPerson\""))
    }

    @Test func theFileIsAnAgeFileForTheRequestersKeyWhenAsked() throws {
        let marac = try MaracRun()
        let (victim, _) = try setUp(marac)
        let key = try PackCLITests.keygen(marac, "requester.key")
        let path = marac.folder.appendingPathComponent("sar.age").path
        let done = try marac("person", "export", String(victim), "--out", path, "--recipient", key.publicKey)
        #expect(done.status == 0, "\(done.err)")
        let sealed = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(sealed.range(of: Data("Vera Requester".utf8)) == nil && String(decoding: sealed.prefix(21), as: UTF8.self) == "age-encryption.org/v1")
        let opened = try PackCLITests.ageDecrypt(marac, key: key.file, path)
        #expect(opened.status == 0, "\(opened.err)")
        let text = String(decoding: opened.out, as: UTF8.self)
        #expect(text.contains("\"name\": \"Vera Requester\"") && !text.contains("Percival"))
        let access = try marac("audit", "access", "--person", String(victim), "--format", "csv").out
        #expect(access.contains("exportPerson") && access.contains("sent to key \(key.publicKey) in a pack"))
    }

    @Test func aPerpetratorGetsNoVictimNoChildAndNoFreeText() throws {
        let marac = try MaracRun()
        let (_, perpetrator) = try setUp(marac)
        let path = marac.folder.appendingPathComponent("sar-perpetrator.json").path
        #expect(try marac("person", "export", String(perpetrator), "--out", path, "--plain").status == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((document["referrals"] as? [Any])?.count == 2, "both referrals naming him")
        #expect(text.contains("Percival Harmer"))
        for third in ["Vera", "Requester", "Vee Req", "Olga", "Othervictim", "Tilly", "Otto", "1985-04-04", "2015-06-01"] {
            #expect(!text.contains(third), "\(third) in the perpetrator's file")
        }
        #expect(try marac("person", "export", "999", "--out", path, "--plain").status == 65)
    }
}
