import Foundation
import Testing
import GRDB
@testable import MaracCases
@testable import MaracCore
import MaracTestSupport

/// Issue 23 through the use cases on a real SQLite file: an incident is
/// checked at once against the victim's referrals, a repeat waits at the top
/// of triage and is referred back in one step, an agency logs for itself
/// only, and a case out of scope is refused exactly as a missing one.
@Suite struct IncidentTests {
    static func incident(_ ref: String, on day: String, agency: String = "police", _ extra: [String: String] = [:]) -> [String: String] {
        var fields = ["referral_ref": ref, "agency": agency, "occurred_on": day, "abuse_types": "unwanted_contact", "summary": "texts"]
        for (key, value) in extra { fields[key] = value }
        return fields
    }

    @Test func aRepeatWaitsAtTheTopOfTriageAndIsReferredBackAsARepeat() throws {
        let test = try TestDatabase()
        try test.add("BR-1", on: "2026-01-10", ["ric_answers": String(repeating: "N", count: 24), "abuse_types": "physical"])
        let session = test.session
        let found = try session.logIncident(Self.incident("BR-1", on: "2026-11-01"))
        #expect(found.finding == .repeat)
        #expect(try session.incidentsToReferBack().map(\.id) == [found.id])
        let made = try session.referIncident(found.id, ref: "INC-1")
        // A score of 0: the repeat criterion whatever the score.
        #expect(made.referral.isRepeat)
        #expect(made.referral.criteria.contains(.repeat))
        #expect(made.referral.plain["abuse_types"] == "unwanted_contact")
        #expect(try session.incidentsToReferBack().isEmpty)
        #expect(throws: CaseError.self) { try session.referIncident(found.id, ref: "INC-2") }
        #expect(try test.count("SELECT COUNT(*) FROM referral_abuse_type") == 2)
        #expect(try test.count("SELECT COUNT(*) FROM incident_abuse_type WHERE type = 'unwanted_contact'") == 1)
    }

    @Test func moreThanTwelveMonthsOnIsOfferedAsANewReferral() throws {
        let test = try TestDatabase()
        try test.add("BR-1", on: "2025-10-01")
        let found = try test.session.logIncident(Self.incident("BR-1", on: "2026-10-02"))
        #expect(found.finding == .lapsed)
        #expect(try test.session.incidentsToReferBack().isEmpty)
        let made = try test.session.referIncident(found.id, ref: "INC-1")
        #expect(!made.referral.isRepeat)
    }

    @Test func outOfScopeIsRefusedExactlyAsMissing() throws {
        let test = try TestDatabase()
        try test.session.addUser(login: "police1", name: "PC", roles: [.agency], agency: "police")
        try test.add("BR-1", on: "2026-01-10")
        let police = Session(database: test.database, actor: Actor("police1"), clock: test.clock)
        let before = try test.count("SELECT COUNT(*) FROM incident") + test.count("SELECT COUNT(*) FROM audit")
        var outOfScope: CaseError?
        var missing: CaseError?
        do { _ = try police.logIncident(Self.incident("BR-1", on: "2026-11-01")) } catch { outOfScope = error }
        do { _ = try police.logIncident(Self.incident("NO-SUCH", on: "2026-11-01")) } catch { missing = error }
        #expect(outOfScope != nil)
        #expect(outOfScope == missing)
        #expect(try test.count("SELECT COUNT(*) FROM incident") + test.count("SELECT COUNT(*) FROM audit") == before)
    }

    @Test func anAgencyLogsForItsOwnAgencyOnly() throws {
        let test = try TestDatabase()
        try test.session.addUser(login: "police1", name: "PC", roles: [.agency], agency: "police")
        try test.add("BR-1", on: "2026-11-01")
        try test.session.createMeeting(on: Day("2026-12-03")!)
        _ = try test.session.screenIn("BR-1", listingOn: Day("2026-12-03")!)
        let police = Session(database: test.database, actor: Actor("police1"), clock: test.clock)
        #expect(try police.logIncident(Self.incident("BR-1", on: "2026-11-20")).finding == .repeat)
        do {
            _ = try police.logIncident(Self.incident("BR-1", on: "2026-11-20", agency: "housing"))
            Issue.record("another agency's incident was logged")
        } catch { #expect(error.kind == .notPermitted) }
        #expect(try test.count("SELECT COUNT(*) FROM incident") == 1)
    }

    @Test func badDatesAndPerpetratorsAreRefusedNamingTheField() throws {
        let test = try TestDatabase()
        try test.add("BR-1", on: "2026-01-10")
        for (extra, field) in [(["occurred_on": "1980-01-01"], "occurred_on"), (["perpetrator_id": "999"], "perpetrator_id"),
                               (["occurred_on": "2026-11-25"], "occurred_on"), (["abuse_types": "punching"], "abuse_types")] {
            do {
                _ = try test.session.logIncident(Self.incident("BR-1", on: "2026-11-01", extra))
                Issue.record("accepted \(field)")
            } catch {
                #expect(error.kind == .invalid)
                #expect(error.problems.first?.field == field)
            }
        }
        #expect(try test.count("SELECT COUNT(*) FROM incident") == 0)
    }

    @Test func anImportIsAllOrNothingNamingEveryBadRow() throws {
        let test = try TestDatabase()
        try test.add("BR-1", on: "2026-01-10")
        let csv = "referral_ref,agency,occurred_on,abuse_types,summary\r\nBR-1,police,2026-11-01,threats,ok\r\nBR-1,police,2027-01-01,threats,future\r\nNOPE,police,2026-11-01,threats,missing\r\n"
        do {
            _ = try test.session.importIncidents(csv: CSVReader(csv), fileName: "i.csv")
            Issue.record("accepted")
        } catch {
            #expect(error.problems.map(\.description).map { String($0.prefix(9)) } == ["i.csv:3: ", "i.csv:4: "])
        }
        #expect(try test.count("SELECT COUNT(*) FROM incident") == 0)
        #expect(try test.session.importIncidents(csv: CSVReader(csv.split(separator: "\r\n").prefix(2).joined(separator: "\r\n") + "\r\n"), fileName: "i.csv") == 1)
    }

    @Test func theFlagListKeepsTwelveMonthsFromTheHearing() throws {
        let test = try TestDatabase()
        try test.add("OLD", on: "2025-10-01", ["victim_name": "Old Case", "heard_on": "2025-11-23"])
        try test.add("EDGE", on: "2025-10-01", ["victim_name": "Edge Case", "heard_on": "2025-11-24"])
        try test.add("NEW", on: "2026-10-01", ["victim_name": "New Case", "heard_on": "2026-10-15"])
        let list = try test.session.flagList(agency: "police", lapsedSince: Day("2026-11-01")!)
        #expect(list.toFlag.map(\.ref) == ["EDGE", "NEW"])
        #expect(list.lapsed.map(\.ref) == ["OLD"])
    }

    /// Issue 23, part 2: the referral made from an incident carries its summary as the reason.
    @Test func theReferralMadeFromAnIncidentCarriesItsSummaryAsTheReason() throws {
        let test = try TestDatabase()
        try test.add("BR-1", on: "2026-01-10", ["ric_answers": String(repeating: "N", count: 24)])
        let found = try test.session.logIncident(Self.incident("BR-1", on: "2026-11-01", ["summary": "He waited outside her work"]))
        let made = try test.session.referIncident(found.id, ref: "INC-1").referral
        #expect(made.judgementReason == "He waited outside her work")
        #expect(made.criteria.contains(.repeat) && made.criteria.contains(.professionalJudgement))
    }

    /// A perpetrator named on the incident follows the identity rules of
    /// referral add: the same name and date of birth is the known person (so a
    /// repeat), a near match is refused naming candidates by id until it is
    /// decided, and someone new is recorded as a new perpetrator.
    @Test func aPerpetratorNamedOnAnIncidentFollowsTheIdentityRules() throws {
        let test = try TestDatabase()
        try test.add("BR-1", on: "2026-01-10")
        let known = try test.count("SELECT perpetrator_id FROM referral WHERE ref = 'BR-1'")
        let people = try test.count("SELECT COUNT(*) FROM person")
        // Exact: TestDatabase's perpetrator, Daniel Smith born 1988-02-02.
        let same = try test.session.logIncident(Self.incident("BR-1", on: "2026-11-01",
            ["perpetrator_name": "daniel  SMITH", "perpetrator_dob": "1988-02-02"]))
        #expect(same.perpetratorID == Int64(known) && same.finding == .repeat)
        // Near: the same name, a date of birth a day out. Refused, nothing written, candidates by id.
        let before = try UseCaseTests.dump(test)
        do {
            _ = try test.session.logIncident(Self.incident("BR-1", on: "2026-11-02", ["perpetrator_name": "Daniel Smith", "perpetrator_dob": "1988-02-03"]))
            Issue.record("a near match was decided silently")
        } catch {
            #expect(error.asksWhoThePersonIs)
            #expect(error.description.contains("person \(known)") && !error.description.contains("Daniel"))
        }
        #expect(try UseCaseTests.dump(test) == before)
        let chosen = try test.session.logIncident(Self.incident("BR-1", on: "2026-11-02",
            ["perpetrator_name": "Daniel Smith", "perpetrator_dob": "1988-02-03"]), perpetrator: .existing(Int64(known)))
        #expect(chosen.perpetratorID == Int64(known) && chosen.finding == .repeat)
        // New: another man; not one of the victim's perpetrators, so not a repeat.
        let other = try test.session.logIncident(Self.incident("BR-1", on: "2026-11-03", ["perpetrator_name": "Tom Other"]))
        #expect(other.perpetratorID != nil && other.perpetratorID != Int64(known) && other.finding == .otherPerpetrator)
        #expect(try test.count("SELECT COUNT(*) FROM person") == people + 1)
        // A name with an id is refused naming the field.
        do {
            _ = try test.session.logIncident(Self.incident("BR-1", on: "2026-11-03", ["perpetrator_name": "Tom Other", "perpetrator_id": "\(known)"]))
            Issue.record("accepted both")
        } catch { #expect(error.problems.first?.field == "perpetrator_name") }
    }

    /// The victim's known perpetrators, for the picker: within scope only.
    @Test func knownPerpetratorsAreThoseOfTheVictimsReferrals() throws {
        let test = try TestDatabase()
        try test.add("BR-1", on: "2026-01-10")
        try test.add("BR-2", on: "2026-03-10", ["perpetrator_name": "Second Man", "perpetrator_dob": "1970-01-01"])
        #expect(try test.session.knownPerpetrators(of: "BR-2").map(\.name) == ["Daniel Smith", "Second Man"])
        try test.session.addUser(login: "housing1", name: "H", roles: [.agency], agency: "housing")
        let housing = Session(database: test.database, actor: Actor("housing1"), clock: test.clock)
        #expect(throws: CaseError.self) { _ = try housing.knownPerpetrators(of: "BR-1") }
    }
}
