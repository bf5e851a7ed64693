import Testing
import MaracCore

/// Which pairs of one birthday's people are compared: every pair in a group
/// of the size real people make; past it, a bounded number, so an import of
/// generated rows on a few birthdays is not quadratic.
@Suite struct NearMatchPairsTests {
    static let dob = Day("1980-01-01")

    func people(_ count: Int) -> [NearMatch.Identity] {
        (0..<count).map { NearMatch.Identity(name: "Person \(String(repeating: "x", count: $0 % 7)) \($0)", dob: Self.dob) }
    }

    @Test func everyPairIsComparedInAGroupOfRealSize() {
        let group = people(NearMatch.everyPairUpTo)
        #expect(NearMatch.pairsToCompare(group).count == group.count * (group.count - 1) / 2)
    }

    @Test func aLargeGroupIsComparedWithinAWindowAndStillFindsATypo() {
        var group = people(5_000)
        group.append(NearMatch.Identity(name: "Siobhan O'Connor", dob: Self.dob))
        group.append(NearMatch.Identity(name: "Siobhan O'Conor", dob: Self.dob))
        let pairs = NearMatch.pairsToCompare(group)
        #expect(pairs.count <= group.count * NearMatch.window)
        #expect(pairs.allSatisfy { $0.0 < $0.1 && $0.1 < group.count })
        #expect(pairs.contains { $0 == (group.count - 2, group.count - 1) })
    }
}
