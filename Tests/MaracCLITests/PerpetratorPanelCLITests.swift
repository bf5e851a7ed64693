import Foundation
import Testing

/// Issue 24, the perpetrator panel through the real binary on a real file:
/// refer, meet, decide, interventions and their outcomes, chase, the packs,
/// the figures; and the bad input the issue names, each refused with
/// nothing written. Today is 2026-11-24 (MaracRun's clock).
@Suite struct PerpetratorPanelCLITests {
    typealias Backup = BackupCLITests

    /// Two victims of one man within three years, one at high risk: serial and high harm.
    static func twoVictims() throws -> (MaracRun, perpetrator: String) {
        let marac = try MaracRun()
        let csv = try marac.file("r.csv", """
            referral_ref,referred_on,referring_agency,victim_name,victim_dob,perpetrator_name,perpetrator_dob,ric_score,children_in_household
            P-1,2026-03-01,police,Ann One,1990-01-01,Perry Pan,1980-02-02,16,2
            P-2,2026-06-01,police,Bea Two,1991-01-01,Perry Pan,1980-02-02,8,0

            """)
        #expect(try marac("import", "referrals", csv).status == 0)
        let shown = try marac("referral", "show", "--plain", "P-1", "--format", "json")
        let json = try #require(try shown.json() as? [String: Any])
        return (marac, String(try #require(json["perpetrator_id"] as? Int)))
    }

    func dump(_ marac: MaracRun) throws -> [String: String] { try Backup.dump(marac.db, in: marac.folder) }

    @Test func aPerpetratorIsReferredDecidedAndFollowedThroughToTheFigures() throws {
        let (marac, perpetrator) = try Self.twoVictims()
        #expect(try marac("panel", "meeting", "create", "2026-12-01", "--chair", "DI Ash").status == 0)
        let referred = try marac("panel", "refer", perpetrator, "--reason", "two victims, one at high risk", "--format", "csv")
        #expect(referred.status == 0, "\(referred.err)")
        #expect(referred.out.contains("1,\(perpetrator),serial;high_harm,open"), "\(referred.out)")

        // The agenda lists it as new (referred after the meeting was made), in the panel's order, by id only.
        let agenda = try marac("panel", "meeting", "agenda", "2026-12-01", "--plain")
        #expect(agenda.status == 0, "\(agenda.err)")
        #expect(agenda.out.contains("## 1. New referrals (1)") && agenda.out.contains("perpetrator \(perpetrator)"), "\(agenda.out)")
        #expect(agenda.out.contains("serial: 2 victims in 3 years") && agenda.out.contains("risk high · 2 children"), "\(agenda.out)")
        #expect(!agenda.out.contains("Perry") && !agenda.out.contains("Ann One"), "\(agenda.out)")
        let new = try #require(agenda.out.range(of: "New referrals")), reviews = try #require(agenda.out.range(of: "Reviews")),
            closures = try #require(agenda.out.range(of: "Closures"))
        #expect(new.lowerBound < reviews.lowerBound && reviews.lowerBound < closures.lowerBound)

        #expect(try marac("panel", "meeting", "attend", "2026-12-01", "police", "probation").status == 0)
        #expect(try marac("panel", "decide", "1", "--decision", "drive", "--reason", "accepted for Drive").status == 0)
        let added = try marac("panel", "intervention", "add", "1", "--type", "drive", "--agency", "probation",
                              "--start", "2026-11-01", "--review-due", "2026-11-10")
        #expect(added.status == 0 && added.out == "1\n", "\(added.err)")
        // The review date has passed with no outcome: chased, days overdue.
        let chase = try marac("panel", "chase", "--format", "csv")
        #expect(chase.out.contains("1,1,drive,probation,2026-11-01,,,2026-11-10,14"), "\(chase.out)")
        #expect(try marac("panel", "intervention", "outcome", "1", "--outcome", "completed").status == 0)
        #expect(try marac("panel", "chase", "--format", "csv").out.split(separator: "\n").count == 1)

        let minutes = try marac("panel", "meeting", "minutes", "2026-12-01", "--plain")
        #expect(minutes.out.contains("decision: accepted for Drive") && minutes.out.contains("outcome completed"), "\(minutes.out)")

        let figures = try marac("panel", "stats", "--quarter", "2026Q4", "--format", "json")
        let json = try #require(try figures.json() as? [String: Any])
        #expect((json["referrals"] as? [String: Any])?["total"] as? Int == 1)
        // Serial perpetrators in a period: named in it (Perry's referrals are in March and June), serial at its end.
        #expect(json["serial_perpetrators"] as? Int == 0, "no referral or incident names him in the quarter")
        let year = try marac("panel", "stats", "--year", "2026", "--format", "json")
        #expect((try year.json() as? [String: Any])?["serial_perpetrators"] as? Int == 1, "\(year.out)")
        #expect((json["decisions"] as? [String: Any])?["drive"] as? Int == 1)
        #expect((json["interventions"] as? [String: Any])?["drive"] as? Int == 1)
        #expect((json["outcomes"] as? [String: Any])?["completed"] as? Int == 1)
        let programme = try #require(json["programme"] as? [String: Any])
        #expect(programme["perpetrators"] as? Int == 1 && programme["victims_referrals_12m_before"] as? Int == 2)

        // The controlled figures (what leaves the MARAC, the steering group's): every small count reads [c], zeros stay.
        let controlled = try marac("panel", "stats", "--quarter", "2026Q4", "--format", "json", "--suppress")
        let hidden = try #require(try controlled.json() as? [String: Any])
        #expect(hidden["suppressed"] as? Bool == true)
        #expect((hidden["referrals"] as? [String: Any])?["total"] as? String == "[c]")
        #expect((hidden["decisions"] as? [String: Any])?["drive"] as? String == "[c]")
        #expect((hidden["decisions"] as? [String: Any])?["no_further_action"] as? Int == 0)
        #expect((hidden["programme"] as? [String: Any])?["victims_referrals_12m_before"] as? String == "[c]")
        let csv = try marac("panel", "stats", "--quarter", "2026Q4", "--format", "csv")
        #expect(csv.status == 0 && csv.out.contains("referrals,total,[c]") && !csv.out.contains("referrals,total,1"), "\(csv.out)")
    }

    @Test func theBadInputTheIssueNamesIsRefusedWithNothingWritten() throws {
        let (marac, perpetrator) = try Self.twoVictims()
        #expect(try marac("panel", "meeting", "create", "2026-12-01").status == 0)
        #expect(try marac("panel", "refer", perpetrator, "--reason", "serial").status == 0)
        #expect(try marac("panel", "meeting", "attend", "2026-12-01", "police").status == 0)

        // Already open on the panel: said so, 65, nothing written (directly or from the case).
        var before = try dump(marac)
        for again in [try marac("panel", "refer", perpetrator, "--reason", "again"), try marac("panel", "refer", "--from", "P-2", "--reason", "again")] {
            #expect(again.status == 65)
            #expect(again.errorLines == ["error: perpetrator \(perpetrator) is already open on the panel (panel referral 1); nothing was written"],
                    "\(again.err)")
            #expect(try dump(marac) == before)
        }
        // A decision without a reason, or a blank one: refused, nothing written.
        for reason in [[], ["--reason", "   "]] {
            let refused = try marac.run(["--db", marac.db, "panel", "decide", "1", "--decision", "support"] + reason)
            #expect(refused.status == 65 && refused.errorLines.first?.contains("reason") == true, "\(refused.err)")
            #expect(try dump(marac) == before)
        }
        // A decision code that is not one: named by its option, the value never repeated.
        let badCode = try marac("panel", "decide", "1", "--decision", "lock-him-up", "--reason", "x")
        #expect(badCode.status == 64 && !badCode.err.contains("lock-him-up"), "\(badCode.err)")

        #expect(try marac("panel", "decide", "1", "--decision", "support", "--reason", "support worker").status == 0)
        before = try dump(marac)
        // An intervention for an agency not at the panel: refused, nothing written.
        let absent = try marac("panel", "intervention", "add", "1", "--type", "support", "--agency", "idva",
                               "--start", "2026-11-24", "--review-due", "2026-12-24")
        #expect(absent.status == 65, "\(absent.err)")
        #expect(absent.errorLines == ["error: agency: was not at the panel meeting that decided the referral; an intervention's owner must be"])
        #expect(try dump(marac) == before)
    }

    @Test func theAgendaAndMinutesGoOutAsAgePacks() throws {
        let (marac, perpetrator) = try Self.twoVictims()
        #expect(try marac("panel", "meeting", "create", "2026-12-01").status == 0)
        #expect(try marac("panel", "refer", perpetrator, "--reason", "serial").status == 0)
        let key = try PackCLITests.keygen(marac, "panel.key")
        let piped = try marac("panel", "meeting", "agenda", "2026-12-01")
        #expect(piped.status == 64 && piped.out.isEmpty)
        for document in ["agenda", "minutes"] {
            let out = marac.folder.appendingPathComponent("\(document).age").path
            let sent = try marac("panel", "meeting", document, "2026-12-01", "--out", out, "--recipient", key.publicKey)
            #expect(sent.status == 0, "\(sent.err)")
            let opened = try PackCLITests.ageDecrypt(marac, key: key.file, out)
            #expect(opened.status == 0)
            #expect(String(decoding: opened.out, as: UTF8.self).contains("Panel referral 1: perpetrator \(perpetrator)"))
        }
    }
}
