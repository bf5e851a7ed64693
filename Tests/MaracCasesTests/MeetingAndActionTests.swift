import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCore
@testable import MaracCases
@testable import MaracStore

@Suite struct MeetingAndActionTests {
    @Test func aCaseGoesFromAgendaToClosed() throws {
        let test = try TestDatabase()
        try test.add("ADULT", on: "2026-11-01", ["victim_name": "Adult Only"])
        try test.add("KIDS", on: "2026-11-02", ["victim_name": "With Children", "children_in_household": "2"])
        let day = Day("2026-11-20")!
        try test.session.createMeeting(on: day)
        for ref in ["ADULT", "KIDS"] {
            try test.session.screenIn(ref, listingOn: day)
        }
        // Cases with children come first, though listed second.
        let agenda = try test.session.agenda(on: day)
        #expect(agenda.cases.map(\.referral.ref) == ["KIDS", "ADULT"])
        #expect(agenda.cases.map(\.item.section) == [.casesWithChildren, .adultOnlyCases])

        try test.session.recordAttendance(on: day, agencies: ["police", "idva"])
        #expect(throws: CaseError.self) { try test.session.recordAttendance(on: day, agencies: ["nonsense"]) }
        let action = try test.session.agreeAction(on: "KIDS", agency: "childrens_social_care", owner: "Duty SW", due: Day("2026-12-01")!,
                                                  description: "Strategy discussion")
        try test.session.hearCase("KIDS", on: day)
        #expect(try test.session.referral("KIDS").referral.status == .actionsOpen)
        #expect(try test.session.referral("KIDS").referral.heardOn == day)
        // Hearing it again is illegal.
        #expect(throws: CaseError.self) { try test.session.hearCase("KIDS", on: day) }

        try test.session.completeAction(action, note: "Held 25 Nov")
        #expect(try test.session.referral("KIDS").referral.status == .closed)
        #expect(throws: CaseError.self) { try test.session.completeAction(action, note: "again") }
    }

    @Test func aFutureMeetingCannotHearCases() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2026-11-01")
        let day = Day("2026-12-20")!
        try test.session.createMeeting(on: day)
        try test.session.screenIn("A", listingOn: day)
        #expect(throws: CaseError.self) { try test.session.hearCase("A", on: day) }
        #expect(try test.session.referral("A").referral.status == .listed)
    }

    @Test func overdueActionsListFirstAndFilterByAgency() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2026-11-01")
        let day = Day("2026-11-10")!
        try test.session.createMeeting(on: day)
        try test.session.screenIn("A", listingOn: day)
        try test.session.hearCase("A", on: day)
        let late = try test.session.agreeAction(on: "A", agency: "police", owner: "DC", due: Day("2026-11-15")!, description: "late")
        let soon = try test.session.agreeAction(on: "A", agency: "housing", owner: "HO", due: Day("2026-12-15")!, description: "soon")
        let all = try test.session.actions(.init(openOnly: true), limit: 10)
        #expect(all.items.map(\.id) == [late, soon])
        #expect(all.items[0].isOverdue(today: test.clock.today))
        #expect(!all.items[1].isOverdue(today: test.clock.today))
        #expect(try test.session.actions(.init(overdueOnly: true), limit: 10).items.map(\.id) == [late])
        #expect(try test.session.actions(.init(agency: "housing"), limit: 10).items.map(\.id) == [soon])
        try test.session.recordActionIncomplete(late, reason: "Could not contact safely")
        #expect(try test.session.actions(.init(openOnly: true), limit: 10).items.map(\.id) == [soon])
        try test.session.moveActionDue(soon, to: Day("2027-01-05")!, reason: "waiting for the panel")
        #expect(try test.session.actions(.init(), limit: 10).items.first { $0.id == soon }?.due == Day("2027-01-05"))
    }
}
