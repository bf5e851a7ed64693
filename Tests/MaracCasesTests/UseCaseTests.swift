import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore

/// Each use case on a real SQLite file: the whole effect when it succeeds, and
/// the database exactly as before when it fails part-way.
@Suite struct UseCaseTests {
    /// Every row of every table, in rowid order: "exactly as before" means this is equal.
    static func dump(_ test: TestDatabase) throws -> [String] {
        try test.database.writer.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name
                """)
            return try tables.flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { "\(table): \($0.description)" }
            }
        }
    }

    func statuses(_ test: TestDatabase, _ refs: String...) throws -> [ReferralStatus] {
        try refs.map { try test.session.referral($0).referral.status }
    }

    @Test func screeningInListsTheCaseOnTheNextMeetingInOneStep() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2026-11-01")
        try test.session.createMeeting(on: Day("2026-12-03")!)
        try test.session.createMeeting(on: Day("2026-12-17")!)
        #expect(try test.session.screenIn("A") == Day("2026-12-03"))
        #expect(try statuses(test, "A") == [.listed])
        #expect(try test.session.agenda(on: Day("2026-12-03")!).cases.map(\.referral.ref) == ["A"])
        let trail = try test.session.auditTrail(referral: "A", limit: 10).items.map(\.detail)
        #expect(trail.contains { $0.hasPrefix("received->screened_in") })
        #expect(trail.contains { $0.hasPrefix("screened_in->listed") })
    }

    @Test func screeningInWithNowhereToListItChangesNothing() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2026-11-01")
        _ = try test.session.whoAmI()
        let before = try Self.dump(test)
        let error = #expect(throws: CaseError.self) { try test.session.screenIn("A") }
        #expect(error?.problems.first?.hint == .planMeeting)
        #expect(try Self.dump(test) == before)

        // A meeting already held takes no more cases: the screening is undone with it.
        try test.add("B", on: "2026-11-01")
        try test.session.createMeeting(on: Day("2026-11-20")!)
        try test.session.screenIn("B", listingOn: Day("2026-11-20")!)
        try test.session.hearCase("B", on: Day("2026-11-20")!)
        let held = try Self.dump(test)
        #expect(throws: CaseError.self) { try test.session.screenIn("A", listingOn: Day("2026-11-20")!) }
        #expect(try Self.dump(test) == held)
        #expect(try statuses(test, "A") == [.received])
    }

    @Test func aListedHeardOrClosedCaseIsNeverScreenedAgain() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2026-11-01")
        try test.session.createMeeting(on: Day("2026-12-03")!)
        try test.session.screenIn("A")
        let before = try Self.dump(test)
        let again = #expect(throws: CaseError.self) { try test.session.screenIn("A") }
        #expect(again?.description == "A is listed; only a referral just received is screened")
        #expect(throws: CaseError.self) { try test.session.decline("A", reason: "changed my mind") }
        let twice = #expect(throws: CaseError.self) { try test.session.listCase("A", on: Day("2026-12-03")!) }
        #expect(twice?.kind == .invalid)
        #expect(twice?.description == "A is already on the agenda for 2026-12-03")
        #expect(try Self.dump(test) == before)
    }

    @Test func movingACaseIsOneStepOrNone() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2026-11-01")
        try test.session.createMeeting(on: Day("2026-12-03")!)
        try test.session.createMeeting(on: Day("2026-12-17")!)
        try test.session.screenIn("A")
        let before = try Self.dump(test)
        // To a meeting that does not exist: the removal is rolled back too.
        let missing = #expect(throws: CaseError.self) { try test.session.moveCase("A", from: Day("2026-12-03")!, to: Day("2026-12-31")!) }
        #expect(missing?.kind == .notFound)
        #expect(missing?.problems.first?.hint == .createMeeting(Day("2026-12-31")!))
        #expect(try Self.dump(test) == before)
        try test.session.moveCase("A", from: Day("2026-12-03")!, to: Day("2026-12-17")!)
        #expect(try test.session.agenda(on: Day("2026-12-03")!).cases.isEmpty)
        #expect(try test.session.agenda(on: Day("2026-12-17")!).cases.map(\.referral.ref) == ["A"])
        #expect(try statuses(test, "A") == [.listed])
    }

    @Test func hearingGoesThroughEveryTransitionWithItsAuditRow() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2026-11-01")
        try test.session.createMeeting(on: Day("2026-11-20")!)
        try test.session.screenIn("A", listingOn: Day("2026-11-20")!)
        try test.session.agreeAction(on: "A", agency: "police", owner: "DC Patel", due: Day("2026-12-01")!, description: "Flag the address")
        try test.session.hearCase("A", on: Day("2026-11-20")!)
        #expect(try statuses(test, "A") == [.actionsOpen])
        let trail = try test.session.auditTrail(referral: "A", limit: 20).items.map(\.detail)
        #expect(trail.contains { $0.hasPrefix("listed->heard") })
        #expect(trail.contains { $0.hasPrefix("heard->actions_open") })
        #expect(try test.session.meetings(limit: 5).items.first?.status == .held)
    }

    @Test func anActionWithSeveralProblemsNamesThemAllAndWritesNothing() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2026-11-01")
        try test.session.createMeeting(on: Day("2026-11-20")!)
        try test.session.screenIn("A", listingOn: Day("2026-11-20")!)
        let before = try Self.dump(test)
        let error = #expect(throws: CaseError.self) {
            try test.session.agreeAction(on: "A", agency: "nobody", owner: " ", due: Day("2026-12-01")!, description: "")
        }
        #expect(error?.problems.compactMap(\.field).sorted() == ["agency", "description", "owner"])
        #expect(try Self.dump(test) == before)
    }

    @Test func aDueDateNeverMovesIntoThePast() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2026-11-01")
        try test.session.createMeeting(on: Day("2026-11-20")!)
        try test.session.screenIn("A", listingOn: Day("2026-11-20")!)
        let id = try test.session.agreeAction(on: "A", agency: "police", owner: "DC", due: Day("2026-12-01")!, description: "Flag")
        let before = try Self.dump(test)
        let past = #expect(throws: CaseError.self) { try test.session.moveActionDue(id, to: Day("2026-11-01")!, reason: "r") }
        #expect(past?.problems.first?.field == "due")
        #expect(try Self.dump(test) == before)
    }

    @Test func theLastActionClosingClosesTheCase() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2026-11-01")
        try test.session.createMeeting(on: Day("2026-11-20")!)
        try test.session.screenIn("A", listingOn: Day("2026-11-20")!)
        try test.session.hearCase("A", on: Day("2026-11-20")!)
        #expect(try statuses(test, "A") == [.heard])
        let first = try test.session.agreeAction(on: "A", agency: "police", owner: "DC", due: Day("2026-12-01")!, description: "Flag")
        let second = try test.session.agreeAction(on: "A", agency: "housing", owner: "HO", due: Day("2026-12-01")!, description: "Locks")
        #expect(try statuses(test, "A") == [.actionsOpen])
        try test.session.completeAction(first, note: "done")
        #expect(try statuses(test, "A") == [.actionsOpen])
        try test.session.recordActionIncomplete(second, reason: "declined by victim")
        #expect(try statuses(test, "A") == [.closed])
    }

    /// Imports rows (referral_ref, referred_on, referring_agency, victim_name)
    /// over a database holding OLD; the refusal, and whether the database is as it was.
    static func refusedImport(_ rows: [[String]]) throws -> (error: CaseError?, unchanged: Bool) {
        let test = try TestDatabase()
        try test.add("OLD", on: "2026-11-01")
        _ = try test.session.whoAmI()
        let before = try dump(test)
        let csv = CSV.row(["referral_ref", "referred_on", "referring_agency", "victim_name"]) + rows.map(CSV.row).joined()
        let error = #expect(throws: CaseError.self) { _ = try test.session.importReferrals(csv: csv, fileName: "f.csv", update: false) }
        return (error, try dump(test) == before)
    }

    @Test func anImportThatClashesPartWayWritesNothing() throws {
        let (error, unchanged) = try Self.refusedImport([["NEW-1", "2026-11-02", "police", "Person One"], ["OLD", "2026-11-03", "idva", "Person Two"]])
        #expect(error?.description == "f.csv:3: referral_ref: OLD already exists")
        #expect(error?.problems.first?.hint == .replaceExisting)
        #expect(unchanged)
    }

    /// The import checks each row as it is read (issue 11): a clash, then a
    /// bad row: the bad row alone is reported (the database's checks are for
    /// a file whose rows are all valid, as before), every bad row is listed,
    /// and nothing is written.
    @Test func anImportWithABadRowAfterWrittenRowsWritesNothingAndListsEveryBadRow() throws {
        let (error, unchanged) = try Self.refusedImport([
            ["NEW-1", "2026-11-02", "police", "Person One"], ["OLD", "2026-11-03", "idva", "Person Two"],
            ["NEW-2", "2026-13-01", "police", "Person Three"], ["NEW-3", "2026-11-04", "police", "Person Four"],
            ["NEW-1", "2026-11-05", "police", "Person Five"],
        ])
        #expect(error?.description == "f.csv:4: referred_on: is not a real date in the form YYYY-MM-DD; "
                    + "f.csv:6: referral_ref: the same reference is also on line 2")
        #expect(unchanged)
    }

    /// Repeats are still derived when one file brings a victim's referrals out
    /// of date order: the first row makes the victim (nothing to work out),
    /// the next finds them and works out both again.
    @Test func anImportOutOfDateOrderStillDerivesRepeats() throws {
        let test = try TestDatabase()
        let header = CSV.row(["referral_ref", "referred_on", "referring_agency", "victim_name", "victim_dob", "perpetrator_name", "perpetrator_dob", "ric_score"])
        let csv = header
            + CSV.row(["LATER", "2026-10-01", "police", "Rhiannon Price", "1991-03-03", "Carl Price", "1989-01-01", "15"])
            + CSV.row(["EARLIER", "2026-04-01", "idva", "Rhiannon Price", "1991-03-03", "Carl Price", "1989-01-01", "15"])
            + CSV.row(["ALONE", "2026-09-01", "police", "Someone Else", "1980-01-01", "Carl Price", "1989-01-01", "15"])
        let summary = try test.session.importReferrals(csv: csv, fileName: "f.csv", update: false)
        #expect(summary.added == 3)
        #expect(try test.session.referral("LATER").referral.isRepeat)
        #expect(try test.session.referral("LATER").referral.criteria.contains(.repeat))
        #expect(try !test.session.referral("EARLIER").referral.isRepeat)
        #expect(try !test.session.referral("ALONE").referral.isRepeat)
    }

    @Test func aStoredValueThatCannotBeReadIsNamedByTableAndRowNeverByItsContent() throws {
        let test = try TestDatabase()
        let id = try test.add("A", on: "2026-11-01", ["victim_name": "Amina Begum"])
        try test.database.writer.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE referral SET status = 'bogus' WHERE id = ?", arguments: [id])
        }
        let error = #expect(throws: CaseError.self) { _ = try test.session.referral("A") }
        #expect(error?.kind == .storage)
        #expect(error?.description.hasPrefix("database: referral row \(id) cannot be read (column status); nothing was changed") == true)
        #expect(error?.description.contains("Amina") == false)
    }

    @Test func judgementIsNeverInferredFromAReason() throws {
        // The form once added professional_judgement by itself when a reason was
        // typed; the use case refuses the same input from anywhere, and writes nothing.
        let test = try TestDatabase()
        var fields = TestDatabase.fields("J", on: "2026-11-01", ["professional_judgement_reason": "Honour-based risk"])
        fields["ric_answers"] = String(repeating: "N", count: 24)
        let error = #expect(throws: CaseError.self) { _ = try test.session.logReferral(fields) }
        #expect(error?.problems.map(\.field) == ["professional_judgement_reason"])
        #expect(try test.count("SELECT COUNT(*) FROM referral") == 0)
        fields["criteria"] = "professional_judgement"
        #expect(try test.session.logReferral(fields).referral.criteria.contains(.professionalJudgement))
    }
}

/// Every read of identifying data leaves its access record, in the same
/// transaction; scope decides what a person reaches.
@Suite struct AccessRecordTests {
    static func accessRows(_ test: TestDatabase) throws -> [(useCase: String, actor: String, referrals: Int, people: Int)] {
        try test.database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.use_case, a.actor,
                       (SELECT COUNT(*) FROM access_referral r WHERE r.access_id = a.id) AS referrals,
                       (SELECT COUNT(*) FROM access_person p WHERE p.access_id = a.id) AS people
                FROM access a ORDER BY a.id
                """).map { ($0["use_case"], $0["actor"], $0["referrals"], $0["people"]) }
        }
    }

    @Test func everyIdentityReadIsRecordedOnceAPage() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2026-11-01")
        try test.add("B", on: "2026-11-02", ["victim_name": "Jo Bloggs", "victim_dob": "1985-01-01"])
        let session = test.session
        try session.createMeeting(on: Day("2026-12-03")!)
        try session.screenIn("A")
        let before = try Self.accessRows(test).count
        _ = try session.referral("A")
        _ = try session.referrals(.init(), limit: 10)
        _ = try session.triageQueue(limit: 10)
        let matches = try session.searchPeople("jo")
        _ = try session.cases(ofPerson: try #require(matches.first).personID)
        _ = try session.agenda(on: Day("2026-12-03")!)
        _ = try session.minutes(on: Day("2026-12-03")!)
        _ = try session.exportPage(afterID: 0, limit: 10)
        let rows = try Self.accessRows(test).dropFirst(before)
        #expect(rows.map(\.useCase) == ["viewReferral", "listReferrals", "triageQueue", "searchPeople", "searchPeople",
                                         "viewAgenda", "writeMeetingDocuments", "exportReferrals"])
        #expect(rows.allSatisfy { $0.actor == "test-coordinator" })
        // A and B share a perpetrator: A's page lists B as a linked case (issue 10), so B and its victim were seen too.
        #expect(rows.first.map { $0.referrals == 2 && $0.people == 3 } == true)
        #expect(Array(rows)[1].referrals == 2)
        // The same page again, as the UI redraws it: not logged twice. Another page is.
        let count = try Self.accessRows(test).count
        _ = try session.referrals(.init(), limit: 10)
        _ = try session.referral("A")
        #expect(try Self.accessRows(test).count == count)
        _ = try session.referrals(.init(), limit: 1)
        #expect(try Self.accessRows(test).count == count + 1)
        // A search with no result identifies no one: nothing to record, and never the text typed.
        _ = try session.searchPeople("zzzz")
        #expect(try Self.accessRows(test).count == count + 1)
        let texts = try test.database.writer.read { db in try String.fetchAll(db, sql: "SELECT use_case || COALESCE(reason, '') FROM access") }
        #expect(!texts.contains { $0.contains("jo") || $0.contains("zzzz") })
        guard case .intact = try AuditChain.verify(test.database) else { Issue.record("chain broken"); return }
    }

    @Test func anIDVASeesTheirOwnCasesAndBreaksGlassForAnother() throws {
        let test = try TestDatabase()
        _ = try test.session.whoAmI()
        try test.session.addUser(login: "idva1", name: "An IDVA", roles: [.idva], agency: nil)
        let idva = Session(database: test.database, actor: Actor("idva1"), clock: test.clock)
        _ = try idva.logReferral(TestDatabase.fields("MINE", on: "2026-11-01"))
        try test.add("THEIRS", on: "2026-11-02", ["victim_name": "Someone Else"])
        var keyworked = TestDatabase.fields("KEY", on: "2026-11-03", ["victim_name": "Kay Worker"])
        keyworked["keyworker"] = "idva1"
        _ = try test.session.logReferral(keyworked)
        #expect(Set(try idva.referrals(.init(), limit: 10).items.map(\.ref)) == ["MINE", "KEY"])
        #expect(try idva.searchPeople("someone").isEmpty)
        let hidden = #expect(throws: CaseError.self) { _ = try idva.referral("THEIRS") }
        let missing = #expect(throws: CaseError.self) { _ = try idva.referral("NEVER") }
        #expect(hidden?.kind == missing?.kind)
        #expect(hidden?.description == "no referral with that reference" && missing?.description == "no referral with that reference")
        let refused = #expect(throws: CaseError.self) { try idva.screenIn("MINE") }
        #expect(refused?.kind == .notPermitted)
        // Break-glass opens the one case, with a reason, logged for review.
        let accessRows = try test.count("SELECT COUNT(*) FROM access")
        #expect(throws: CaseError.self) { _ = try idva.referral("THEIRS", breakGlass: "  ") }
        #expect(try test.count("SELECT COUNT(*) FROM access") == accessRows)
        #expect(try idva.referral("THEIRS", breakGlass: "victim at A&E").referral.ref == "THEIRS")
        let review = try test.session.breakGlassReads(limit: 10).items
        #expect(review.map(\.actor) == ["idva1"] && review.first?.reason == "victim at A&E" && review.first?.refs == ["THEIRS"])
    }
}
