/// Issue 23's exact figures for a period: incidents by abuse type and agency,
/// repeats found from incidents against repeats found at referral, and
/// referrals by abuse type beside the quarter before (Bromley's table by type
/// and its "35.7% increase from the previous quarter").
public struct IncidentFigures: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        public var type: AbuseType
        public var agency: String
        public var count: Int
        public init(type: AbuseType, agency: String, count: Int) {
            self.type = type
            self.agency = agency
            self.count = count
        }
    }

    public struct TypeChange: Sendable, Equatable {
        public var type: AbuseType
        public var count: Int
        /// The same count over the period of the same length just before (nil: no such period).
        public var before: Int?
        /// The change as a fraction of `before` (0.357 for 35.7%); nil when `before` is nil or 0.
        public var change: Double? {
            guard let before, before > 0 else { return nil }
            return Double(count - before) / Double(before)
        }
        /// This type's share of the referrals with a type (0.294 for 29.4%).
        public var share: Double?
        public init(type: AbuseType, count: Int, before: Int?, share: Double?) {
            self.type = type
            self.count = count
            self.before = before
            self.share = share
        }
    }

    /// One agency's incidents in the period: those found to be repeats and the rest.
    public struct AgencyFindings: Sendable, Equatable {
        public var agency: String
        public var repeats: Int
        public var others: Int
        public init(agency: String, repeats: Int, others: Int) {
            self.agency = agency
            self.repeats = repeats
            self.others = others
        }
    }

    public var incidents: Int
    public var byTypeAndAgency: [Count]
    /// Incidents by agency, repeat or not (each incident once): the controlled figures' table.
    public var byAgency: [AgencyFindings] = []
    /// Incidents found to be repeats when they were logged, and how many of those have been referred back.
    public var repeatsFromIncidents: Int
    public var referredBack: Int
    /// Referrals in the period that are repeats by the rule at referral (not made from an incident).
    public var repeatsAtReferral: Int
    public var referralsByType: [TypeChange]

    public init(incidents: Int, byTypeAndAgency: [Count], repeatsFromIncidents: Int, referredBack: Int, repeatsAtReferral: Int,
                referralsByType: [TypeChange], byAgency: [AgencyFindings] = []) {
        self.byAgency = byAgency
        self.incidents = incidents
        self.byTypeAndAgency = byTypeAndAgency
        self.repeatsFromIncidents = repeatsFromIncidents
        self.referredBack = referredBack
        self.repeatsAtReferral = repeatsAtReferral
        self.referralsByType = referralsByType
    }

    /// Rounded to four places, as the other rates (0.3136).
    public static func rate(_ value: Double?) -> Double? { value.map { ($0 * 10_000).rounded() / 10_000 } }
}
