import Testing
@testable import MaracCore

/// Issue 10: the coordinator reorders cases by hand within an agenda section;
/// the SafeLives section order (children, adult-only, lapsed) can never change.
@Suite struct AgendaHandOrderTests {
    static func item(_ ref: String, _ section: AgendaSection, _ band: RiskBand, _ score: Int, listed: Int, hand: Int? = nil) -> AgendaItem {
        AgendaItem(referralRef: ref, section: section, band: band, score: score, listedPosition: listed, handPosition: hand)
    }

    static let items = [
        item("K-HIGH", .casesWithChildren, .high, 20, listed: 1),
        item("K-MED", .casesWithChildren, .medium, 12, listed: 2),
        item("K-HIGH-2", .casesWithChildren, .high, 15, listed: 3),
        item("A-HIGH", .adultOnlyCases, .high, 18, listed: 4),
        item("A-MED", .adultOnlyCases, .medium, 11, listed: 5),
        item("L-HIGH", .lapsedCases, .high, 22, listed: 6),
    ]

    /// Applies the places Core gives back, as the store does.
    static func applying(_ places: [(ref: String, handPosition: Int)], to items: [AgendaItem]) -> [AgendaItem] {
        items.map { i in
            item(i.referralRef, i.section, i.band, i.score ?? 0, listed: i.listedPosition,
                 hand: places.first { $0.ref == i.referralRef }?.handPosition ?? i.handPosition)
        }
    }

    @Test func withoutAHandOrderTheSectionIsByRisk() {
        #expect(AgendaItem.ordered(Self.items).map(\.referralRef) == ["K-HIGH", "K-HIGH-2", "K-MED", "A-HIGH", "A-MED", "L-HIGH"])
        #expect(AgendaHandOrder.place(of: "K-MED", in: Self.items).map { [$0.place, $0.count] } == [3, 3])
    }

    @Test func movingACaseToTheTopOfItsSectionPlacesEveryCaseOfThatSectionOnly() throws {
        let places = try AgendaHandOrder.move("K-MED", to: 1, in: Self.items)
        #expect(places.map(\.ref) == ["K-MED", "K-HIGH", "K-HIGH-2"])
        #expect(places.map(\.handPosition) == [1, 2, 3])
        let after = AgendaItem.ordered(Self.applying(places, to: Self.items))
        #expect(after.map(\.referralRef) == ["K-MED", "K-HIGH", "K-HIGH-2", "A-HIGH", "A-MED", "L-HIGH"])
    }

    @Test func aHandOrderNeverBreaksTheSectionOrder() throws {
        // Even a hand place of 1 in a later section stays behind every earlier section.
        let odd = [Self.item("L", .lapsedCases, .high, 24, listed: 1, hand: 1),
                   Self.item("A", .adultOnlyCases, .medium, 10, listed: 2, hand: 1),
                   Self.item("K", .casesWithChildren, .standard, 3, listed: 3)]
        #expect(AgendaItem.ordered(odd).map(\.referralRef) == ["K", "A", "L"])
        // Past the end of the section is refused, not carried into the next section.
        #expect(throws: CaseError.self) { try AgendaHandOrder.move("K-MED", to: 4, in: Self.items) }
        #expect(throws: CaseError.self) { try AgendaHandOrder.move("K-MED", to: 0, in: Self.items) }
        #expect(throws: CaseError.self) { try AgendaHandOrder.step("K-MED", by: 1, in: Self.items) }
        #expect(throws: CaseError.self) { try AgendaHandOrder.step("A-HIGH", by: -1, in: Self.items) }
        #expect(throws: CaseError.self) { try AgendaHandOrder.step("NOT-LISTED", by: 1, in: Self.items) }
        do {
            _ = try AgendaHandOrder.step("A-HIGH", by: -1, in: Self.items)
        } catch {
            #expect(error.problems.first?.message == "A-HIGH is already first in adult-only cases")
        }
    }

    @Test func steppingUpAndDownSwapsWithTheNeighbourInTheSection() throws {
        var items = Self.items
        items = Self.applying(try AgendaHandOrder.step("A-MED", by: -1, in: items), to: items)
        #expect(AgendaItem.ordered(items).map(\.referralRef) == ["K-HIGH", "K-HIGH-2", "K-MED", "A-MED", "A-HIGH", "L-HIGH"])
        items = Self.applying(try AgendaHandOrder.step("K-HIGH", by: 1, in: items), to: items)
        #expect(AgendaItem.ordered(items).map(\.referralRef) == ["K-HIGH-2", "K-HIGH", "K-MED", "A-MED", "A-HIGH", "L-HIGH"])
    }

    @Test func aCaseListedAfterAHandOrderFollowsTheCasesPlacedByHand() throws {
        var items = Self.applying(try AgendaHandOrder.move("K-MED", to: 1, in: Self.items), to: Self.items)
        items.append(Self.item("K-NEW-HIGH", .casesWithChildren, .high, 24, listed: 7))
        #expect(AgendaItem.ordered(items).prefix(4).map(\.referralRef) == ["K-MED", "K-HIGH", "K-HIGH-2", "K-NEW-HIGH"])
        // Moving it places it among them, and every case of the section has its place again.
        let places = try AgendaHandOrder.move("K-NEW-HIGH", to: 2, in: items)
        #expect(places.map(\.ref) == ["K-MED", "K-NEW-HIGH", "K-HIGH", "K-HIGH-2"])
    }
}
