import Foundation

/// A meeting's agenda, ready to print or circulate.
public struct Agenda: Sendable {
    public struct Case: Sendable {
        public var item: AgendaItem
        public var referral: ReferralSummary
        public var heard: Bool
        /// How many of the agencies expected have returned research, and whether to ask about deferring.
        public var research = ResearchCompleteness(returned: 0, expected: 0, deferSuggested: false)
        /// The item numbers (1-based, agenda order) of the other cases with the same perpetrator.
        public var samePerpetratorAs: [Int] = []
        /// Taken in from another MARAC (issue 25): where it came from and what is still missing.
        public var transferredIn: (from: String, missing: [String])?

        public init(
            item: AgendaItem,
            referral: ReferralSummary,
            heard: Bool,
            research: ResearchCompleteness = ResearchCompleteness(returned: 0, expected: 0, deferSuggested: false),
            samePerpetratorAs: [Int] = []
        ) {
            self.item = item
            self.referral = referral
            self.heard = heard
            self.research = research
            self.samePerpetratorAs = samePerpetratorAs
        }
    }

    public var meeting: MeetingRecord
    /// The first 100 open actions from earlier meetings, earliest due first.
    public var openActions: [ActionRecord]
    public var openActionCount: Int
    public var cases: [Case]
    /// The agencies recorded present (they signed the confidentiality statement).
    public var attendance: [String]
    /// The agencies that confirmed they will attend or are present: those expected to return research.
    public var confirmed: [String] = []
    /// The MARAC's chasing rules, for marking escalated actions in the review.
    public var chase = ChaseRules()
    /// Open actions from earlier meetings escalated to the chair (overdue by the escalation days or more).
    public var escalatedCount = 0

    public init(
        meeting: MeetingRecord,
        openActions: [ActionRecord],
        openActionCount: Int,
        cases: [Case],
        attendance: [String],
        confirmed: [String] = [],
        chase: ChaseRules = ChaseRules(),
        escalatedCount: Int = 0
    ) {
        self.meeting = meeting
        self.openActions = openActions
        self.openActionCount = openActionCount
        self.cases = cases
        self.attendance = attendance
        self.confirmed = confirmed
        self.chase = chase
        self.escalatedCount = escalatedCount
    }
}
