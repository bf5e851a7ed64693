import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore
import MaracDocuments

/// Purge and subject access through the use-case layer on a real file:
/// exactly which rows change, and which do not.
@Suite struct PurgeTests {
    /// An old case (2024) heard with what was shared and an action done, and
    /// a new one (2026) naming the same perpetrator.
    func history(_ test: TestDatabase) throws {
        func on(_ day: String) -> Session { Session(database: test.database, actor: test.actor, clock: Clock(today: Day(day)!)) }
        _ = try on("2024-01-10").logReferral(TestDatabase.fields("OLD", on: "2024-01-10", [
            "victim_name": "Olive Oldcase", "victim_aliases": "Liv Oldcase", "children": "Kit Oldcase|2015-01-01|Olive",
            "perpetrator_name": "Percy Shared", "referrer": "PC Ref", "relationship": "husband of Olive",
            "consent": "not_sought", "sharing_reason": "high_risk_of_serious_harm", "lawful_basis": "safeguarding",
            "consent_note": "Olive at risk", "police_reference": "CAD 1234", "victim_postcode": "BR1 3AB",
        ]))
        try on("2024-01-10").createMeeting(on: Day("2024-01-18")!)
        try on("2024-01-11").screenIn("OLD", listingOn: Day("2024-01-18")!)
        try on("2024-01-15").recordResearch(on: Day("2024-01-18")!, ["referral_ref": "OLD", "agency": "housing", "known": "yes",
                                                                      "summary": "Olive rehoused at Flat 9", "current_risks": "Percy knows Olive's area"])
        try on("2024-01-18").hearCase("OLD", on: Day("2024-01-18")!)
        try on("2024-01-18").recordShared("OLD", on: Day("2024-01-18")!, text: "Police know Olive's new address")
        let action = try on("2024-01-18").agreeAction(on: "OLD", agency: "police", owner: "DC Lee", due: Day("2024-02-01")!,
                                                      description: "Flag Olive's address", meeting: Day("2024-01-18")!)
        try on("2024-01-30").completeAction(action, note: "Flagged for Olive")
        _ = try on("2026-11-01").logReferral(TestDatabase.fields("NEW", on: "2026-11-01", [
            "victim_name": "Nadia Newcase", "perpetrator_name": "Percy Shared", "consent": "given",
        ]))
    }

    @Test func aDueCaseLosesItsIdentitiesAndFreeTextAndKeepsEveryFact() throws {
        let test = try TestDatabase()
        try history(test)
        let session = test.session
        #expect(throws: CaseError.self) { _ = try session.purge() }
        try session.changeSetting(Settings.retentionMonths, to: "24")
        let facts = """
            SELECT group_concat(ref || referred_on || risk_band || COALESCE(ric_score, '') || criteria || is_repeat || status || COALESCE(heard_on, '')
                || children_in_household || COALESCE(victim_age, '') || COALESCE(victim_district, '') || victim_gender || victim_ethnicity
                || consent || COALESCE(sharing_reason, '') || COALESCE(lawful_basis, '') || COALESCE(consent_decided_by, ''), '|')
            FROM (SELECT * FROM referral ORDER BY id)
            """
        let before = try test.database.writer.read { db in try String.fetchOne(db, sql: facts) }
        let plan = try session.purgeDryRun()
        #expect(plan.counts.victims == 1 && plan.counts.referrals == 1 && plan.counts.children == 1 && plan.counts.actions == 1)
        #expect(plan.cutoff == Day("2024-11-24")!)

        let report = try session.purge()
        #expect(report.counts.victims == 1 && report.counts.referrals == 1 && report.counts.perpetrators == 0)
        // With the database still open (its -wal and -shm in place), no purged text is in any of its files.
        #expect(report.walCleared)
        let files = try FileManager.default.contentsOfDirectory(atPath: test.folder.path)
        #expect(files.contains("marac.db-wal"))
        for name in files {
            let bytes = try Data(contentsOf: test.folder.appendingPathComponent(name))
            for text in ["Olive Oldcase", "olive oldcase", "Liv Oldcase", "liv oldcase", "Kit Oldcase", "kit oldcase", "Police know Olive",
                         "Flag Olive", "Flagged for Olive", "Olive rehoused", "Olive's area",
                         "CAD 1234", "BR1 3AB", "husband of Olive", "Olive at risk", "PC Ref"] {
                #expect(bytes.range(of: Data(text.utf8)) == nil, "\(text) is still in \(name)")
            }
            #expect(name != "marac.db" || bytes.range(of: Data("Percy Shared".utf8)) != nil, "the kept perpetrator is in the file")
        }
        #expect(try test.database.writer.read { db in try String.fetchOne(db, sql: facts) } == before, "every fact the figures read stays")

        let old = try session.referral("OLD")
        #expect(old.victim.name == Retention.purgedMarker && old.victim.dob == nil && old.victim.postcode == nil)
        #expect(old.aliases.isEmpty && old.children.isEmpty && old.referral.childrenInHousehold == 1)
        #expect(old.referral.referrer == Retention.purgedMarker && old.referral.relationship == Retention.purgedMarker)
        #expect(old.referral.consentNote == Retention.purgedMarker && old.referral.plain["police_reference"] == Retention.purgedMarker)
        #expect(old.referral.ricAnswers == nil && old.referral.ricScore == 14)
        #expect(old.actions.first?.description == Retention.purgedMarker && old.actions.first?.completionNote == Retention.purgedMarker)
        // What was shared is kept as entries since v15: their text is purged.
        #expect(try test.count("SELECT COUNT(*) FROM information_shared WHERE text = '[purged]'") == 1)
        #expect(try test.count("SELECT COUNT(*) FROM information_shared WHERE text <> '[purged]'") == 0)
        #expect(try test.count("SELECT COUNT(*) FROM research_return WHERE summary = '[purged]' AND current_risks = '[purged]' AND known = 1") == 1)
        // Search finds nobody by a purged name, alias or child; the kept perpetrator still.
        for name in ["Olive", "Oldcase", "Liv", "Kit Old"] { #expect(try session.searchPeople(name).isEmpty, "\(name) still found") }
        #expect(try !session.searchPeople("Percy Shared").isEmpty)
        #expect(try test.count("SELECT COUNT(*) FROM person WHERE purged_on = '2026-11-24'") == 1)
        // The perpetrator is named in a case that is kept: his identity stays, as does the new case.
        #expect(old.perpetrator?.name == "Percy Shared")
        #expect(try session.referral("NEW").victim.name == "Nadia Newcase")
        // Logged: the purge record and the audit trail, and the chain holds.
        let record = try test.database.writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM purge_record") }
        #expect(record?["victims"] as Int? == 1 && record?["retention_months"] as Int? == 24 && record?["actor"] as String? == "test-coordinator")
        #expect(try test.count("SELECT COUNT(*) FROM audit WHERE action = 'purge' AND detail LIKE '%retention-months=24 cutoff=2024-11-24'") == 1)
        guard case .intact = try session.verifyAuditTrail() else { Issue.record("the audit chain broke"); return }

        // Idempotent: a second run finds nothing to do and changes nothing but its own record.
        #expect(try session.purge().counts == PurgeCounts())
        #expect(try session.purgeDryRun().counts.victims == 0)

        // Once the kept case is due too (12 months on from 2028), the perpetrator goes as well.
        let later = Session(database: test.database, actor: test.actor, clock: Clock(today: Day("2028-01-01")!))
        try later.changeSetting(Settings.retentionMonths, to: "12")
        let second = try later.purge()
        #expect(second.counts.victims == 1 && second.counts.perpetrators == 1)
        #expect(try test.count("SELECT COUNT(*) FROM person WHERE purged_on IS NULL") == 0)
        #expect(try test.count("SELECT COUNT(*) FROM person WHERE name <> '[purged]' OR dob IS NOT NULL OR name_key <> ''") == 0)
    }

    /// Issue 23: incidents of a purged victim keep their date, agency,
    /// types and finding (the figures read them) and lose what happened and
    /// the agency's reference; a perpetrator named on an incident only goes too.
    @Test func aPurgedVictimsIncidentsKeepNothingIdentifying() throws {
        let test = try TestDatabase()
        try history(test)
        let march = Session(database: test.database, actor: test.actor, clock: Clock(today: Day("2024-03-05")!))
        _ = try march.logIncident(["referral_ref": "OLD", "agency": "housing", "occurred_on": "2024-03-01", "abuse_types": "unwanted_contact",
                                   "summary": "Percy seen at Olive's flat by her sister", "agency_reference": "HSG-7781"])
        _ = try march.logIncident(["referral_ref": "OLD", "agency": "police", "occurred_on": "2024-03-02", "abuse_types": "threats",
                                   "summary": "Quentin phoned Olive's mother", "perpetrator_name": "Quentin Onlyincident", "perpetrator_dob": "1977-07-07"])
        // A case as old whose victim an agency heard of this year is not due: the incident is activity.
        _ = try Session(database: test.database, actor: test.actor, clock: Clock(today: Day("2024-01-12")!))
            .logReferral(TestDatabase.fields("KEPT", on: "2024-01-12", ["victim_name": "Kay Kept", "consent": "given"]))
        _ = try test.session.logIncident(["referral_ref": "KEPT", "agency": "police", "occurred_on": "2026-06-01", "abuse_types": "threats",
                                          "summary": "Kay was threatened"])
        let facts = "SELECT group_concat(occurred_on || agency || abuse_types || crime_reported || finding || COALESCE(perpetrator_id, ''), '|') FROM incident"
        let before = try test.database.writer.read { db in try String.fetchOne(db, sql: facts) }
        try test.session.changeSetting(Settings.retentionMonths, to: "24")
        let report = try test.session.purge()
        #expect(report.counts.victims == 1 && report.counts.perpetrators == 1)
        #expect(try test.database.writer.read { db in try String.fetchOne(db, sql: facts) } == before)
        let old = "SELECT COUNT(*) FROM incident n JOIN referral r ON r.id = n.referral_id WHERE r.ref = 'OLD'"
        #expect(try test.count(old + " AND (n.summary <> '[purged]' OR n.agency_reference NOT IN ('[purged]'))") == 0)
        #expect(try test.count(old + " AND n.agency_reference IS NULL") == 1, "never given stays never given")
        #expect(try test.session.referral("KEPT").victim.name == "Kay Kept")
        #expect(try test.count("SELECT COUNT(*) FROM incident WHERE summary = 'Kay was threatened'") == 1)
        for name in try FileManager.default.contentsOfDirectory(atPath: test.folder.path) {
            let bytes = try Data(contentsOf: test.folder.appendingPathComponent(name))
            for text in ["Percy seen at", "HSG-7781", "Quentin", "quentin"] {
                #expect(bytes.range(of: Data(text.utf8)) == nil, "\(text) is still in \(name)")
            }
        }
    }

    @Test func aCaseWithAnOpenActionIsNeverDue() throws {
        let test = try TestDatabase()
        let old = Session(database: test.database, actor: test.actor, clock: Clock(today: Day("2023-03-01")!))
        _ = try old.logReferral(TestDatabase.fields("OPEN", on: "2023-03-01", ["consent": "given"]))
        try old.createMeeting(on: Day("2023-03-09")!)
        try old.screenIn("OPEN", listingOn: Day("2023-03-09")!)
        _ = try old.agreeAction(on: "OPEN", agency: "police", owner: "DC", due: Day("2023-04-01")!, description: "Still to do")
        try test.session.changeSetting(Settings.retentionMonths, to: "12")
        #expect(try test.session.purgeDryRun().counts.victims == 0)
        #expect(try test.session.purge().counts.victims == 0)
        #expect(try test.session.referral("OPEN").victim.name == "Amina Begum")
    }

    @Test func retentionAndConsentRules() throws {
        let cutoff = Retention.cutoff(today: Day("2026-11-24")!, months: 24)
        #expect(cutoff == Day("2024-11-24")!)
        let table: [([String?], Bool, Bool)] = [
            (["2024-11-24"], false, true), (["2024-11-25"], false, false), (["2023-01-01", nil, "2025-01-01"], false, false),
            (["2023-01-01", nil], true, false), ([nil], false, true),
        ]
        for (days, open, due) in table {
            #expect(Retention.isDue(activity: days.map { $0.flatMap(Day.init) }, hasOpenAction: open, cutoff: cutoff) == due, "\(days) \(open)")
        }
        #expect(throws: FieldError.self) { _ = try Retention.months(setting: "0") }
        #expect(try Retention.months(setting: nil) == nil)
        #expect(ConsentDecision.problemsBeforeSharing(consent: .given, reason: nil, basis: nil).isEmpty)
        #expect(ConsentDecision.problemsBeforeSharing(consent: .unknown, reason: nil, basis: nil).isEmpty)
        #expect(ConsentDecision.problemsBeforeSharing(consent: .notGiven, reason: nil, basis: nil).map(\.field) == ["sharing_reason", "lawful_basis"])
        #expect(ConsentDecision.problemsBeforeSharing(consent: .notSought, reason: .lacksCapacity, basis: nil).map(\.field) == ["lawful_basis"])
        #expect(ConsentDecision.problemsBeforeSharing(consent: .notSought, reason: .lacksCapacity, basis: "safeguarding").isEmpty)
        #expect(SubjectAccess.freeText("Percy Shared called; percy left", for: .victim, thirdPartyNames: ["Percy Shared"])
                == "\(SubjectAccess.redacted) called; \(SubjectAccess.redacted) left")
        #expect(SubjectAccess.freeText("anything", for: .perpetrator, thirdPartyNames: []) == SubjectAccess.withheld)
    }

    @Test func aSubjectAccessRequestIsOneAuditRowAndOneAccessRecord() throws {
        let test = try TestDatabase()
        try history(test)
        let victim = try test.session.referral("OLD").victim.id
        let audits = try test.count("SELECT COUNT(*) FROM audit"), reads = try test.count("SELECT COUNT(*) FROM access")
        let report = try test.session.subjectAccess(personID: victim, destination: .plainFile)
        #expect(report.cases.map(\.referral.ref) == ["OLD"] && report.thirdPartyNames == ["Percy Shared"])
        #expect(report.cases.first?.listings.first?.informationShared?.hasSuffix("Police know Olive's new address") == true)
        #expect(report.cases.first?.research.map(\.summary) == ["Olive rehoused at Flat 9"])
        // In the file, the perpetrator's name is blanked out of the research too.
        let text = SubjectAccessDocument(report, producedAt: "t", producedBy: "me").json().render()
        #expect(text.contains("\"current_risks\": \"[redacted: third party] knows Olive's area\""))
        #expect(!text.contains("Percy"))
        #expect(try test.count("SELECT COUNT(*) FROM audit") == audits + 1)
        #expect(try test.count("SELECT COUNT(*) FROM access") == reads + 1)
        #expect(try test.count("SELECT COUNT(*) FROM access a JOIN access_person p ON p.access_id = a.id WHERE a.use_case = 'exportPerson' AND p.person_id = \(victim)") == 1)
    }
}

/// Who decided on consent: the acting login, kept while the decision stands.
@Suite struct ConsentDecisionTests {
    @Test func theDecisionIsTheActingLoginsAndAnEditThatChangesItIsTheEditors() throws {
        let test = try TestDatabase()
        try test.session.addUser(login: "coord2", name: "Second", roles: [.coordinator], agency: nil)
        let logged = try test.session.logReferral(TestDatabase.fields("D-1", on: "2026-11-20", [
            "consent": "not_given", "consent_decided_by": "someone-else", "consent_decided_at": "2020-01-01T00:00:00Z",
        ])).referral
        #expect(logged.consentDecidedBy == "test-coordinator", "never typed: what a person enters is ignored")
        #expect(logged.consentDecidedAt != "2020-01-01T00:00:00Z")
        let other = Session(database: test.database, actor: Actor("coord2"), clock: test.clock)
        // An edit that leaves the decision as it was keeps who made it.
        var fields = try other.referral("D-1").columnValues
        fields["referrer"] = "Changed referrer"
        let kept = try other.editReferral(fields, openedAtVersion: logged.version, reason: "referrer corrected").referral
        #expect(kept.consentDecidedBy == "test-coordinator" && kept.consentDecidedAt == logged.consentDecidedAt)
        // Recording the reason and basis is a new decision, by the editor.
        fields["sharing_reason"] = "high_risk_of_serious_harm"
        fields["lawful_basis"] = "safeguarding"
        let changed = try other.editReferral(fields, openedAtVersion: kept.version, reason: "decision recorded").referral
        #expect(changed.consentDecidedBy == "coord2")
        // A file carries the decision as exported; a new row keeps it (a round trip loses nothing).
        let csv = "referral_ref,referred_on,referring_agency,victim_name,consent,sharing_reason,lawful_basis,consent_decided_by,consent_decided_at\r\n"
            + "D-2,2026-11-01,police,Ann File,not_sought,lacks_capacity,safeguarding,jsmith,2026-11-01T10:00:00Z\r\n"
        _ = try test.session.importReferrals(csv: csv, fileName: "d.csv", update: false)
        let imported = try test.session.referral("D-2").referral
        #expect(imported.consentDecidedBy == "jsmith" && imported.consentDecidedAt == "2026-11-01T10:00:00Z")
        let bad = "referral_ref,referred_on,referring_agency,victim_name,consent,consent_decided_by\r\nD-3,2026-11-01,police,Bo,unknown,jsmith\r\n"
        #expect(throws: CaseError.self) { _ = try test.session.importReferrals(csv: bad, fileName: "e.csv", update: false) }
    }
}
