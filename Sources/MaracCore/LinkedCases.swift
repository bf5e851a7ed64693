/// Cases linked by a shared perpetrator (issue 10): on an agenda, each case
/// names the other items with the same perpetrator ("same perpetrator as
/// item 4"), so the room hears them together and no agency misses the link.
public enum LinkedCases {
    /// For each case, in agenda order, the 1-based item numbers of the other
    /// cases with the same perpetrator. A case with no perpetrator recorded
    /// is linked to nothing.
    public static func samePerpetrator<ID: Hashable>(_ perpetrators: [ID?]) -> [[Int]] {
        var items: [ID: [Int]] = [:]
        for (index, id) in perpetrators.enumerated() {
            if let id { items[id, default: []].append(index + 1) }
        }
        return perpetrators.enumerated().map { index, id in
            guard let id else { return [] }
            return (items[id] ?? []).filter { $0 != index + 1 }
        }
    }

    /// "same perpetrator as item 4" / "as items 2 and 7"; nil when unlinked.
    public static func words(_ items: [Int]) -> String? {
        switch items.count {
        case 0: return nil
        case 1: return "same perpetrator as item \(items[0])"
        default:
            return "same perpetrator as items \(items.dropLast().map(String.init).joined(separator: ", ")) and \(items.last!)"
        }
    }
}
