import Foundation
import GRDB
import Testing
@testable import MaracCore
@testable import MaracStore

@Suite struct MeetingAndActionTests {
    @Test func aCaseGoesFromAgendaToClosed() throws {
        let test = try TestDatabase()
        try test.add("ADULT", on: "2026-11-01", ["victim_name": "Adult Only"])
        try test.add("KIDS", on: "2026-11-02", ["victim_name": "With Children", "children_in_household": "2"])
        let day = Day("2026-11-20")!
        try test.meetings.create(on: day, by: test.actor)
        for ref in ["ADULT", "KIDS"] {
            try test.referrals.accept(ref: ref, by: test.actor)
            try test.meetings.addCase(on: day, ref: ref, by: test.actor)
        }
        // Cases with children come first, though listed second.
        let agenda = try test.meetings.agenda(on: day)
        #expect(agenda.cases.map(\.referral.ref) == ["KIDS", "ADULT"])
        #expect(agenda.cases.map(\.item.section) == [.casesWithChildren, .adultOnlyCases])

        try test.meetings.attend(on: day, agencies: ["police", "idva"], by: test.actor)
        #expect(throws: StoreError.self) { try test.meetings.attend(on: day, agencies: ["nonsense"], by: test.actor) }
        let action = try test.actions.add(ref: "KIDS", agency: "childrens_social_care", owner: "Duty SW", due: Day("2026-12-01")!,
                                          description: "Strategy discussion", by: test.actor)
        try test.meetings.hear(on: day, ref: "KIDS", by: test.actor)
        #expect(try test.referrals.referral(ref: "KIDS").referral.status == .actionsOpen)
        #expect(try test.referrals.referral(ref: "KIDS").referral.heardOn == day)
        // Hearing it again is illegal.
        #expect(throws: StoreError.self) { try test.meetings.hear(on: day, ref: "KIDS", by: test.actor) }

        try test.actions.complete(id: action, note: "Held 25 Nov", by: test.actor)
        #expect(try test.referrals.referral(ref: "KIDS").referral.status == .closed)
        #expect(throws: StoreError.self) { try test.actions.complete(id: action, note: "again", by: test.actor) }
    }

    @Test func aFutureMeetingCannotHearCases() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2026-11-01")
        let day = Day("2026-12-20")!
        try test.meetings.create(on: day, by: test.actor)
        try test.referrals.accept(ref: "A", by: test.actor)
        try test.meetings.addCase(on: day, ref: "A", by: test.actor)
        #expect(throws: StoreError.self) { try test.meetings.hear(on: day, ref: "A", by: test.actor) }
        #expect(try test.referrals.referral(ref: "A").referral.status == .listed)
    }

    @Test func overdueActionsListFirstAndFilterByAgency() throws {
        let test = try TestDatabase()
        try test.add("A", on: "2026-11-01")
        let day = Day("2026-11-10")!
        try test.meetings.create(on: day, by: test.actor)
        try test.referrals.accept(ref: "A", by: test.actor)
        try test.meetings.addCase(on: day, ref: "A", by: test.actor)
        try test.meetings.hear(on: day, ref: "A", by: test.actor)
        let late = try test.actions.add(ref: "A", agency: "police", owner: "DC", due: Day("2026-11-15")!, description: "late", by: test.actor)
        let soon = try test.actions.add(ref: "A", agency: "housing", owner: "HO", due: Day("2026-12-15")!, description: "soon", by: test.actor)
        let all = try test.actions.list(.init(openOnly: true), limit: 10)
        #expect(all.items.map(\.id) == [late, soon])
        #expect(all.items[0].isOverdue(today: test.clock.today))
        #expect(!all.items[1].isOverdue(today: test.clock.today))
        #expect(try test.actions.list(.init(overdueOnly: true), limit: 10).items.map(\.id) == [late])
        #expect(try test.actions.list(.init(agency: "housing"), limit: 10).items.map(\.id) == [soon])
        try test.actions.markIncomplete(id: late, reason: "Could not contact safely", by: test.actor)
        #expect(try test.actions.list(.init(openOnly: true), limit: 10).items.map(\.id) == [soon])
        try test.actions.moveDue(id: soon, to: Day("2027-01-05")!, by: test.actor)
        #expect(try test.actions.list(.init(), limit: 10).items.first { $0.id == soon }?.due == Day("2027-01-05"))
    }
}
