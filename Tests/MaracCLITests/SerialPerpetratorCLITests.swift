import Foundation
import Testing

/// Issue 24: a perpetrator recorded against two or more different victims
/// within three years is flagged serial at intake, in triage, on the agenda
/// and on the case, through the real binary; `perpetrator show` gives the
/// page. Today is 2026-11-24 (MaracRun's clock).
@Suite struct SerialPerpetratorCLITests {
    static let answers = String(repeating: "Y", count: 14) + String(repeating: "N", count: 10)

    func add(_ marac: MaracRun, _ ref: String, victim: String, dob: String, on day: String,
             perpetrator: String = "Gary Webb", perpetratorDOB: String = "1979-04-02") throws -> MaracRun.Result {
        try marac("referral", "add", "--plain", "--ref", ref, "--agency", "police", "--referred-on", day,
                  "--victim-name", victim, "--victim-dob", dob, "--perpetrator-name", perpetrator,
                  "--perpetrator-dob", perpetratorDOB, "--ric-answers", Self.answers)
    }

    func shown(_ marac: MaracRun, _ ref: String) throws -> [String: Any] {
        let shown = try marac("referral", "show", "--plain", ref, "--format", "json")
        #expect(shown.status == 0, "\(shown.err)")
        return try #require(try shown.json() as? [String: Any])
    }

    @Test func aSecondVictimWithinThreeYearsFlagsThePerpetratorEverywhere() throws {
        let marac = try MaracRun()
        let first = try add(marac, "S-1", victim: "Ann Lee", dob: "1990-01-01", on: "2024-06-01")
        #expect(first.status == 0 && !first.err.contains("serial"), "\(first.err)")
        #expect(try shown(marac, "S-1")["serial"] as? Bool == false)
        #expect(try shown(marac, "S-1")["serial_victims"] as? Int == 1)

        // Intake: the second victim makes him serial, and the person logging is told at once.
        let second = try add(marac, "S-2", victim: "Beth Moss", dob: "1992-02-02", on: "2026-11-20")
        #expect(second.status == 0, "\(second.err)")
        #expect(second.err.contains("perpetrator serial: 2 victims in 3 years"), "\(second.err)")
        for ref in ["S-1", "S-2"] {
            let json = try shown(marac, ref)
            #expect(json["serial"] as? Bool == true && json["serial_victims"] as? Int == 2, "\(ref)")
        }

        // Triage: the queue's serial column.
        let queue = try marac("referral", "queue", "--plain")
        #expect(queue.status == 0)
        let rows = queue.out.split(whereSeparator: \.isNewline).filter { $0.contains("S-1") || $0.contains("S-2") }
        #expect(rows.count == 2 && rows.allSatisfy { $0.contains("2 victims") }, "\(queue.out)")

        // The agenda: in JSON per case, and in the circulated text.
        #expect(try marac("meeting", "create", "2026-12-10").status == 0)
        #expect(try marac("referral", "screen", "S-2", "--accept").status == 0)
        let agenda = try marac("meeting", "agenda", "2026-12-10", "--plain", "--format", "json")
        #expect(agenda.status == 0, "\(agenda.err)")
        let cases = try #require((try agenda.json() as? [String: Any])?["cases"] as? [[String: Any]])
        #expect(cases.count == 1 && cases[0]["serial"] as? Bool == true && cases[0]["serial_victims"] as? Int == 2)
        let text = try marac("meeting", "agenda", "2026-12-10", "--plain")
        #expect(text.out.contains("Serial perpetrators:") && text.out.contains("S-2: perpetrator serial: 2 victims in 3 years"), "\(text.out)")
        #expect(!text.out.contains("Ann Lee"), "the agenda names no other victim")
    }

    @Test func theSameVictimTwiceOrAVictimLongAgoIsNotSerial() throws {
        let marac = try MaracRun()
        #expect(try add(marac, "S-1", victim: "Ann Lee", dob: "1990-01-01", on: "2026-01-10").status == 0)
        #expect(try add(marac, "S-2", victim: "Ann Lee", dob: "1990-01-01", on: "2026-10-10").status == 0)
        #expect(try shown(marac, "S-2")["serial"] as? Bool == false, "one victim twice is a repeat, not serial")
        // Three years and a day before today (2026-11-24) falls outside the window.
        let other = try MaracRun()
        #expect(try add(other, "T-1", victim: "Cara Pine", dob: "1985-05-05", on: "2023-11-24").status == 0)
        #expect(try add(other, "T-2", victim: "Dana Roe", dob: "1987-07-07", on: "2026-11-01").status == 0)
        #expect(try shown(other, "T-2")["serial_victims"] as? Int == 1)
        // The first day inside it counts.
        #expect(try add(other, "T-3", victim: "Erin Sky", dob: "1989-09-09", on: "2023-11-25").status == 0)
        #expect(try shown(other, "T-2")["serial"] as? Bool == true)
        #expect(try shown(other, "T-2")["serial_victims"] as? Int == 2)
    }

    @Test func theCountIsASettingAndABadValueIsRefused() throws {
        let marac = try MaracRun()
        #expect(try add(marac, "S-1", victim: "Ann Lee", dob: "1990-01-01", on: "2026-06-01").status == 0)
        #expect(try add(marac, "S-2", victim: "Beth Moss", dob: "1992-02-02", on: "2026-11-20").status == 0)
        #expect(try marac("config", "set", "serial-victims", "3").status == 0)
        #expect(try shown(marac, "S-2")["serial"] as? Bool == false)
        let refused = try marac("config", "set", "serial-victims", "1")
        #expect(refused.status == 65 && refused.errorLines.count == 1, "\(refused.err)")
        #expect(try marac("config", "get", "serial-victims").out.contains("3"))
    }

    @Test func thePerpetratorPageShowsEveryVictimsReferralsAndRiskOverTime() throws {
        let marac = try MaracRun()
        #expect(try add(marac, "S-1", victim: "Ann Lee", dob: "1990-01-01", on: "2025-03-01").status == 0)
        #expect(try add(marac, "S-2", victim: "Beth Moss", dob: "1992-02-02", on: "2026-11-20").status == 0)
        #expect(try add(marac, "S-3", victim: "Cara Pine", dob: "1985-05-05", on: "2026-11-21", perpetrator: "Someone Else", perpetratorDOB: "1970-01-01").status == 0)
        let id = try #require(try shown(marac, "S-1")["perpetrator_id"] as? Int)
        let page = try marac("perpetrator", "show", String(id), "--plain", "--format", "json")
        #expect(page.status == 0, "\(page.err)")
        let json = try #require(try page.json() as? [String: Any])
        #expect(json["serial"] as? Bool == true && json["serial_victims"] as? Int == 2 && json["victims_in_scope"] as? Int == 2)
        let refs = (json["referrals"] as? [[String: Any]] ?? []).compactMap { $0["ref"] as? String }
        #expect(refs == ["S-2", "S-1"], "newest first, and only his")
        let table = try marac("perpetrator", "show", String(id), "--plain")
        #expect(table.out.contains("serial: 2 victims in 3 years"), "\(table.out)")
        // Risk over time, oldest first.
        let s1 = try #require(table.out.range(of: "S-1")), s2 = try #require(table.out.range(of: "S-2"))
        #expect(s1.lowerBound < s2.lowerBound)

        // A victim's id, or an id never recorded: the same one line, exit 65.
        let victimID = try #require(try shown(marac, "S-1")["victim_id"] as? Int)
        for wrong in [String(victimID), "999"] {
            let refused = try marac("perpetrator", "show", wrong, "--plain")
            #expect(refused.status == 65 && refused.errorLines == ["error: no perpetrator with that id"], "\(refused.err)")
        }
        // To a pipe without --plain: refused, nothing shown.
        #expect(try marac("perpetrator", "show", String(id)).status == 64)
    }
}
