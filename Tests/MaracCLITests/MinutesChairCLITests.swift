import Foundation
import Testing

/// Issue 22: minutes a chair would sign, through the real binary: the chair,
/// start and end, the representatives present by name and agency, and the
/// apologies; a bad value, an agency not present, or a name from one of the
/// meeting's cases (folded as search folds it) refused with nothing written.
@Suite struct MinutesChairCLITests {
    static func meeting() throws -> MaracRun {
        let marac = try CorrectionsMeetingCLITests.week()
        // The housing confirmed it would come but was not recorded present: its apologies.
        #expect(try marac("meeting", "confirm", "2026-11-20", "housing").status == 0)
        return marac
    }

    @Test func minutesNameTheChairTimesRepresentativesAndApologies() throws {
        let marac = try Self.meeting()
        let chaired = try marac("meeting", "chair", "2026-11-20", "--chair", "Ruth Okafor", "--started", "09:30", "--ended", "11:45",
                                "--representative", "police=DS Ann Lee", "--representative", "idva=Mo Khan")
        #expect(chaired.status == 0, "\(chaired.err)")
        // Later, only the end is put right: the rest is kept.
        #expect(try marac("meeting", "chair", "2026-11-20", "--ended", "12:05").status == 0)
        let minutes = try marac("meeting", "minutes", "2026-11-20", "--plain")
        #expect(minutes.status == 0, "\(minutes.err)")
        #expect(minutes.out.contains("Chair: Ruth Okafor"))
        #expect(minutes.out.contains("Started: 09:30 · ended: 12:05"))
        #expect(minutes.out.contains("- Police: DS Ann Lee"))
        #expect(minutes.out.contains(": Mo Khan"))
        let apologies = try #require(minutes.out.components(separatedBy: "## Apologies").last?.components(separatedBy: "## Cases").first)
        #expect(apologies.contains("Housing"))
        #expect(!apologies.contains("Police"))
        // The audit row names the fields, never the names.
        let audit = try CorrectionsMeetingCLITests.sql(marac, "SELECT detail FROM audit WHERE action = 'chair' ORDER BY id")
        #expect(audit.contains("chair,started,ended,representative:idva,representative:police"))
        #expect(!audit.contains("Okafor") && !audit.contains("Ann Lee"))
    }

    @Test func minutesWithNothingRecordedSaySo() throws {
        let marac = try Self.meeting()
        let minutes = try marac("meeting", "minutes", "2026-11-20", "--plain")
        #expect(minutes.out.contains("Chair: not recorded"))
        #expect(minutes.out.contains("Started: not recorded · ended: not recorded"))
    }

    @Test func badTimesAndAbsentAgenciesAreRefusedWithNothingWritten() throws {
        let marac = try Self.meeting()
        #expect(try marac("meeting", "chair", "2026-11-20", "--started", "10:00").status == 0)
        try CorrectionsMeetingCLITests.refused(marac, 65, "meeting", "chair", "2026-11-20", "--ended", "09:15",
                                               saying: "ended: is before the start", notRepeating: ["09:15"])
        try CorrectionsMeetingCLITests.refused(marac, 65, "meeting", "chair", "2026-11-20", "--started", "25:61",
                                               saying: "HH:MM", notRepeating: ["25:61"])
        try CorrectionsMeetingCLITests.refused(marac, 65, "meeting", "chair", "2026-11-20", "--chair", "Ruth Okafor",
                                               "--representative", "housing=Kit Marsh",
                                               saying: "not recorded present", notRepeating: ["Kit Marsh", "Ruth Okafor"])
        try CorrectionsMeetingCLITests.refused(marac, 65, "meeting", "chair", "2026-11-21", "--chair", "Ruth Okafor",
                                               saying: "no meeting", notRepeating: ["Ruth Okafor"])
        #expect(try marac("meeting", "chair", "2026-11-20").status == 64)
    }

    @Test func aNameFromACaseIsRefusedUnlessConfirmed() throws {
        let marac = try Self.meeting()
        // "Alice Adams" is BR-1's victim, on this agenda: typed with other case and an accent, still found.
        try CorrectionsMeetingCLITests.refused(marac, 65, "meeting", "chair", "2026-11-20", "--chair", "ALICE Adáms",
                                               saying: "matches a name in one of the meeting's cases", notRepeating: ["ALICE", "Adáms"])
        try CorrectionsMeetingCLITests.refused(marac, 65, "meeting", "chair", "2026-11-20", "--representative", "police=Beth Brown",
                                               saying: "matches a name", notRepeating: ["Beth Brown"])
        // A case on another meeting's agenda is no match here; a confirmed name is saved.
        #expect(try marac("meeting", "chair", "2026-11-20", "--chair", "Dana Dale").status == 0)
        #expect(try marac("meeting", "chair", "2026-11-20", "--chair", "Alice Adams", "--case-name-confirmed").status == 0)
    }
}
