/// What the perpetrator panel's front ends read (issue 24).

/// A panel meeting and how many referrals its agenda lists.
public struct PanelMeetingRecord: Sendable, Equatable {
    public var id: Int64
    public var heldOn: Day
    public var chair: String?
    /// planned or held.
    public var status: String
    public var listed: Int

    public init(id: Int64, heldOn: Day, chair: String?, status: String, listed: Int) {
        (self.id, self.heldOn, self.chair, self.status, self.listed) = (id, heldOn, chair, status, listed)
    }
}

/// One referral of a perpetrator to the panel, with its decision once made.
public struct PanelReferralRecord: Sendable, Equatable {
    public var id: Int64
    public var perpetratorID: Int64
    public var perpetratorName: String
    public var referredOn: Day
    public var referredBy: String
    /// The MARAC case it was referred from, when it was.
    public var fromReferralRef: String?
    public var criteria: [PanelCriterion]
    public var reason: String
    public var state: PanelReferralState
    public var decision: PanelDecisionKind?
    public var decisionReason: String?
    public var decidedOn: Day?

    public init(id: Int64, perpetratorID: Int64, perpetratorName: String, referredOn: Day, referredBy: String, fromReferralRef: String?,
                criteria: [PanelCriterion], reason: String, state: PanelReferralState,
                decision: PanelDecisionKind? = nil, decisionReason: String? = nil, decidedOn: Day? = nil) {
        self.id = id
        self.perpetratorID = perpetratorID
        self.perpetratorName = perpetratorName
        self.referredOn = referredOn
        self.referredBy = referredBy
        self.fromReferralRef = fromReferralRef
        self.criteria = criteria
        self.reason = reason
        self.state = state
        self.decision = decision
        self.decisionReason = decisionReason
        self.decidedOn = decidedOn
    }
}

/// The safety facts the panel needs about one victim of the perpetrator,
/// from their latest referral: no name, no research, nothing shared, no free text.
public struct PanelVictimFacts: Sendable, Equatable {
    public var band: RiskBand
    public var safety: SafetyFlags
    public var childrenInHousehold: Int

    public init(band: RiskBand, safety: SafetyFlags, childrenInHousehold: Int) {
        (self.band, self.safety, self.childrenInHousehold) = (band, safety, childrenInHousehold)
    }
}

/// An intervention the panel set going.
public struct PanelInterventionRecord: Sendable, Equatable {
    public var id: Int64
    public var panelReferralID: Int64
    public var type: PanelInterventionType
    public var ownerAgency: String
    public var startOn: Day
    public var endOn: Day?
    public var outcome: PanelInterventionOutcome?
    public var reviewDue: Day

    public init(id: Int64, panelReferralID: Int64, type: PanelInterventionType, ownerAgency: String, startOn: Day, endOn: Day?,
                outcome: PanelInterventionOutcome?, reviewDue: Day) {
        self.id = id
        self.panelReferralID = panelReferralID
        self.type = type
        self.ownerAgency = ownerAgency
        self.startOn = startOn
        self.endOn = endOn
        self.outcome = outcome
        self.reviewDue = reviewDue
    }

    /// Days past the review date (0 when not overdue).
    public func daysOverdue(today: Day) -> Int {
        PanelRules.isReviewOverdue(reviewDue: reviewDue, outcome: outcome, today: today) ? reviewDue.days(until: today) : 0
    }
}

/// One item of a panel agenda.
public struct PanelAgendaItem: Sendable, Equatable {
    public var kind: PanelListingKind
    public var referral: PanelReferralRecord
    /// Where the perpetrator stands against the serial rule today.
    public var serial: SerialStanding
    public var victims: [PanelVictimFacts]
    public var interventions: [PanelInterventionRecord]

    public init(kind: PanelListingKind, referral: PanelReferralRecord, serial: SerialStanding, victims: [PanelVictimFacts],
                interventions: [PanelInterventionRecord]) {
        (self.kind, self.referral, self.serial, self.victims, self.interventions) = (kind, referral, serial, victims, interventions)
    }
}

/// A panel meeting's agenda: new referrals, reviews, closures. The minutes
/// are the same items with the attendance and the decisions made.
public struct PanelAgenda: Sendable, Equatable {
    public var meeting: PanelMeetingRecord
    public var attendance: [String]
    public var items: [PanelAgendaItem]

    public init(meeting: PanelMeetingRecord, attendance: [String], items: [PanelAgendaItem]) {
        (self.meeting, self.attendance, self.items) = (meeting, attendance, items)
    }
}

/// The panel's figures for a period (exact: `panel stats`).
public struct PanelFigures: Sendable, Equatable {
    public var from: Day
    public var to: Day
    public var referrals: Int
    public var referralsByCriterion: [PanelCriterion: Int]
    public var decisionsByType: [PanelDecisionKind: Int]
    public var interventionsByType: [PanelInterventionType: Int]
    public var outcomes: [PanelInterventionOutcome: Int]
    /// Perpetrators decided into a programme in the period.
    public var inProgramme: Int
    /// Their victims' referrals and incidents, 12 months before and after the decision.
    public var referralsBefore: Int
    public var referralsAfter: Int
    public var incidentsBefore: Int
    public var incidentsAfter: Int
    /// Of `inProgramme`, how many have had 12 whole months since the decision.
    public var afterWindowComplete: Int
    /// Perpetrators named on a referral or incident in the period who were
    /// serial at its end (Core `SerialRule`, the window ending on `to`).
    public var serialPerpetrators = 0

    public init(from: Day, to: Day) {
        (self.from, self.to) = (from, to)
        (referrals, referralsByCriterion, decisionsByType, interventionsByType, outcomes) = (0, [:], [:], [:], [:])
        (inProgramme, referralsBefore, referralsAfter, incidentsBefore, incidentsAfter, afterWindowComplete) = (0, 0, 0, 0, 0, 0)
    }
}
