import Foundation

public struct AccessEntry: Sendable, Equatable {
    public var id: Int64
    public var at: String
    public var actor: String
    public var useCase: String
    public var kind: AccessKind
    public var reason: String?
    /// How many referrals and people that read showed in all.
    public var referralsShown: Int
    public var peopleShown: Int
    /// The refs of the referrals shown (break-glass review; at most 20).
    public var refs: [String]

    public init(
        id: Int64,
        at: String,
        actor: String,
        useCase: String,
        kind: AccessKind,
        reason: String? = nil,
        referralsShown: Int,
        peopleShown: Int,
        refs: [String]
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.useCase = useCase
        self.kind = kind
        self.reason = reason
        self.referralsShown = referralsShown
        self.peopleShown = peopleShown
        self.refs = refs
    }
}

/// How identifying data was reached.
public enum AccessKind: String, Sendable, CaseIterable {
    /// An ordinary read within the person's scope.
    case read
    /// A case opened outside the person's scope with a reason, for review.
    case breakGlass = "break_glass"
}
