import Foundation
import Testing

/// Issue 10: the safety flags are recorded by flag and import column, shown
/// in words by `referral show`, as codes in JSON and the export.
@Suite struct SafetyFlagsCLITests {
    @Test func safetyFlagsTravelFromFlagsToWordsAndThroughAnExport() throws {
        let marac = try MaracRun()
        let added = try marac("referral", "add", "--plain", "--ref", "S-1", "--agency", "police", "--victim-name", "Ann Safe",
                              "--safe-to-call", "no", "--do-not-contact-at-home", "yes", "--perpetrator-unaware", "YES",
                              "--interpreter-language", "Polish", "--keyworker", "idva1")
        #expect(added.status == 0, "\(added.err)")
        let table = try marac("referral", "show", "--plain", "S-1")
        #expect(table.out.contains("DO NOT CONTACT AT HOME; NOT safe to call on the safe number; perpetrator unaware of the referral; interpreter needed (Polish)"))
        let json = try marac("referral", "show", "--plain", "S-1", "--format", "json").json() as? [String: Any]
        #expect(json?["safe_to_call"] as? String == "no")
        #expect(json?["do_not_contact_at_home"] as? String == "yes")
        #expect(json?["perpetrator_unaware"] as? String == "yes")
        #expect(json?["interpreter_language"] as? String == "Polish")
        // Exported and imported into a fresh database: the flags come back.
        let export = try marac("export", "referrals", "--plain")
        let header = try #require(export.out.split(whereSeparator: \.isNewline).first).split(separator: ",").map(String.init)
        for column in ["safe_to_call", "do_not_contact_at_home", "perpetrator_unaware", "interpreter_language"] {
            #expect(header.contains(column))
        }
        let file = marac.folder.appendingPathComponent("out.csv")
        try export.out.write(to: file, atomically: true, encoding: .utf8)
        let other = try MaracRun()
        let imported = try other("import", "referrals", file.path)
        #expect(imported.status == 0, "\(imported.err)")
        let back = try other("referral", "show", "--plain", "S-1", "--format", "json").json() as? [String: Any]
        #expect(back?["safe_to_call"] as? String == "no" && back?["interpreter_language"] as? String == "Polish")
        // Checked by kind at the boundary: a word that is not yes/no/unknown is refused, nothing stored.
        let bad = try marac("referral", "add", "--plain", "--ref", "S-2", "--agency", "police", "--victim-name", "Bo", "--safe-to-call", "maybe")
        #expect(bad.status == 65)
        #expect(bad.errorLines == ["error: safe_to_call: must be one of: yes, no, unknown"])
        #expect(try marac("referral", "show", "--plain", "S-2").status != 0)
    }
}
