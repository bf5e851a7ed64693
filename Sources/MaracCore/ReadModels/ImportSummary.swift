import Foundation

public struct ImportSummary: Sendable, Equatable {
    public var added: Int
    public var updated: Int
    /// People this import added who may be someone already recorded (or
    /// another row's person): never decided by the import, listed for review.
    public var possibleDuplicates: [DuplicatePair] = []
    /// More pairs than are listed here: `marac person duplicates` has them all.
    public var morePossibleDuplicates = false
    /// How many pairs an import lists at most (a summary, not the review itself).
    public static let possibleDuplicatesListed = 1_000

    public init(added: Int, updated: Int) {
        self.added = added
        self.updated = updated
    }
}
