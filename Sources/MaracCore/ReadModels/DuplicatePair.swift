/// Two records that may be one person (`marac person duplicates`, issue 20):
/// ids only, with the rule that found them, for the coordinator to merge or
/// dismiss. `first` is the lower id.
public struct DuplicatePair: Sendable, Equatable {
    public let first: Int64
    public let second: Int64
    public let role: PersonRole
    public let reason: NearMatch.Reason

    public init(_ a: Int64, _ b: Int64, role: PersonRole, reason: NearMatch.Reason) {
        self.first = min(a, b)
        self.second = max(a, b)
        self.role = role
        self.reason = reason
    }
}
