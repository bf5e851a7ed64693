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

    @Test func aDifferentNameWithTheSameDateOfBirthIsNeverMatched() throws {
        let marac = try MaracRun()
        for (ref, name) in [("ID-1", "Amina Begum"), ("ID-2", "Amina Begam")] {
            #expect(try marac("referral", "add", "--plain", "--ref", ref, "--agency", "police", "--victim-name", name,
                              "--victim-dob", "1990-05-01", "--ric-answers", Self.answers).status == 0)
        }
        #expect(try victimAndRepeat(marac, "ID-1").victim != victimAndRepeat(marac, "ID-2").victim)
    }
}
