import Foundation

public struct ImportSummary: Sendable, Equatable {
    public var added: Int
    public var updated: Int

    public init(added: Int, updated: Int) {
        self.added = added
        self.updated = updated
    }
}
