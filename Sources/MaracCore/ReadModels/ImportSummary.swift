import Foundation

public struct ImportSummary: Sendable, Equatable {
    public var added: Int
    public var updated: Int
    /// People this import added who may be someone already recorded (or
    /// another row's person): never decided by the import, listed for review.
    public var possibleDuplicates: [DuplicatePair] = []

    public init(added: Int, updated: Int) {
        self.added = added
        self.updated = updated
    }
}
