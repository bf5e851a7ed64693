import Foundation
import Testing

/// Issue 24, on a shared-server install with real OS users: for a case whose
/// perpetrator has harmed others outside the reader's scope, only the fact
/// and the count show, never who; the perpetrator page lists the reader's
/// cases only; the analyst may not open it.
@Suite(.serialized) struct SerialPerpetratorScopeTests {
    @Test(.enabled(if: PermissionMatrixTests.canInstall, "needs root, useradd, runuser and sqlite3, and a temporary folder without nosuid"))
    func anIDVASeesTheCountButNotTheOtherVictim() throws {
        let m = try #require(PermissionMatrixTests.Install())
        #expect(m.run("adm", "user", "add", m.login("idv"), "--name", "An IDVA", "--role", "idva").status == 0)
        #expect(m.run("adm", "user", "add", m.login("ana"), "--name", "Analyst", "--role", "analyst").status == 0)
        // Her client, and another victim of the same man that only the coordinator sees.
        #expect(m.run("idv", "referral", "add", "--plain", "--ref", "OWN-1", "--agency", "idva", "--victim-name", "Ida Own",
                      "--victim-dob", "1991-01-01", "--perpetrator-name", "Paul Stone", "--perpetrator-dob", "1980-02-02", "--ric-score", "15").status == 0)
        #expect(m.run("adm", "referral", "add", "--plain", "--ref", "OTHER-1", "--agency", "police", "--victim-name", "Hilda Hidden",
                      "--victim-dob", "1993-03-03", "--perpetrator-name", "Paul Stone", "--perpetrator-dob", "1980-02-02", "--ric-score", "16").status == 0)

        let shown = m.shown("idv", "referral", "show", "--plain", "OWN-1", "--format", "json")
        #expect(shown.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as? [String: Any])
        #expect(json["serial"] as? Bool == true && json["serial_victims"] as? Int == 2)
        #expect((json["linked_cases"] as? [Any])?.isEmpty == true)
        #expect(!shown.out.contains("Hilda") && !shown.out.contains("OTHER-1"))

        let id = try #require(json["perpetrator_id"] as? Int)
        let page = m.shown("idv", "perpetrator", "show", String(id), "--plain")
        #expect(page.status == 0)
        #expect(page.out.contains("OWN-1") && page.out.contains("serial: 2 victims in 3 years"), "\(page.out)")
        #expect(!page.out.contains("Hilda") && !page.out.contains("OTHER-1"), "\(page.out)")
        #expect(m.shown("adm", "perpetrator", "show", String(id), "--plain").out.contains("OTHER-1"))

        // Not in the policy for the analyst: 77, nothing shown.
        let refused = m.run("ana", "perpetrator", "show", String(id), "--plain")
        #expect(refused.status == 77 && !refused.out.contains("Paul"))

        // The harm ranking spans every case: the coordinator's; the IDVA and the analyst get 77 and no names.
        let ranking = m.shown("adm", "perpetrator", "rank", "--plain", "--format", "csv")
        #expect(ranking.status == 0 && ranking.out.contains("Paul Stone"), "\(ranking.out)")
        for login in ["idv", "ana"] {
            let refusedRank = m.run(login, "perpetrator", "rank", "--plain")
            #expect(refusedRank.status == 77 && !refusedRank.out.contains("Paul"), "\(login)")
        }
    }
}
