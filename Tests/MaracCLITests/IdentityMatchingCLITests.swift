import Foundation
import Testing

/// Issue 20, defect 1: the same victim typed with or without accents, with a
/// curly or straight apostrophe, was a new person, so the repeat was missed.
/// Matching now folds names as search does.
@Suite struct IdentityMatchingCLITests {
    static let answers = String(repeating: "Y", count: 14) + String(repeating: "N", count: 10)

    func victimAndRepeat(_ marac: MaracRun, _ ref: String) throws -> (victim: Int, isRepeat: Bool) {
        let shown = try marac("referral", "show", "--plain", ref, "--format", "json")
        #expect(shown.status == 0, "\(shown.err)")
        let json = try #require(try shown.json() as? [String: Any])
        let referral = (json["referral"] as? [String: Any]) ?? json
        let victim = try #require((referral["victim_id"] as? Int) ?? ((json["victim"] as? [String: Any])?["id"] as? Int))
        let isRepeat = try #require((referral["repeat"] as? Bool) ?? (referral["is_repeat"] as? Bool))
        return (victim, isRepeat)
    }

    @Test(arguments: [("Siobhán O'Connor", "Siobhan O'Connor"), ("Priya D’Souza", "Priya D'Souza"), ("Aoife Ní Mhurchú", "Aoife Ni Mhurchu")])
    func theSameVictimSpelledTwoWaysIsOnePersonAndARepeat(first: String, second: String) throws {
        let marac = try MaracRun()
        #expect(try marac("referral", "add", "--plain", "--ref", "ID-1", "--agency", "police", "--referred-on", "2026-09-01",
                          "--victim-name", first, "--victim-dob", "1988-03-14", "--perpetrator-name", "Declan O'Connor",
                          "--ric-answers", Self.answers).status == 0)
        #expect(try marac("referral", "add", "--plain", "--ref", "ID-2", "--agency", "idva", "--referred-on", "2026-10-20",
                          "--victim-name", second, "--victim-dob", "1988-03-14", "--perpetrator-name", "Declan O’Connor",
                          "--ric-answers", Self.answers).status == 0)
        let one = try victimAndRepeat(marac, "ID-1"), two = try victimAndRepeat(marac, "ID-2")
        #expect(one.victim == two.victim)
        #expect(!one.isRepeat && two.isRepeat)
    }

    /// A near match (one letter apart, born the same day) is never decided
    /// silently: in a script it is refused, the candidate named by id only,
    /// nothing written; `--new-person` makes a new person on purpose.
    @Test func aNearMatchIsRefusedListingIdsOnlyUntilDecided() throws {
        let marac = try MaracRun()
        #expect(try marac("referral", "add", "--plain", "--ref", "ID-1", "--agency", "police", "--victim-name", "Amina Begum",
                          "--victim-dob", "1990-05-01", "--ric-answers", Self.answers).status == 0)
        let refused = try marac("referral", "add", "--plain", "--ref", "ID-2", "--agency", "police", "--victim-name", "Amina Begam",
                                "--victim-dob", "1990-05-01", "--ric-answers", Self.answers)
        #expect(refused.status == 65)
        #expect(refused.errorLines.count == 1, "\(refused.err)")
        #expect(refused.err.contains("person 1 (similar_name)") && refused.err.contains("--same-person-as ID or --new-person"), "\(refused.err)")
        #expect(!refused.err.contains("Amina") && !refused.err.contains("Beg") && !refused.err.contains("1990"), "\(refused.err)")
        #expect(try marac.referrals().count == 1)

        #expect(try marac("referral", "add", "--plain", "--ref", "ID-2", "--agency", "police", "--victim-name", "Amina Begam",
                          "--victim-dob", "1990-05-01", "--ric-answers", Self.answers, "--new-person").status == 0)
        #expect(try victimAndRepeat(marac, "ID-1").victim != victimAndRepeat(marac, "ID-2").victim)
    }

    /// `--same-person-as ID` names the person: the referral is theirs, the
    /// name typed becomes an alias, and the repeat is found.
    @Test func samePersonAsPutsTheReferralOnThatPerson() throws {
        let marac = try MaracRun()
        #expect(try marac("referral", "add", "--plain", "--ref", "ID-1", "--agency", "police", "--referred-on", "2026-09-01",
                          "--victim-name", "Amina Begum", "--victim-dob", "1990-05-01", "--perpetrator-name", "Omar Khan",
                          "--ric-answers", Self.answers).status == 0)
        let added = try marac("referral", "add", "--plain", "--ref", "ID-2", "--agency", "police", "--referred-on", "2026-10-01",
                              "--victim-name", "Amina Begam", "--victim-dob", "1990-05-01", "--perpetrator-name", "Omar Khan",
                              "--ric-answers", Self.answers, "--same-person-as", "1")
        #expect(added.status == 0, "\(added.err)")
        let two = try victimAndRepeat(marac, "ID-2")
        #expect(two.victim == 1 && two.isRepeat)
    }

    @Test(arguments: [["--same-person-as", "99"], ["--same-person-as", "2"]])
    func samePersonAsSomeoneWhoIsNotAVictimIsOneLine(_ choice: [String]) throws {
        let marac = try MaracRun()
        #expect(try marac("referral", "add", "--plain", "--ref", "ID-1", "--agency", "police", "--victim-name", "Amina Begum",
                          "--victim-dob", "1990-05-01", "--perpetrator-name", "Omar Khan", "--ric-answers", Self.answers).status == 0)
        let refused = try marac.run(["--db", marac.db, "referral", "add", "--plain", "--ref", "ID-2", "--agency", "police",
                                     "--victim-name", "Amina Begam", "--victim-dob", "1990-05-01", "--ric-answers", Self.answers] + choice)
        #expect(refused.status == 65)
        #expect(refused.errorLines.count == 1 && refused.err.contains("not a recorded victim"), "\(refused.err)")
        #expect(try marac.referrals().count == 1)
    }

    /// The perpetrator the same way: spelled two ways, one perpetrator once
    /// decided, so the repeat and the linked cases are found.
    @Test func aPerpetratorNearMatchIsDecidedTheSameWay() throws {
        let marac = try MaracRun()
        #expect(try marac("referral", "add", "--plain", "--ref", "ID-1", "--agency", "police", "--referred-on", "2026-09-01",
                          "--victim-name", "Siobhán O'Connor", "--victim-dob", "1988-03-14", "--perpetrator-name", "Declan Murphy",
                          "--perpetrator-dob", "1985-01-02", "--ric-answers", Self.answers).status == 0)
        let second = ["referral", "add", "--plain", "--ref", "ID-2", "--agency", "police", "--referred-on", "2026-10-20",
                      "--victim-name", "Siobhan O’Connor", "--victim-dob", "1988-03-14", "--perpetrator-name", "Declan Murphey",
                      "--perpetrator-dob", "1985-01-02", "--ric-answers", Self.answers]
        let refused = try marac.run(["--db", marac.db] + second)
        #expect(refused.status == 65 && refused.err.contains("perpetrator: ") && refused.err.contains("person 2 (similar_name)"), "\(refused.err)")
        #expect(refused.err.contains("--same-perpetrator-as ID or --new-perpetrator") && !refused.err.contains("Declan"))
        #expect(try marac.run(["--db", marac.db] + second + ["--same-perpetrator-as", "2"]).status == 0)
        let two = try victimAndRepeat(marac, "ID-2")
        #expect(two.victim == 1 && two.isRepeat)
    }

    @Test func aDateOfBirthATypoApartIsOffered() throws {
        let marac = try MaracRun()
        #expect(try marac("referral", "add", "--plain", "--ref", "ID-1", "--agency", "police", "--victim-name", "Priya D’Souza",
                          "--victim-dob", "1990-05-01", "--ric-answers", Self.answers).status == 0)
        let refused = try marac("referral", "add", "--plain", "--ref", "ID-2", "--agency", "police", "--victim-name", "Priya D'Souza",
                                "--victim-dob", "1990-05-07", "--ric-answers", Self.answers)
        #expect(refused.status == 65 && refused.err.contains("person 1 (dob_typo)"), "\(refused.err)")
    }
}
