/// Where a referral is in its life. Every change of status goes through
/// `transition(to:)`, so an impossible step (hearing a declined case, screening
/// a case twice) is an error at the one place the rules live.
public enum ReferralStatus: String, CaseIterable, Sendable, Codable {
    case received
    case screenedIn = "screened_in"
    case declined
    case listed
    case heard
    case actionsOpen = "actions_open"
    case closed
    case lapsed

    public var words: String {
        switch self {
        case .received: "received"
        case .screenedIn: "screened in"
        case .declined: "declined"
        case .listed: "listed"
        case .heard: "heard"
        case .actionsOpen: "actions open"
        case .closed: "closed"
        case .lapsed: "lapsed"
        }
    }

    /// The steps allowed from each status.
    public var next: Set<ReferralStatus> {
        switch self {
        case .received: [.screenedIn, .declined]
        case .screenedIn: [.listed, .lapsed]
        case .declined: []
        // Taken off an agenda before it is heard: back to waiting for a meeting.
        case .listed: [.heard, .screenedIn]
        case .heard: [.actionsOpen, .closed, .lapsed]
        case .actionsOpen: [.closed, .lapsed]
        case .closed: [.lapsed]
        // A lapsed case comes back to the table only when listed again.
        case .lapsed: [.listed]
        }
    }

    public func transition(to target: ReferralStatus) throws(IllegalTransition) -> ReferralStatus {
        guard next.contains(target) else { throw IllegalTransition(from: self, to: target) }
        return target
    }

    /// A case lapses 12 months after the victim's last referral.
    public static let lapseMonths = RepeatRule.windowMonths

    /// Screening decides a referral that has just arrived, and nothing else: a
    /// case already listed, heard or closed is never "screened in" again.
    public var canBeScreened: Bool { self == .received }

    /// The statuses a case may lapse from: read off the transitions, so the two
    /// can never disagree.
    public static let lapsable: [ReferralStatus] = allCases.filter { $0.next.contains(.lapsed) }

    /// Statuses from which a case may be listed on a meeting.
    public static let listable: [ReferralStatus] = allCases.filter { $0.next.contains(.listed) }

    /// Actions are agreed on a case on an agenda or heard, while it is open.
    public static let takingActions: Set<ReferralStatus> = [.listed, .heard, .actionsOpen]
    public var takesActions: Bool { Self.takingActions.contains(self) }

    /// After hearing, a case with open actions has actions open; one with none is heard.
    public static func afterHearing(openActions: Int) -> ReferralStatus { openActions > 0 ? .actionsOpen : .heard }

    /// Where a case goes when an action is agreed on it (nil: it stays).
    public var afterActionAgreed: ReferralStatus? { self == .heard ? .actionsOpen : nil }

    /// Where a case goes when its last open action closes (nil: it stays).
    public func afterActionClosed(stillOpen: Int) -> ReferralStatus? {
        stillOpen == 0 && self == .actionsOpen ? .closed : nil
    }
}

public struct IllegalTransition: Error, Equatable, Sendable, CustomStringConvertible {
    public let from: ReferralStatus
    public let to: ReferralStatus

    public var description: String {
        let allowed = from.next.map(\.words).sorted().joined(separator: ", ")
        return "a referral that is \(from.words) cannot become \(to.words)" + (allowed.isEmpty ? "" : " (it can become: \(allowed))")
    }
}
