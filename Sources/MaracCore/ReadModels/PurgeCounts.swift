import Foundation

/// What a purge removes (or a dry run would): counts only, never identities.
public struct PurgeCounts: Sendable, Equatable {
    public var victims = 0
    public var referrals = 0
    /// Perpetrators whose identity went (a dry run: perpetrators named in the due cases).
    public var perpetrators = 0
    public var children = 0
    public var actions = 0

    package mutating func add(_ other: PurgeCounts) {
        victims += other.victims
        referrals += other.referrals
        perpetrators += other.perpetrators
        children += other.children
        actions += other.actions
    }

    public init(
        victims: Int = 0,
        referrals: Int = 0,
        perpetrators: Int = 0,
        children: Int = 0,
        actions: Int = 0
    ) {
        self.victims = victims
        self.referrals = referrals
        self.perpetrators = perpetrators
        self.children = children
        self.actions = actions
    }
}
