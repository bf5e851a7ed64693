/// Which members of one group (the people of one role born on one day) are
/// compared with each other. Every pair, while the group is of a size real
/// people make (a borough's file has a few dozen people per birthday, a
/// million referrals a few hundred); past that, the sorted-neighbourhood
/// method of record linkage: members in order of their folded name (letters
/// only) and each compared with the next `window`. A group that large is
/// generated or loaded data, and comparing every pair of it would take time
/// that grows with its square (12,000 people on nine birthdays: 8 million
/// comparisons and more pairs than anyone could review).
///
/// The limit: in a group past `everyPairUpTo`, two names a typo apart whose
/// first letters differ and that sort more than `window` apart are not
/// offered (docs/identity.md).
extension NearMatch {
    public static let everyPairUpTo = 400
    public static let window = 24

    /// The indices (i < j in `members`) of the pairs to compare.
    public static func pairsToCompare(_ members: [Identity]) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        if members.count <= everyPairUpTo {
            for i in members.indices { for j in (i + 1)..<members.count { pairs.append((i, j)) } }
            return pairs
        }
        let order = members.indices.sorted { compact(members[$0].nameKey) < compact(members[$1].nameKey) }
        for (place, i) in order.enumerated() {
            for j in order[(place + 1)..<min(order.count, place + 1 + window)] { pairs.append((min(i, j), max(i, j))) }
        }
        return pairs
    }
}
