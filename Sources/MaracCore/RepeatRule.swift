/// A repeat is any new incident between the same victim and the same
/// perpetrator within 12 months of the victim's last referral to MARAC.
/// Later than that it is a new case, not a repeat.
public enum RepeatRule {
    public static let windowMonths = 12

    /// One earlier referral of the same victim.
    public struct Prior: Sendable {
        public let referredOn: Day
        public let perpetrator: IdentityKey?

        public init(referredOn: Day, perpetrator: IdentityKey?) {
            self.referredOn = referredOn
            self.perpetrator = perpetrator
        }
    }

    /// The victim's case stays live while each referral follows the one before
    /// within 12 months (it has not lapsed). The new referral is a repeat when
    /// the same perpetrator appears anywhere in that live run of referrals.
    /// - Parameters:
    ///   - referredOn: the new referral's date.
    ///   - perpetrator: the new referral's perpetrator, if known; an unknown
    ///     perpetrator cannot be shown to be the same one.
    ///   - priors: the victim's earlier referrals (any order).
    public static func isRepeat(referredOn: Day, perpetrator: IdentityKey?, priors: [Prior]) -> Bool {
        guard let perpetrator else { return false }
        var reached = referredOn
        for prior in priors.filter({ $0.referredOn <= referredOn }).sorted(by: { $0.referredOn > $1.referredOn }) {
            guard reached <= prior.referredOn.adding(months: windowMonths) else { return false }
            if prior.perpetrator == perpetrator { return true }
            reached = prior.referredOn
        }
        return false
    }
}
