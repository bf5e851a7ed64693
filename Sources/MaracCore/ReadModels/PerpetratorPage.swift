/// Everything `perpetrator show` prints: the perpetrator, where they stand
/// against the serial rule, and the referrals naming them that the reader
/// may see (every victim in scope, with risk over time), with the actions
/// agreed on those cases.
public struct PerpetratorPage: Sendable {
    public var perpetrator: PersonRecord
    /// Counted over every victim, in scope or not: the fact and the count.
    public var serial: SerialStanding
    /// Newest first, at most `PerpetratorPage.limit`; in the reader's scope.
    public var referrals: [ReferralSummary]
    /// On those referrals, earliest due first, at most `PerpetratorPage.limit`.
    public var actions: [ActionRecord]

    /// The perpetrator panel's history of them (issue 24), newest first, each
    /// referral with its interventions; empty for a reader the policy does not
    /// let see the panel (an IDVA or agency representative sees the victims'
    /// side only).
    public var panel: [(referral: PanelReferralRecord, interventions: [PanelInterventionRecord])] = []

    public static let limit = 200
    /// Panel referrals shown: a perpetrator is rarely referred more than a few times.
    public static let panelLimit = 20

    public init(perpetrator: PersonRecord, serial: SerialStanding, referrals: [ReferralSummary], actions: [ActionRecord],
                panel: [(referral: PanelReferralRecord, interventions: [PanelInterventionRecord])] = []) {
        self.perpetrator = perpetrator
        self.serial = serial
        self.referrals = referrals
        self.actions = actions
        self.panel = panel
    }

    /// The different victims the reader may see, oldest referral first.
    public var victimsInScope: [(victimID: Int64, name: String, referrals: Int)] {
        var order: [Int64] = []
        var found: [Int64: (name: String, referrals: Int)] = [:]
        for r in referrals.reversed() {
            if found[r.victimID] == nil { order.append(r.victimID); found[r.victimID] = (r.victimName, 0) }
            found[r.victimID]?.referrals += 1
        }
        return order.compactMap { id in found[id].map { (id, $0.name, $0.referrals) } }
    }
}
