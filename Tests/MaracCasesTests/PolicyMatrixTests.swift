import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore
import MaracAge

/// Every cell of the role × use case matrix, through the use-case layer on a
/// real file: each use case method asks the policy for its own use case, so a
/// role the policy refuses gets `notPermitted` and nothing else does. (The
/// binary and real OS users check a cross-section: PermissionMatrixTests.)
@Suite struct PolicyMatrixTests {
    static let roles: [Role: String] = [.coordinator: "coord", .idva: "idva1", .agency: "police1", .analyst: "analyst1", .admin: "admin1", .panel: "panel1"]

    /// A file the openPack call opens (a low work factor: this checks permission, not scrypt).
    static let smallPack = (try? Age.encrypt(Data("x".utf8), to: [.passphrase("p")], workFactor: 2)) ?? Data()

    /// One call per use case, on records that exist.
    static let calls: [UseCase: @Sendable (Session) throws(CaseError) -> Void] = [
        .logReferral: { s throws(CaseError) in _ = try s.logReferral(TestDatabase.fields("NEW-\(s.actor.name)", on: "2026-11-20")) },
        .editReferral: { s throws(CaseError) in
            _ = try s.editReferral(TestDatabase.fields("LISTED", on: "2026-11-01", ["victim_name": "Lena Listed"]), openedAtVersion: 1,
                                   reason: "checked against the form") },
        .viewReferral: { s throws(CaseError) in _ = try s.referral("LISTED") },
        .viewHistory: { s throws(CaseError) in _ = try s.referralHistory("LISTED", limit: 10) },
        // Issue 24: a perpetrator's page (no perpetrator here: refused by policy, or not found).
        .viewPerpetrator: { s throws(CaseError) in _ = try s.perpetrator(1) },
        // Issue 24: the harm ranking spans every case.
        .rankPerpetrators: { s throws(CaseError) in _ = try s.rankPerpetrators(limit: 5) },
        .listReferrals: { s throws(CaseError) in _ = try s.referrals(.init(), limit: 10) },
        .triageQueue: { s throws(CaseError) in _ = try s.triageQueue(limit: 10) },
        .searchPeople: { s throws(CaseError) in _ = try s.searchPeople("lena") },
        .screenReferral: { s throws(CaseError) in try s.decline("WAITING-\(s.actor.name)", reason: "outside the borough") },
        .lapseCases: { s throws(CaseError) in _ = try s.lapseDueCases() },
        .importReferrals: { s throws(CaseError) in
            _ = try s.importReferrals(csv: "referral_ref,referred_on,referring_agency,victim_name\r\nIMP-\(s.actor.name),2026-11-02,police,Imogen\r\n",
                                      fileName: "f.csv", update: false) },
        .exportReferrals: { s throws(CaseError) in _ = try s.exportPage(afterID: 0, limit: 10) },
        .viewMeetings: { s throws(CaseError) in _ = try s.meetings(limit: 10) },
        .manageMeetings: { s throws(CaseError) in try s.createMeeting(on: Day("2027-01-\(10 + s.actor.name.count)")!) },
        .manageAgenda: { s throws(CaseError) in try s.moveCase("LISTED", from: Day("2026-12-03")!, to: Day("2026-12-17")!) },
        .recordAttendance: { s throws(CaseError) in try s.recordAttendance(on: Day("2026-12-03")!, agencies: ["police"]) },
        .hearCase: { s throws(CaseError) in try s.hearCase("NOT-LISTED", on: Day("2026-11-20")!) },
        .recordShared: { s throws(CaseError) in try s.recordShared("LISTED", on: Day("2026-12-03")!, text: "Known to police") },
        .viewAgenda: { s throws(CaseError) in _ = try s.agenda(on: Day("2026-12-03")!) },
        .writeMeetingDocuments: { s throws(CaseError) in _ = try s.minutes(on: Day("2026-12-03")!) },
        .recordResearch: { s throws(CaseError) in
            try s.recordResearch(on: Day("2026-12-17")!, ["referral_ref": "LISTED", "agency": "police", "known": "no"]) },
        .viewResearch: { s throws(CaseError) in _ = try s.researchReturns(on: Day("2026-12-17")!) },
        .importResearch: { s throws(CaseError) in
            _ = try s.importResearchReturns(on: Day("2026-12-17")!, csv: "referral_ref,agency,known\r\nLISTED,police,no\r\n", fileName: "r.csv") },
        .chaseActions: { s throws(CaseError) in _ = try s.chaseList(agency: nil, limit: 10) },
        .confirmOwnAttendance: { s throws(CaseError) in try s.confirmOwnAttendance(on: Day("2026-12-17")!) },
        .agreeAction: { s throws(CaseError) in
            try s.agreeAction(on: "LISTED", agency: "police", owner: "DC", due: Day("2026-12-20")!, description: "Flag") },
        .updateAction: { s throws(CaseError) in try s.moveActionDue(1, to: Day("2026-12-30")!, reason: "matrix check") },
        // Issue 20's corrections: each asks its own row, on records that exist or not (refused otherwise than "not permitted").
        .correctShared: { s throws(CaseError) in try s.correctShared(999_999, text: "y", reason: "matrix check") },
        .unhearCase: { s throws(CaseError) in try s.unhearCase("LISTED", on: Day("2026-12-03")!, reason: "matrix check") },
        .reverseDecline: { s throws(CaseError) in try s.reverseDecline("LISTED", reason: "matrix check") },
        .reassignAction: { s throws(CaseError) in try s.reassignAction(1, owner: "DC \(s.actor.name)", reason: "matrix check") },
        .reopenAction: { s throws(CaseError) in try s.reopenAction(1, reason: "matrix check") },
        .cancelMeeting: { s throws(CaseError) in _ = try s.cancelMeeting(on: Day("2027-02-01")!, reason: "matrix check") },
        .moveMeeting: { s throws(CaseError) in try s.moveMeeting(on: Day("2027-02-01")!, to: Day("2027-02-02")!, reason: "matrix check") },
        .logIncident: { s throws(CaseError) in
            _ = try s.logIncident(["referral_ref": "LISTED", "agency": "police", "occurred_on": "2026-11-20", "abuse_types": "unwanted_contact",
                                   "summary": "matrix check"]) },
        .listIncidents: { s throws(CaseError) in _ = try s.incidents(agency: nil, limit: 10) },
        .importIncidents: { s throws(CaseError) in
            _ = try s.importIncidents(csv: CSVReader("referral_ref,agency,occurred_on,abuse_types,summary\r\nLISTED,police,2026-11-20,threats,matrix\r\n"),
                                      fileName: "i.csv") },
        .referIncident: { s throws(CaseError) in _ = try s.referIncident(999_999, ref: "INC-M-\(s.actor.name)") },
        .listFlags: { s throws(CaseError) in _ = try s.flagList(agency: "police", lapsedSince: nil) },
        .viewActions: { s throws(CaseError) in _ = try s.actions(.init(), limit: 10) },
        .viewExactFigures: { s throws(CaseError) in try s.recordExactFigures("matrix") },
        .viewSuppressedFigures: { s throws(CaseError) in _ = try s.figures(try! FiguresPeriod.year(2026)) },
        .viewSettings: { s throws(CaseError) in _ = try s.setting(Settings.adultFemalePopulation) },
        .changeSettings: { s throws(CaseError) in try s.changeSetting(Settings.retentionMonths, to: "24") },
        .viewAgencies: { s throws(CaseError) in _ = try s.agencies() },
        .manageAgencies: { s throws(CaseError) in try s.addAgency(code: "refuge_\(s.actor.name.filter(\.isLetter))", name: "A refuge") },
        .manageUsers: { s throws(CaseError) in try s.addUser(login: "new-\(s.actor.name)", name: "New", roles: [.idva], agency: nil) },
        .viewUsers: { s throws(CaseError) in _ = try s.users() },
        .viewAudit: { s throws(CaseError) in _ = try s.auditTrail(limit: 10) },
        .verifyAudit: { s throws(CaseError) in _ = try s.verifyAuditTrail() },
        .reviewBreakGlass: { s throws(CaseError) in _ = try s.breakGlassReads(limit: 10) },
        .breakGlass: { s throws(CaseError) in _ = try s.referral("LISTED", breakGlass: "matrix check") },
        .backupDatabase: { s throws(CaseError) in try s.backup { _ in "matrix check" } },
        .restoreDatabase: { s throws(CaseError) in
            // A copy of the matrix database, restored by the role being checked.
            let folder = URL(fileURLWithPath: s.database.path).deletingLastPathComponent().path
            let copy = folder + "/copy-\(s.actor.name).db"
            do { try DatabaseBackup.snapshot(s.database, into: copy) } catch { throw CaseError.from(error) }
            _ = try Session.restore(into: folder + "/restored-\(s.actor.name).db", actor: s.actor, clock: s.clock) { handle in
                try handle.write(contentsOf: try Data(contentsOf: URL(fileURLWithPath: copy)))
            }
        },
        .viewMaracKey: { s throws(CaseError) in _ = try s.maracPublicKey() },
        .manageAgencyKeys: { s throws(CaseError) in
            try s.setAgencyKey(code: "police", key: "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p") },
        .openPack: { s throws(CaseError) in _ = try s.openPack(smallPack, passphrase: "p") },
        .viewLawfulBases: { s throws(CaseError) in _ = try s.lawfulBases() },
        .manageLawfulBases: { s throws(CaseError) in try s.addLawfulBasis(code: "basis_\(s.actor.name.filter(\.isLetter))", text: "UK GDPR Art 6(1)(e)") },
        .purgeCases: { s throws(CaseError) in _ = try s.purgeDryRun() },
        .exportPerson: { s throws(CaseError) in _ = try s.subjectAccess(personID: 1, destination: .plainFile) },
        // Issue 20: people recorded twice are the coordinator's to find, merge, unmerge and dismiss.
        .findDuplicatePeople: { s throws(CaseError) in _ = try s.possibleDuplicates { _ in } },
        .mergePeople: { s throws(CaseError) in _ = try s.mergePeople(keep: 3, other: 5, reason: "matrix check", force: true) },
        .unmergePeople: { s throws(CaseError) in _ = try s.unmergePeople(mergeID: 1) },
        .dismissDuplicate: { s throws(CaseError) in try s.dismissDuplicate(3, 7, reason: "matrix check") },
        // Issue 25: transfers between MARACs are the coordinator's alone.
        .transferOut: { s throws(CaseError) in
            try s.transferOut("LISTED", to: "Croydon MARAC", recipient: "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p",
                              answers: TransferAnswers(move: .permanent, movedOn: Day("2026-11-22")!, heardOn: nil, agendaCirculated: false,
                                                       idvaHandoverTo: nil, redoChecklist: false)) { _ in } },
        .transferIn: { s throws(CaseError) in _ = try s.transferIn(Data("not a bundle".utf8)) },
        .decideTransfer: { s throws(CaseError) in try s.decideTransfer("LISTED", .note, reason: "matrix check") { _ in } },
        .acknowledgeTransfer: { s throws(CaseError) in _ = try s.acknowledgeTransfer(Data("not an acknowledgement".utf8), actions: nil) },
        .viewTransfers: { s throws(CaseError) in _ = try s.transfers() },
        .manageMaracPeers: { s throws(CaseError) in _ = try s.maracPeers() },
        // Clare's Law requests (issue 23): the agency user here is the police's.
        .viewDisclosureRequests: { s throws(CaseError) in _ = try s.disclosureRequests(.all, limit: 10) },
        .manageDisclosureRequests: { s throws(CaseError) in
            _ = try s.addDisclosureRequest(["route": "right_to_ask", "requested_on": "2026-11-20", "asked_by": "police",
                                            "person_at_risk_name": "Lena Listed", "subject_name": "Sol \(s.actor.name)"],
                                           identity: IdentityChoices(victim: .new, perpetrator: .new)) },
        // The perpetrator panel (issue 24): on records that do not exist, refused otherwise than "not permitted".
        .viewPanel: { s throws(CaseError) in _ = try s.panelMeetings(limit: 10) },
        .managePanel: { s throws(CaseError) in try s.createPanelMeeting(on: Day("2027-03-\(10 + s.actor.name.count)")!, chair: nil) },
        .referToPanel: { s throws(CaseError) in _ = try s.referToPanel(perpetratorID: 999_999, reason: "matrix check") },
        .decidePanel: { s throws(CaseError) in try s.decidePanelReferral(999_999, decision: .support, reason: "matrix check") },
        .recordPanelOutcome: { s throws(CaseError) in try s.recordPanelOutcome(999_999, outcome: .engaged, end: nil, nextReview: nil) },
    ]

    @Test func everyCellOfTheMatrixIsWhatThePolicySays() throws {
        let test = try TestDatabase()
        let admin = test.session
        for (role, login) in Self.roles where login != "admin1" {
            try admin.addUser(login: login, name: login, roles: [role], agency: role == .agency ? "police" : nil)
        }
        try admin.addUser(login: "admin1", name: "admin1", roles: [.admin], agency: nil)
        try admin.createMeeting(on: Day("2026-12-03")!)
        try admin.createMeeting(on: Day("2026-12-17")!)
        try admin.createMeeting(on: Day("2026-11-20")!)
        try test.add("LISTED", on: "2026-11-01", ["victim_name": "Lena Listed"])
        try admin.screenIn("LISTED", listingOn: Day("2026-12-03")!)
        try admin.agreeAction(on: "LISTED", agency: "police", owner: "DC", due: Day("2026-12-20")!, description: "Flag")
        // The police take part in both meetings, so their rep may record research for either.
        try admin.confirmAttendance(on: Day("2026-12-03")!, agencies: ["police"])
        try admin.confirmAttendance(on: Day("2026-12-17")!, agencies: ["police"])
        for login in Self.roles.values { try test.add("WAITING-\(login)", on: "2026-11-02", ["victim_name": "W \(login)"]) }

        var checked = 0
        for useCase in UseCase.allCases where useCase != .fillDemo {
            let call = try #require(Self.calls[useCase], "no call for \(useCase)")
            for (role, login) in Self.roles {
                let session = Session(database: test.database, actor: Actor(login), clock: test.clock)
                let allowed = Policy.scope(role, useCase) != nil
                do {
                    try call(session)
                    #expect(allowed, "\(role) was let \(useCase.words)")
                } catch {
                    if allowed {
                        #expect(error.kind != .notPermitted, "\(role) refused \(useCase.words): \(error)")
                    } else {
                        #expect(error.kind == .notPermitted, "\(role) not refused \(useCase.words): \(error)")
                        #expect(error.description.contains("may not \(useCase.words)"), "\(error)")
                    }
                }
                checked += 1
            }
        }
        #expect(checked == (UseCase.allCases.count - 1) * Role.allCases.count)
    }

    @Test func onlyTheRolesAllowedFillADemoDatabase() throws {
        let test = try TestDatabase()
        try test.session.addUser(login: "idva1", name: "I", roles: [.idva], agency: nil)
        try test.session.addUser(login: "admin1", name: "A", roles: [.admin], agency: nil)
        let idva = Session(database: test.database, actor: Actor("idva1"), clock: test.clock)
        let refused = #expect(throws: CaseError.self) { _ = try idva.fillDemo(seed: 1, size: .small) }
        #expect(refused?.kind == .notPermitted && refused?.description.contains("may not fill a demo database") == true)
        let admin = Session(database: test.database, actor: Actor("admin1"), clock: test.clock)
        #expect(try admin.fillDemo(seed: 1, size: .small) != .alreadyDemo)
        // In a demo database every login acts as its coordinator.
        #expect(try idva.referrals(.init(), limit: 5).items.count == 5)
    }
}
