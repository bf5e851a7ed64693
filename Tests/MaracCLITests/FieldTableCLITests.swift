import Foundation
import Testing

/// A field of the field table travels every way a referral does: the
/// `referral add` flag, `referral show`, the export and the import.
@Suite struct FieldTableCLITests {
    @Test func aPlainFieldTravelsFromFlagToShowToExportAndBack() throws {
        let marac = try MaracRun()
        let added = try marac("referral", "add", "--plain", "--ref", "F-1", "--agency", "police", "--victim-name", "Ann Field",
                              "--police-reference", "CAD-4471", "--keyworker", "jsmith", "--format", "json")
        #expect(added.status == 0, "\(added.err)")
        let shown = try marac("referral", "show", "--plain", "F-1", "--format", "json").json() as? [String: Any]
        #expect(shown?["police_reference"] as? String == "CAD-4471")
        #expect(shown?["keyworker"] as? String == "jsmith")
        let export = try marac("export", "referrals", "--plain")
        let lines = export.out.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(row[try #require(header.firstIndex(of: "police_reference"))] == "CAD-4471")
        // Edited in the file and imported again: the field comes back changed, nothing else does.
        var edited = row
        edited[try #require(header.firstIndex(of: "police_reference"))] = "CAD-9999"
        let file = marac.folder.appendingPathComponent("edit.csv")
        try (lines[0] + "\r\n" + edited.joined(separator: ",") + "\r\n").write(to: file, atomically: true, encoding: .utf8)
        let imported = try marac("import", "referrals", file.path, "--update")
        #expect(imported.status == 0, "\(imported.err)")
        let again = try marac("referral", "show", "--plain", "F-1", "--format", "json").json() as? [String: Any]
        #expect(again?["police_reference"] as? String == "CAD-9999")
        #expect(again?["keyworker"] as? String == "jsmith")
        // Checked by its kind, at the boundary, like every field.
        let long = try marac("referral", "add", "--plain", "--ref", "F-2", "--agency", "police", "--victim-name", "Bo",
                             "--police-reference", String(repeating: "9", count: 41))
        #expect(long.status == 65)
        #expect(long.errorLines == ["error: police_reference: is longer than 40 characters"])
        // An option the table does not know is a usage error.
        #expect(try marac("referral", "add", "--plain", "--ref", "F-3", "--agency", "police", "--victim-name", "Cy", "--no-such-field", "x").status == 64)
    }
}
