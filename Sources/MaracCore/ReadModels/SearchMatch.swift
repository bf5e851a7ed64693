import Foundation

public struct SearchMatch: Sendable, Equatable {
    public var personID: Int64
    public var role: PersonRole
    public var name: String
    public var dob: Day?
    public var postcode: String?
    /// The alias that matched, when it was not the name.
    public var alias: String?
    /// The child's name that matched (a child of the victim's household).
    public var child: String?
    public var referrals: Int

    public init(
        personID: Int64,
        role: PersonRole,
        name: String,
        dob: Day? = nil,
        postcode: String? = nil,
        alias: String? = nil,
        child: String? = nil,
        referrals: Int
    ) {
        self.personID = personID
        self.role = role
        self.name = name
        self.dob = dob
        self.postcode = postcode
        self.alias = alias
        self.child = child
        self.referrals = referrals
    }
}

/// A person's cases, newest first, with open actions: as victim, or as
/// perpetrator across every victim (so a serial perpetrator is seen).
public struct PersonCase: Sendable, Equatable {
    public var summary: ReferralSummary
    public var perpetratorName: String?
    public var openActions: Int

    public init(summary: ReferralSummary, perpetratorName: String? = nil, openActions: Int) {
        self.summary = summary
        self.perpetratorName = perpetratorName
        self.openActions = openActions
    }
}
