/// What the person logging a referral said about a near match (issue 20):
/// the victim or perpetrator is someone already recorded, or someone new.
/// A folded-equal name with the same date of birth needs no choice: it is the
/// same person automatically (`IdentityKey`).
public enum PersonChoice: Sendable, Equatable {
    /// The person with this id (`--same-person-as ID`).
    case existing(Int64)
    /// A new person, whatever near matches there are (`--new-person`).
    case new
}

/// The choices for both people a referral names; nil where none was made,
/// so a near match is asked about (or refused, in a script).
public struct IdentityChoices: Sendable, Equatable {
    public var victim: PersonChoice?
    public var perpetrator: PersonChoice?

    public init(victim: PersonChoice? = nil, perpetrator: PersonChoice? = nil) {
        self.victim = victim
        self.perpetrator = perpetrator
    }

    public func choice(for role: PersonRole) -> PersonChoice? { role == .victim ? victim : perpetrator }
}
