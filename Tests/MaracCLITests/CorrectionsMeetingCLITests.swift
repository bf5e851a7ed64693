import Foundation
import Testing

/// Issue 20, corrections at and after the meeting, through the real binary:
/// each correction with its reason kept in the record's history (earlier
/// value, reason) and an audit row with no values; each refusal one line,
/// the right exit code, and every table exactly as it was.
@Suite struct CorrectionsMeetingCLITests {
    /// A coordinator's week: three meetings, two cases heard on the first
    /// with what was shared and an action each, one case declined.
    static func week() throws -> MaracRun {
        let marac = try MaracRun()
        for (ref, name) in [("BR-1", "Alice Adams"), ("BR-2", "Beth Brown"), ("BR-3", "Cara Cole"), ("BR-4", "Dana Dale")] {
            let added = try marac("referral", "add", "--plain", "--ref", ref, "--agency", "police", "--victim-name", name,
                                  "--ric-score", "15", "--referred-on", "2026-11-10")
            #expect(added.status == 0, "\(added.err)")
        }
        for day in ["2026-11-20", "2026-12-04", "2026-12-18"] { #expect(try marac("meeting", "create", day).status == 0) }
        for ref in ["BR-1", "BR-2"] { #expect(try marac("referral", "screen", ref, "--accept", "--meeting", "2026-11-20").status == 0) }
        #expect(try marac("referral", "screen", "BR-4", "--accept", "--meeting", "2026-12-04").status == 0)
        #expect(try marac("referral", "screen", "BR-3", "--decline", "--reason", "outside the borough").status == 0)
        #expect(try marac("meeting", "attend", "2026-11-20", "police", "idva").status == 0)
        return marac
    }

    static func share(_ marac: MaracRun, _ ref: String, _ agency: String, _ text: String) throws -> String {
        let shared = try marac("meeting", "share", "2026-11-20", ref, "--agency", agency, "--text", text)
        #expect(shared.status == 0, "\(shared.err)")
        return shared.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func action(_ marac: MaracRun, _ ref: String) throws -> String {
        let added = try marac("action", "add", ref, "--agency", "police", "--owner", "DC Smith", "--due", "2026-12-01",
                              "--meeting", "2026-11-20", "Flag", "the", "address")
        #expect(added.status == 0, "\(added.err)")
        return added.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func sql(_ marac: MaracRun, _ query: String) throws -> String {
        try BackupCLITests.sqlite(marac.db, query, in: marac.folder)
    }

    /// A refused correction: the exit code, one `error:` line that repeats
    /// no value given, and every table as it was.
    static func refused(_ marac: MaracRun, _ status: Int32, _ arguments: String..., saying words: String,
                        notRepeating given: [String] = []) throws {
        let before = try BackupCLITests.dump(marac.db, in: marac.folder)
        let result = try marac.run(["--db", marac.db] + arguments)
        #expect(result.status == status, "\(arguments): \(result.err)")
        #expect(result.errorLines.count == 1, "\(arguments): \(result.err)")
        #expect(result.err.contains(words), "\(arguments): \(result.err)")
        for value in given { #expect(!result.err.contains(value), "\(arguments) repeated a value: \(result.err)") }
        #expect(try BackupCLITests.dump(marac.db, in: marac.folder) == before, "\(arguments) changed the database")
    }

    @Test func informationSharedNamesItsAgencyAndIsCorrectedOrWithdrawnInTheOpen() throws {
        let marac = try Self.week()
        let first = try Self.share(marac, "BR-1", "police", "Two call-outs since the referral")
        let slip = try Self.share(marac, "BR-2", "idva", "Victim moved to a refuge")
        let wrong = try Self.share(marac, "BR-1", "police", "Said about somebody else entirely")

        let listed = try marac("meeting", "shared", "2026-11-20", "--plain", "--format", "csv")
        #expect(listed.status == 0, "\(listed.err)")
        #expect(listed.out.contains("\(first),BR-1,police,2026-11-24"))

        #expect(try marac("meeting", "share-correct", first, "--text", "Three call-outs since the referral",
                          "--reason", "miscounted at the table").status == 0)
        #expect(try marac("meeting", "share-correct", slip, "--ref", "BR-1", "--reason", "typed against the wrong case").status == 0)
        #expect(try marac("meeting", "share-withdraw", wrong, "--reason", "not about this case").status == 0)

        let minutes = try marac("meeting", "minutes", "2026-11-20", "--plain")
        #expect(minutes.status == 0, "\(minutes.err)")
        #expect(minutes.out.contains("2026-11-24: Police: Three call-outs since the referral"))
        #expect(!minutes.out.contains("Two call-outs"))
        #expect(!minutes.out.contains("somebody else"))
        #expect(minutes.out.contains("Victim moved to a refuge"))

        // The history keeps the slip and the reason; the audit trail names fields only.
        let history = try Self.sql(marac, """
            SELECT entity, field, old_value, new_value, reason FROM change_history WHERE entity = 'information_shared' ORDER BY id
            """)
        #expect(history.contains("information_shared|text|Two call-outs since the referral|Three call-outs since the referral|miscounted at the table"))
        #expect(history.contains("information_shared|referral|BR-2|BR-1|typed against the wrong case"))
        #expect(history.contains("information_shared|withdrawn|no|yes|not about this case"))
        let audit = try marac("audit", "list", "--limit", "200", "--format", "csv")
        #expect(audit.status == 0, "\(audit.err)")
        for value in ["call-outs", "miscounted", "wrong case", "somebody else", "refuge"] { #expect(!audit.out.contains(value), "\(value) in the audit trail") }
        #expect(audit.out.contains("corrected text"))

        try Self.refused(marac, 65, "meeting", "share-correct", first, "--text", "x", "--reason", "  ", saying: "reason: is required")
        try Self.refused(marac, 65, "meeting", "share-correct", "999", "--text", "x", "--reason", "r", saying: "no entry 999")
        try Self.refused(marac, 65, "meeting", "share-correct", first, "--ref", "BR-4", "--reason", "r",
                         saying: "that case is not on the agenda for 2026-11-20")
        try Self.refused(marac, 65, "meeting", "share-correct", first, "--agency", "nobody-here", "--reason", "r",
                         saying: "agency: is not a known agency code", notRepeating: ["nobody-here"])
        try Self.refused(marac, 65, "meeting", "share-withdraw", wrong, "--reason", "again", saying: "was withdrawn")
        try Self.refused(marac, 65, "meeting", "share", "2026-11-20", "BR-1", "--agency", "nobody-here", "--text", "t",
                         saying: "agency: is not a known agency code", notRepeating: ["nobody-here"])
        try Self.refused(marac, 64, "meeting", "share-withdraw", first, saying: "--reason")
    }

    @Test func aHearingRecordedInErrorGoesBackToListedUnlessSomethingFollowed() throws {
        let marac = try Self.week()
        #expect(try marac("meeting", "heard", "2026-11-20", "BR-1").status == 0)
        #expect(try marac("meeting", "heard", "2026-11-20", "BR-2").status == 0)
        let done = try Self.action(marac, "BR-2")
        #expect(try marac("action", "complete", done, "--note", "flagged").status == 0)

        try Self.refused(marac, 65, "meeting", "unhear", "2026-11-20", "BR-2", "--reason", "clicked the wrong case",
                         saying: "BR-2 has 1 action agreed at that meeting already closed")
        try Self.refused(marac, 65, "meeting", "unhear", "2026-12-04", "BR-4", "--reason", "r", saying: "BR-4 was not heard at that meeting")
        try Self.refused(marac, 65, "meeting", "unhear", "2026-11-20", "NO-SUCH", "--reason", "r", saying: "no referral with that reference",
                         notRepeating: ["NO-SUCH"])
        try Self.refused(marac, 65, "meeting", "unhear", "2026-11-20", "BR-1", "--reason", "", saying: "reason: is required")

        let undone = try marac("meeting", "unhear", "2026-11-20", "BR-1", "--reason", "heard in error: the case was deferred")
        #expect(undone.status == 0, "\(undone.err)")
        let shown = try marac("referral", "show", "--plain", "BR-1", "--format", "json").json() as? [String: Any]
        #expect(shown?["status"] as? String == "listed")
        #expect(try Self.sql(marac, "SELECT heard_on IS NULL FROM referral WHERE ref = 'BR-1'").hasPrefix("1"))
        let history = try Self.sql(marac, """
            SELECT field, old_value, new_value, reason FROM change_history h JOIN referral r ON r.id = h.referral_id WHERE r.ref = 'BR-1'
            """)
        #expect(history.contains("status|heard|listed|heard in error: the case was deferred"))
        #expect(history.contains("heard_on|2026-11-20||heard in error"))
        // Heard again, properly this time.
        #expect(try marac("meeting", "heard", "2026-11-20", "BR-1").status == 0)
    }

    @Test func aDeclineIsReversedToReceived() throws {
        let marac = try Self.week()
        try Self.refused(marac, 65, "referral", "reverse-decline", "BR-1", "--reason", "r", saying: "BR-1 is listed; it cannot be put back to received")
        let reversed = try marac("referral", "reverse-decline", "BR-3", "--reason", "she lives in the borough after all")
        #expect(reversed.status == 0, "\(reversed.err)")
        let shown = try marac("referral", "show", "--plain", "BR-3", "--format", "json").json() as? [String: Any]
        #expect(shown?["status"] as? String == "received")
        let history = try Self.sql(marac, "SELECT field, old_value, new_value FROM change_history ORDER BY id")
        #expect(history.contains("status|declined|received"))
        #expect(history.contains("decline_reason|outside the borough|"))
        // Screened again like any referral just received.
        #expect(try marac("referral", "screen", "BR-3", "--accept", "--meeting", "2026-12-04").status == 0)
    }

    @Test func actionsAreReassignedReopenedAndMovedWithAReason() throws {
        let marac = try Self.week()
        #expect(try marac("meeting", "heard", "2026-11-20", "BR-2").status == 0)
        let id = try Self.action(marac, "BR-2")

        #expect(try marac("action", "reassign", id, "--owner", "DC Jones", "--agency", "idva", "--reason", "DC Smith on leave").status == 0)
        try Self.refused(marac, 64, "action", "move", id, "--due", "2026-12-10", saying: "--reason")
        #expect(try marac("action", "move", id, "--due", "2026-12-10", "--reason", "waiting for the housing panel").status == 0)
        #expect(try marac("action", "complete", id, "--note", "done").status == 0)
        var shown = try marac("referral", "show", "--plain", "BR-2", "--format", "json").json() as? [String: Any]
        #expect(shown?["status"] as? String == "closed")
        try Self.refused(marac, 65, "action", "reassign", id, "--owner", "DC Brown", "--reason", "r", saying: "only an open action is reassigned")

        #expect(try marac("action", "reopen", id, "--reason", "the flag was on the wrong address").status == 0)
        shown = try marac("referral", "show", "--plain", "BR-2", "--format", "json").json() as? [String: Any]
        #expect(shown?["status"] as? String == "actions_open")
        try Self.refused(marac, 65, "action", "reopen", id, "--reason", "r", saying: "only a done or incomplete action can be reopened")
        try Self.refused(marac, 65, "action", "reopen", "999", "--reason", "r", saying: "no action 999")
        try Self.refused(marac, 65, "action", "reassign", id, "--owner", "DC Jones", "--agency", "idva", "--reason", "r", saying: "nothing to change")

        let history = try Self.sql(marac, "SELECT entity, field, old_value, new_value, reason FROM change_history WHERE entity = 'action' ORDER BY id")
        #expect(history.contains("action|owner|DC Smith|DC Jones|DC Smith on leave"))
        #expect(history.contains("action|agency|police|idva|DC Smith on leave"))
        #expect(history.contains("action|due_on|2026-12-01|2026-12-10|waiting for the housing panel"))
        #expect(history.contains("action|status|done|open|the flag was on the wrong address"))
        #expect(history.contains("action|completion_note|done||the flag was on the wrong address"))
        let audit = try marac("audit", "list", "--entity", "action", "--format", "csv").out
        for value in ["DC Jones", "on leave", "housing panel", "wrong address"] { #expect(!audit.contains(value), "\(value) in the audit trail") }
    }

    @Test func meetingsAreCancelledOrMovedUnlessHeld() throws {
        let marac = try Self.week()
        #expect(try marac("meeting", "heard", "2026-11-20", "BR-1").status == 0)
        try Self.refused(marac, 65, "meeting", "cancel", "2026-11-20", "--reason", "chair ill", saying: "has heard 1 case")
        try Self.refused(marac, 65, "meeting", "move", "2026-11-20", "--to", "2026-12-11", "--reason", "r", saying: "has been held")
        try Self.refused(marac, 65, "meeting", "move", "2026-12-04", "--to", "2026-12-18", "--reason", "r",
                         saying: "a meeting on 2026-12-18 already exists")
        try Self.refused(marac, 65, "meeting", "move", "2026-12-04", "--to", "2026-11-01", "--reason", "r", saying: "is in the past")
        try Self.refused(marac, 65, "meeting", "cancel", "2026-12-04", "--reason", "r", "--move-cases-to", "2026-11-20", saying: "takes no cases")

        let cancelled = try marac("meeting", "cancel", "2026-12-04", "--reason", "the venue flooded", "--move-cases-to", "2026-12-18")
        #expect(cancelled.status == 0, "\(cancelled.err)")
        #expect(cancelled.err.contains("1 case moved to 2026-12-18"))
        let agenda = try marac("meeting", "agenda", "2026-12-18", "--format", "json", "--plain").json() as? [String: Any]
        #expect((agenda?["cases"] as? [[String: Any]])?.map { $0["ref"] as? String } == ["BR-4"])
        let list = try marac("meeting", "list", "--format", "csv").out
        #expect(list.contains("2026-12-04,cancelled"))
        try Self.refused(marac, 65, "meeting", "cancel", "2026-12-04", "--reason", "r", saying: "already cancelled")
        try Self.refused(marac, 65, "meeting", "add-case", "2026-12-04", "BR-1", saying: "the meeting on 2026-12-04 is cancelled")

        #expect(try marac("meeting", "move", "2026-12-18", "--to", "2026-12-11", "--reason", "clashes with the court list").status == 0)
        let moved = try marac("meeting", "agenda", "2026-12-11", "--format", "json", "--plain").json() as? [String: Any]
        #expect((moved?["cases"] as? [[String: Any]])?.map { $0["ref"] as? String } == ["BR-4"])
        let history = try Self.sql(marac, "SELECT entity, field, old_value, new_value, reason FROM change_history ORDER BY id")
        #expect(history.contains("meeting|status|planned|cancelled|the venue flooded"))
        #expect(history.contains("agenda_item|meeting|2026-12-04|2026-12-18|the venue flooded"))
        #expect(history.contains("meeting|held_on|2026-12-18|2026-12-11|clashes with the court list"))

        // Cancelled with no meeting to move to: the case waits, screened in.
        #expect(try marac("meeting", "cancel", "2026-12-11", "--reason", "no chair").status == 0)
        let shown = try marac("referral", "show", "--plain", "BR-4", "--format", "json").json() as? [String: Any]
        #expect(shown?["status"] as? String == "screened_in")
    }
}
