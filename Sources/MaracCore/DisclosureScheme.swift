/// Clare's Law: the Domestic Violence Disclosure Scheme (issue 23). A person
/// asks whether someone poses a risk (right to ask), or the police decide a
/// person at risk should know (right to know). The statutory guidance (2023,
/// Domestic Abuse Act 2021 s77) sets the steps and 28 days from request to
/// disclosure. The rules live here once: the steps' order and the clock.
public enum DisclosureRoute: String, CaseIterable, Sendable, Codable {
    case rightToAsk = "right_to_ask"
    case rightToKnow = "right_to_know"

    public var words: String { self == .rightToAsk ? "right to ask" : "right to know" }
}

/// Who asked: the person at risk, someone on their behalf, or an agency.
public enum DisclosureAsker: String, CaseIterable, Sendable, Codable {
    case personAtRisk = "person_at_risk"
    case thirdParty = "third_party"
    case police
    case otherAgency = "other_agency"
}

/// The forum's decision: lawful, necessary and proportionate to disclose, or not.
public enum DisclosureDecision: String, CaseIterable, Sendable, Codable {
    case disclose
    case notDisclose = "not_disclose"
}

/// The steps of a request, in the order they are taken.
public enum DisclosureStep: String, CaseIterable, Sendable, Codable, Comparable {
    /// First contact with the person asking, and the initial checks.
    case contact
    /// Face-to-face meeting, identity seen.
    case faceToFace = "face_to_face"
    /// The full risk assessment, with its risk level.
    case assessment
    /// The local decision-making forum's decision and rationale.
    case decision
    /// The disclosure: when, how, to whom, the safety plan (only when the decision was to disclose).
    case disclosure
    /// How the request ended.
    case outcome

    public var words: String {
        switch self {
        case .contact: "first contact and checks"
        case .faceToFace: "face-to-face with identity seen"
        case .assessment: "full risk assessment"
        case .decision: "the forum's decision"
        case .disclosure: "the disclosure"
        case .outcome: "the outcome"
        }
    }

    var order: Int { DisclosureStep.allCases.firstIndex(of: self)! }
    public static func < (lhs: DisclosureStep, rhs: DisclosureStep) -> Bool { lhs.order < rhs.order }
}

/// Where a request has got to: the day each step was recorded, and the decision.
public struct DisclosureProgress: Sendable, Equatable {
    public var requestedOn: Day
    public var done: [DisclosureStep: Day]
    public var decision: DisclosureDecision?

    public init(requestedOn: Day, done: [DisclosureStep: Day] = [:], decision: DisclosureDecision? = nil) {
        self.requestedOn = requestedOn
        self.done = done
        self.decision = decision
    }

    /// The steps this request takes: no disclosure after a decision not to disclose.
    public var steps: [DisclosureStep] {
        DisclosureStep.allCases.filter { $0 != .disclosure || decision != .notDisclose }
    }

    /// The next step to record, or nil when the request is finished.
    public var next: DisclosureStep? { steps.first { done[$0] == nil } }

    /// Whether `step` may be recorded on `day` today; the error names the
    /// step it needs first (a step out of order), says it is already
    /// recorded, or says what is wrong with the date. Field `step` or `on`.
    public func check(_ step: DisclosureStep, on day: Day, today: Day) throws(FieldError) {
        if done[step] != nil { throw FieldError("step", "\(step.rawValue) (\(step.words)) is already recorded") }
        if step == .disclosure, decision == .notDisclose {
            throw FieldError("step", "disclosure: the forum decided not to disclose; record the outcome")
        }
        if let missing = steps.first(where: { $0 < step && done[$0] == nil }) {
            throw FieldError("step", "\(step.rawValue) needs \(missing.rawValue) (\(missing.words)) first")
        }
        if day > today { throw FieldError("on", "is in the future") }
        if day < requestedOn { throw FieldError("on", "is before the request's date (\(requestedOn))") }
        if let previous = steps.last(where: { $0 < step }).flatMap({ done[$0] }), day < previous {
            throw FieldError("on", "is before the previous step's date (\(previous))")
        }
    }
}

/// The 28-day clock from request to disclosure (statutory guidance). It
/// stops at the disclosure, or at a decision not to disclose. An open
/// request is due soon from `dueSoonDays` before day 28, overdue after it.
public struct DisclosureClock: Sendable, Equatable {
    public static let days = 28
    /// Days before the due day a request is shown as due soon (as actions: `due-soon-days`, 7).
    public var dueSoonDays: Int

    public init(dueSoonDays: Int = ChaseRules.defaultDueSoonDays) { self.dueSoonDays = dueSoonDays }

    public static func due(requestedOn: Day) -> Day { requestedOn.adding(days: days) }

    public enum State: Sendable, Equatable {
        case onTime(daysLeft: Int)
        case dueSoon(daysLeft: Int)
        case overdue(daysOver: Int)
        /// The clock stopped on this day, after this many days from the request.
        case stopped(on: Day, days: Int)

        public var code: String {
            switch self {
            case .onTime: "on_time"
            case .dueSoon: "due_soon"
            case .overdue: "overdue"
            case .stopped: "stopped"
            }
        }

        /// In words, for lists and screens (never colour alone).
        public var words: String {
            switch self {
            case .onTime(let left): "\(left) days left"
            case .dueSoon(let left): left == 0 ? "DUE SOON: due today" : "DUE SOON: \(left) day\(left == 1 ? "" : "s") left"
            case .overdue(let over): "OVERDUE by \(over) day\(over == 1 ? "" : "s")"
            case .stopped(_, let days): "done in \(days) days"
            }
        }
    }

    public func state(requestedOn: Day, stoppedOn: Day?, today: Day) -> State {
        if let stoppedOn { return .stopped(on: stoppedOn, days: requestedOn.days(until: stoppedOn)) }
        let left = today.days(until: DisclosureClock.due(requestedOn: requestedOn))
        if left < 0 { return .overdue(daysOver: -left) }
        return left <= dueSoonDays ? .dueSoon(daysLeft: left) : .onTime(daysLeft: left)
    }

    /// The requested_on range of open requests due soon today: due between today and today + dueSoonDays.
    public func dueSoonRequested(today: Day) -> ClosedRange<Day> {
        today.adding(days: -DisclosureClock.days)...today.adding(days: dueSoonDays - DisclosureClock.days)
    }

    /// Open requests made before this day are overdue today.
    public func overdueBefore(today: Day) -> Day { today.adding(days: -DisclosureClock.days) }
}

/// Clare's Law figures for a period (requests made in it): exact counts.
public struct DisclosureFigures: Sendable, Equatable {
    public static let undecided = "undecided"
    public var total = 0
    public var byRoute: [String: Int] = [:]
    public var byDecision: [String: Int] = [:]
    /// Days from request to disclosure, one per request disclosed.
    public var daysToDisclosure: [Int] = []

    public init() {}

    /// The median days to disclosure (the mean of the middle two for an even count); nil with none.
    public var medianDaysToDisclosure: Double? {
        guard !daysToDisclosure.isEmpty else { return nil }
        let sorted = daysToDisclosure.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Disclosures made more than 28 days after the request.
    public var disclosedOver28: Int { daysToDisclosure.filter { $0 > DisclosureClock.days }.count }
}
