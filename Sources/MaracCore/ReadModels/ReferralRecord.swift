import Foundation

/// A referral as stored, with its derived band, criteria and repeat flag.
public struct ReferralRecord: Sendable, Equatable {
    public var id: Int64
    public var ref: String
    public var referredOn: Day
    public var referringAgency: String
    public var secondAgency: String?
    public var referrer: String?
    public var victimID: Int64
    public var perpetratorID: Int64?
    public var relationship: String?
    public var childrenInHousehold: Int
    public var ricVersion: ChecklistVersion
    public var ricAnswers: String?
    public var ricScore: Int?
    public var band: RiskBand
    public var criteria: [ReferralCriterion]
    public var judgementReason: String?
    public var policeIncidents12m: Int?
    public var consent: Consent
    public var consentNote: String?
    public var sharingReason: SharingReason?
    public var lawfulBasis: String?
    public var consentDecidedBy: String?
    public var consentDecidedAt: String?
    public var isRepeat: Bool
    public var status: ReferralStatus
    public var declineReason: String?
    public var relistedAfterLapse: Bool
    public var heardOn: Day?
    public var version: Int
    public var createdAt: String
    public var createdBy: String
    public var updatedAt: String
    public var updatedBy: String
    /// Fields stored as plain columns (`ReferralField.plain`), by column.
    public var plain: [String: String]

    public init(
        id: Int64,
        ref: String,
        referredOn: Day,
        referringAgency: String,
        secondAgency: String? = nil,
        referrer: String? = nil,
        victimID: Int64,
        perpetratorID: Int64? = nil,
        relationship: String? = nil,
        childrenInHousehold: Int,
        ricVersion: ChecklistVersion,
        ricAnswers: String? = nil,
        ricScore: Int? = nil,
        band: RiskBand,
        criteria: [ReferralCriterion],
        judgementReason: String? = nil,
        policeIncidents12m: Int? = nil,
        consent: Consent,
        consentNote: String? = nil,
        sharingReason: SharingReason? = nil,
        lawfulBasis: String? = nil,
        consentDecidedBy: String? = nil,
        consentDecidedAt: String? = nil,
        isRepeat: Bool,
        status: ReferralStatus,
        declineReason: String? = nil,
        relistedAfterLapse: Bool,
        heardOn: Day? = nil,
        version: Int,
        createdAt: String,
        createdBy: String,
        updatedAt: String,
        updatedBy: String,
        plain: [String: String]
    ) {
        self.id = id
        self.ref = ref
        self.referredOn = referredOn
        self.referringAgency = referringAgency
        self.secondAgency = secondAgency
        self.referrer = referrer
        self.victimID = victimID
        self.perpetratorID = perpetratorID
        self.relationship = relationship
        self.childrenInHousehold = childrenInHousehold
        self.ricVersion = ricVersion
        self.ricAnswers = ricAnswers
        self.ricScore = ricScore
        self.band = band
        self.criteria = criteria
        self.judgementReason = judgementReason
        self.policeIncidents12m = policeIncidents12m
        self.consent = consent
        self.consentNote = consentNote
        self.sharingReason = sharingReason
        self.lawfulBasis = lawfulBasis
        self.consentDecidedBy = consentDecidedBy
        self.consentDecidedAt = consentDecidedAt
        self.isRepeat = isRepeat
        self.status = status
        self.declineReason = declineReason
        self.relistedAfterLapse = relistedAfterLapse
        self.heardOn = heardOn
        self.version = version
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
        self.plain = plain
    }
}
