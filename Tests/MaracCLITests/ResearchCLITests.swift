import Foundation
import Testing

/// Research lists, returns and chase lists through the real binary.
@Suite struct ResearchCLITests {
    /// A meeting on 2026-12-03 with KIDS (police) and ADULT (housing) listed, police confirmed.
    static func prepared() throws -> MaracRun {
        let marac = try MaracRun()
        for arguments in [
            ["meeting", "create", "2026-12-03"],
            ["referral", "add", "--ref", "KIDS", "--agency", "police", "--victim-name", "Kira Child", "--victim-dob", "1990-01-02",
             "--ric-score", "15", "--children", "1", "--child-details", "Sam Child|2019-04-02|mother"],
            ["referral", "add", "--ref", "ADULT", "--agency", "housing", "--victim-name", "Ada Adult", "--ric-score", "16"],
            ["referral", "screen", "KIDS", "--accept"],
            ["referral", "screen", "ADULT", "--accept"],
            ["meeting", "confirm", "2026-12-03", "police"],
        ] {
            let result = try marac.run(["--db", marac.db] + arguments)
            #expect(result.status == 0, "\(arguments): \(result.err)")
        }
        return marac
    }

    @Test func aListGoesOutAndComesBackFilledIn() throws {
        let marac = try Self.prepared()
        let out = marac.folder.appendingPathComponent("police-list.csv").path
        let sent = try marac("meeting", "research", "2026-12-03", "--agency", "police", "--out", out)
        #expect(sent.status == 0, "\(sent.err)")
        let attributes = try FileManager.default.attributesOfItem(atPath: out)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let list = try String(contentsOfFile: out, encoding: .utf8)
        #expect(list.hasPrefix("referral_ref,agency,victim_name,victim_aliases,victim_dob,"))
        #expect(list.contains("KIDS,police,Kira Child,,1990-01-02,,,,,,Sam Child|2019-04-02,,,,\r\n"))
        // Filled in and returned.
        let filled = list.replacingOccurrences(of: "Sam Child|2019-04-02,,,,", with: "Sam Child|2019-04-02,yes,Known: two call-outs,DVPN,2026-11-23")
            .replacingOccurrences(of: "ADULT,police,Ada Adult,,,,,,,,,,,,", with: "ADULT,police,Ada Adult,,,,,,,,,no,,,")
        let back = try marac("meeting", "research-return", "2026-12-03", try marac.file("back.csv", filled))
        #expect(back.status == 0, "\(back.err)")
        #expect(back.err.contains("recorded 2 research return(s)"))
        let returns = try marac("meeting", "returns", "2026-12-03", "--format", "csv")
        #expect(returns.out == """
            ref,agency,known,summary,current_risks,returned_on,recorded_by,on_behalf,earlier\r
            ADULT,police,not known,,,2026-11-24,\(NSUserName()),yes,0\r
            KIDS,police,known,Known: two call-outs,DVPN,2026-11-23,\(NSUserName()),yes,0\r

            """)
        let agenda = try marac("meeting", "agenda", "2026-12-03", "--format", "json", "--plain")
        let cases = try #require((try agenda.json() as? [String: Any])?["cases"] as? [[String: Any]])
        #expect(cases.map { $0["research_returned"] as? Int } == [1, 1])
        #expect(cases.map { $0["defer_suggested"] as? Bool } == [false, true])
        // The access log says the police received both cases.
        let access = try marac("audit", "access", "ADULT", "--format", "csv")
        #expect(access.out.contains("sent to police: research list for the meeting on 2026-12-03"))
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
            "error: \(file):3: referral_ref: NOPE is not on the agenda for 2026-12-03",
            "error: \(file):5: known: 'sometimes' must be yes or no",
        ])
        #expect(try marac("meeting", "returns", "2026-12-03", "--format", "csv").out.split(separator: "\n").count == 1, "nothing recorded")
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
        let chase = try marac("action", "chase", "--format", "csv")
        #expect(chase.out == """
            agency,id,ref,owner,due_on,state,days_overdue,action\r
            housing,3,KIDS,Owner housing,2026-11-28,due_soon,0,Do it\r
            police,1,KIDS,Owner police,2026-11-01,escalated,23,Do it\r
            police,2,KIDS,Owner police,2026-11-20,overdue,4,Do it\r

            """)
        #expect(try marac("config", "set", "escalation-days", "30").status == 0)
        let json = try #require(try marac("action", "chase", "--agency", "police", "--format", "json").json() as? [String: Any])
        #expect(json["escalation_days"] as? Int == 30)
        let police = try #require((json["agencies"] as? [[String: Any]])?.first)
        #expect((police["overdue"] as? [[String: Any]])?.map { $0["days_overdue"] as? Int } == [23, 4])
        #expect(police["escalated_count"] as? Int == 0)

        let folder = marac.folder.appendingPathComponent("chase").path
        let written = try marac("action", "chase", "--out", folder)
        #expect(written.status == 0, "\(written.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["marac-chase-housing.csv", "marac-chase-police.csv"])
        let log = marac.folder.appendingPathComponent("log.csv").path
        #expect(try marac("meeting", "action-log", "2026-12-03", "--agency", "housing", "--out", log).status == 0)
        #expect(try String(contentsOfFile: log, encoding: .utf8) == """
            agency,action,ref,owner,due_on,status,description\r
            housing,3,KIDS,Owner housing,2026-11-28,open,Do it\r
            housing,4,KIDS,Owner housing,2026-12-20,open,Do it\r

            """)
        let access = try marac("audit", "access", "KIDS", "--format", "csv").out
        for reason in ["sent to police: chase list of 2 actions", "sent to housing: chase list of 1 action",
                       "sent to housing: action log of the meeting on 2026-12-03"] {
            #expect(access.contains(reason), "\(reason)")
        }
    }
}
