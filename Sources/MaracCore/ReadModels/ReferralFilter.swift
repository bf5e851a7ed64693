import Foundation

/// Filters for a list of referrals.
public struct ReferralFilter: Sendable {
    public var status: ReferralStatus?
    public var band: RiskBand?
    public var agency: String?
    public var since: Day?

    public init(
        status: ReferralStatus? = nil,
        band: RiskBand? = nil,
        agency: String? = nil,
        since: Day? = nil
    ) {
        self.status = status
        self.band = band
        self.agency = agency
        self.since = since
    }
}
