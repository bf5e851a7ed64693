import Foundation

public enum DemoSize: String, CaseIterable, Sendable {
    case small, large
    public var referralsPerYear: Int { self == .small ? 220 : 50_000 }
}

public enum DemoOutcome: Sendable, Equatable {
    case filled(referrals: Int, meetings: Int, actions: Int)
    case alreadyDemo
}
