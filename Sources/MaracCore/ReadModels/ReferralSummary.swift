import Foundation

/// One line of a referral list or queue.
public struct ReferralSummary: Sendable, Equatable {
    public var id: Int64
    public var ref: String
    public var referredOn: Day
    public var referringAgency: String
    public var secondAgency: String?
    public var band: RiskBand
    public var score: Int?
    public var criteria: [ReferralCriterion]
    public var isRepeat: Bool
    public var childrenInHousehold: Int
    public var status: ReferralStatus
    public var victimName: String
    public var heardOn: Day?
    /// Shown in words on every row that names the victim.
    public var safety: SafetyFlags
    /// The IDVA on the case (their login), shown in meeting mode.
    public var keyworker: String?
    /// Whose case it is: recorded as seen when a page shows the victim's name.
    public var victimID: Int64
    /// The perpetrator's standing against the serial rule, where the reading
    /// asks for it (triage, agenda, a case in full); nil when not asked or no
    /// perpetrator is recorded.
    public var serial: SerialStanding? = nil
    /// The officer's DARA grade when the referral came with DARA, not DASH (issue 23).
    public var daraGrade: DaraGrade?
    /// The MARAC a case taken in came from, while the coordinator has not
    /// yet decided on it (issue 25): triage labels it "transfer in".
    public var transferFrom: String? = nil

    /// The risk as triage and lists show it: the DASH band, or the DARA
    /// grade named as DARA (never a DASH band: DARA is not scored).
    public var riskWords: String { daraGrade.map { "DARA \($0.rawValue)" } ?? band.words }

    public init(
        id: Int64,
        ref: String,
        referredOn: Day,
        referringAgency: String,
        secondAgency: String? = nil,
        band: RiskBand,
        score: Int? = nil,
        criteria: [ReferralCriterion],
        isRepeat: Bool,
        childrenInHousehold: Int,
        status: ReferralStatus,
        victimName: String,
        heardOn: Day? = nil,
        safety: SafetyFlags,
        keyworker: String? = nil,
        victimID: Int64
    ) {
        self.id = id
        self.ref = ref
        self.referredOn = referredOn
        self.referringAgency = referringAgency
        self.secondAgency = secondAgency
        self.band = band
        self.score = score
        self.criteria = criteria
        self.isRepeat = isRepeat
        self.childrenInHousehold = childrenInHousehold
        self.status = status
        self.victimName = victimName
        self.heardOn = heardOn
        self.safety = safety
        self.keyworker = keyworker
        self.victimID = victimID
    }
}
