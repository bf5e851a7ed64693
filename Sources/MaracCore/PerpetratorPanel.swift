/// The perpetrator panel (issue 24): a partnership meeting (police, probation,
/// programme staff) that takes referrals of perpetrators from MARAC data,
/// decides on each (Drive, another programme, disruption, …) and follows the
/// interventions through to an outcome. The panel's rules, once.

/// Why a perpetrator meets the panel's criteria, computed from MARAC data.
public enum PanelCriterion: String, CaseIterable, Sendable, Codable {
    /// Serial by `SerialRule` (two or more victims within three years).
    case serial
    /// A victim at high risk: a referral naming the perpetrator banded high.
    case highHarm = "high_harm"
    /// A repeat: a referral naming the perpetrator that was a repeat to MARAC.
    case `repeat`

    public var words: String {
        switch self {
        case .serial: "serial"
        case .highHarm: "high harm (a victim at high risk)"
        case .repeat: "repeat"
        }
    }

    /// The criteria met: serial by the rule's standing; high harm when any of
    /// the perpetrator's referrals was banded high; repeat when any was a repeat.
    public static func met(serial: SerialStanding, highRiskReferrals: Int, repeatReferrals: Int) -> [PanelCriterion] {
        var met: [PanelCriterion] = []
        if serial.isSerial { met.append(.serial) }
        if highRiskReferrals > 0 { met.append(.highHarm) }
        if repeatReferrals > 0 { met.append(.repeat) }
        return met
    }

    /// As the panel_referral row keeps them: codes, `;` between, in this order.
    public static func text(_ criteria: [PanelCriterion]) -> String { criteria.map(\.rawValue).joined(separator: ";") }

    public static func parse(_ text: String) -> [PanelCriterion] {
        text.split(separator: ";").compactMap { PanelCriterion(rawValue: String($0)) }
    }
}

/// A panel referral's life: open until the panel decides, decided while its
/// interventions run, closed when the panel is done with it. Only one
/// referral of a perpetrator is open or decided at a time.
public enum PanelReferralState: String, CaseIterable, Sendable, Codable {
    case open, decided, closed

    /// Still on the panel: a new referral of the same perpetrator is refused.
    public var isOnPanel: Bool { self != .closed }
}

/// What the panel decides for a referral.
public enum PanelDecisionKind: String, CaseIterable, Sendable, Codable {
    case drive
    case otherProgramme = "other_programme"
    case disruption, enforcement, diversion, support
    case noFurtherAction = "no_further_action"

    public var words: String {
        switch self {
        case .drive: "accepted for Drive"
        case .otherProgramme: "another programme"
        case .disruption: "disruption"
        case .enforcement: "enforcement"
        case .diversion: "diversion"
        case .support: "support"
        case .noFurtherAction: "no further action"
        }
    }

    /// A perpetrator "in a programme": the outcome figures compare their
    /// victims' referrals and incidents before and after this decision.
    public var isProgramme: Bool { self == .drive || self == .otherProgramme }

    /// No further action closes the referral at once: nothing follows it.
    public var stateAfter: PanelReferralState { self == .noFurtherAction ? .closed : .decided }

    public static var codes: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// What kind of work an intervention is: the decisions that lead to work.
public enum PanelInterventionType: String, CaseIterable, Sendable, Codable {
    case drive
    case otherProgramme = "other_programme"
    case disruption, enforcement, diversion, support

    public static var codes: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// How an intervention went. Engaged is still running; the others end it.
public enum PanelInterventionOutcome: String, CaseIterable, Sendable, Codable {
    case engaged, completed, disengaged, breached

    public var isFinal: Bool { self != .engaged }

    public static var codes: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Where a referral sits on a panel meeting's agenda: new referrals first,
/// then reviews of running interventions, then closures.
public enum PanelListingKind: String, CaseIterable, Sendable, Codable {
    case new, review, closure

    public var order: Int {
        switch self {
        case .new: 0
        case .review: 1
        case .closure: 2
        }
    }

    public var heading: String {
        switch self {
        case .new: "New referrals"
        case .review: "Reviews"
        case .closure: "Closures"
        }
    }
}

/// The panel's checks on what a person gives.
public enum PanelRules {
    /// A decision's reason: required, not blank, trimmed.
    public static func reason(_ text: String?) throws(FieldError) -> String {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else {
            throw FieldError("reason", "give the reason for the decision (it cannot be blank)")
        }
        guard trimmed.count <= 4000 else { throw FieldError("reason", "is longer than 4000 characters") }
        return trimmed
    }

    /// An intervention's dates: the end (when given) on or after the start,
    /// the review after the start.
    public static func checkDates(start: Day, end: Day?, reviewDue: Day) throws(FieldError) {
        if let end, end < start { throw FieldError("end", "must be on or after --start") }
        guard reviewDue >= start else { throw FieldError("review-due", "must be on or after --start") }
    }

    /// A review is overdue once its date has passed and the intervention has
    /// no final outcome; escalated `escalationDays` after (as actions are).
    public static func isReviewOverdue(reviewDue: Day, outcome: PanelInterventionOutcome?, today: Day) -> Bool {
        reviewDue < today && !(outcome?.isFinal ?? false)
    }

    /// The outcome figures' windows around a programme decision: the 12
    /// months before the decision day and the 12 months after it.
    public static func windowBefore(_ decided: Day) -> (from: Day, to: Day) { (decided.adding(months: -12), decided.adding(days: -1)) }
    public static func windowAfter(_ decided: Day) -> (from: Day, to: Day) { (decided.adding(days: 1), decided.adding(months: 12)) }
}
