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
            guard isWithinWindow(reached, of: prior.referredOn) else { return false }
            if prior.perpetrator == perpetrator { return true }
            reached = prior.referredOn
        }
        return false
    }

    /// The one 12-month edge: `day` falls within the window that opens at a
    /// referral (12 months to the day is within; a day later is not).
    public static func isWithinWindow(_ day: Day, of referredOn: Day) -> Bool {
        day <= referredOn.adding(months: windowMonths)
    }

    /// What an incident heard of between meetings (issue 23) means for the
    /// victim's case, by the same rule as a referral: a repeat when it falls
    /// within the live run of referrals with one of their perpetrators
    /// (referred back whatever the score); lapsed when it is more than 12
    /// months after the victim's last referral, or the victim has none on or
    /// before it (offered as a new referral); otherwise within the window
    /// but with another or unknown perpetrator.
    public enum IncidentFinding: String, Sendable, CaseIterable {
        case `repeat`
        case lapsed
        case otherPerpetrator = "other_perpetrator"

        /// Words for people: lists and the triage row.
        public var words: String {
            switch self {
            case .repeat: "repeat incident: refer back"
            case .lapsed: "more than 12 months on: offer a new referral"
            case .otherPerpetrator: "within 12 months, another perpetrator"
            }
        }
    }

    public static func finding(incidentOn day: Day, perpetrator: IdentityKey?, priors: [Prior]) -> IncidentFinding {
        if isRepeat(referredOn: day, perpetrator: perpetrator, priors: priors) { return .repeat }
        guard let last = priors.map(\.referredOn).filter({ $0 <= day }).max(), isWithinWindow(day, of: last) else { return .lapsed }
        return .otherPerpetrator
    }
}
