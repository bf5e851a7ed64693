/// Ranking perpetrators by recency, frequency and gravity (issue 24), as
/// MATAC ranks them for tasking ("RFG"), from what the MARAC holds: its
/// referrals and the incidents agencies log between meetings. The formula is
/// written down in docs/figures.md and shown beside every score, so the panel
/// can see why someone is where they are and argue with it.
///
/// Each part is a number from 0 to 1:
/// - **recency** falls in a straight line from 1 (seen today) to 0 (seen on
///   the first day of the window, three years back with the serial rule's
///   default window): `1 − days since last seen / days in the window`;
/// - **frequency** is the referrals and incidents of the last 12 months,
///   `min(count, 6) / 6`: six in a year is as frequent as the scale goes;
/// - **gravity** is the graver of the highest DASH score in the window
///   (`score / 27`) and the gravest type of abuse recorded (`typeGravity`).
///   A DARA grade is never turned into a DASH score, so it adds nothing here
///   beyond the abuse types recorded with it.
///
/// The score is `100 × (wR·R + wF·F + wG·G) / (wR + wF + wG)`, rounded,
/// with the weights as settings (default 1 each).
public struct PerpetratorRanking: Sendable, Equatable {
    public var weights: Weights
    /// The window a perpetrator is ranked over, in years: the serial rule's.
    public var windowYears: Int

    /// Six referrals or incidents in twelve months is the top of the scale.
    public static let frequencyCap = 6
    /// The highest DASH score.
    public static let highestScore = 27

    public struct Weights: Sendable, Equatable {
        public var recency: Int
        public var frequency: Int
        public var gravity: Int

        public init(recency: Int = 1, frequency: Int = 1, gravity: Int = 1) {
            self.recency = recency
            self.frequency = frequency
            self.gravity = gravity
        }

        /// The weights from the MARAC's settings (nil when unset: 1).
        public init(storedRecency: String?, storedFrequency: String?, storedGravity: String?) throws(FieldError) {
            func weight(_ key: String, _ text: String?) throws(FieldError) -> Int {
                guard let text else { return 1 }
                guard let value = Int(text), value >= 1 else {
                    throw FieldError(key, "the stored setting must be a whole number of at least 1")
                }
                return value
            }
            self.init(recency: try weight(Settings.rankingWeightRecency, storedRecency),
                      frequency: try weight(Settings.rankingWeightFrequency, storedFrequency),
                      gravity: try weight(Settings.rankingWeightGravity, storedGravity))
        }

        public var total: Int { recency + frequency + gravity }
    }

    public init(weights: Weights = Weights(), windowYears: Int = SerialRule.defaultWindowYears) {
        self.weights = weights
        self.windowYears = windowYears
    }

    /// The first day of the window that ends on `today`, as the serial rule counts it.
    public func windowStart(today: Day) -> Day {
        SerialRule(windowYears: windowYears).windowStart(today: today)
    }

    /// The first day of the 12 months frequency counts (`RepeatRule`'s year: 2026-12-07 looks back to 2025-12-08).
    public func yearStart(today: Day) -> Day {
        today.adding(months: -12).adding(days: 1)
    }

    /// How grave a type of abuse is on a 0–1 scale: threats to kill or harm,
    /// sexual abuse, honour-based abuse and forced marriage are the gravest
    /// (the DASH checklist's own homicide markers); physical abuse next; then
    /// stalking and coercive control (both DASH high-risk markers); then
    /// breaches, damage and economic abuse; unwanted contact and other least.
    public static func typeGravity(_ type: AbuseType) -> Double {
        switch type {
        case .threats, .sexual, .honourBasedAbuse, .forcedMarriage: 1.0
        case .physical: 0.9
        case .stalkingHarassment, .coerciveControl: 0.8
        case .breachOfOrderOrBail: 0.6
        case .damageToProperty, .economic: 0.5
        case .unwantedContact, .other: 0.3
        }
    }

    /// One perpetrator's score from what was recorded against them in the window.
    public func score(_ activity: PerpetratorActivity, today: Day) -> HarmScore {
        let windowDays = max(1, windowStart(today: today).days(until: today) + 1)
        let since = max(0, activity.lastSeen.days(until: today))
        let recency = max(0, 1 - Double(since) / Double(windowDays))
        let frequency = Double(min(activity.eventsInYear, Self.frequencyCap)) / Double(Self.frequencyCap)
        let byScore = activity.highestScore.map { Double(min(max($0, 0), Self.highestScore)) / Double(Self.highestScore) } ?? 0
        let byType = activity.gravestType.map(Self.typeGravity) ?? 0
        let gravity = max(byScore, byType)
        let weighted = Double(weights.recency) * recency + Double(weights.frequency) * frequency + Double(weights.gravity) * gravity
        let score = Int((100 * weighted / Double(weights.total)).rounded())
        return HarmScore(score: score, recency: recency, frequency: frequency, gravity: gravity, weights: weights)
    }
}

/// What the MARAC recorded against one perpetrator in the ranking's window.
public struct PerpetratorActivity: Sendable, Equatable {
    public var perpetratorID: Int64
    /// The latest referral or incident naming them.
    public var lastSeen: Day
    /// Referrals and incidents in the last 12 months.
    public var eventsInYear: Int
    /// The highest DASH score on a referral in the window, when any was scored.
    public var highestScore: Int?
    /// Every type of abuse recorded in the window, on referrals and incidents.
    public var abuseTypes: Set<AbuseType>

    public init(perpetratorID: Int64, lastSeen: Day, eventsInYear: Int, highestScore: Int?, abuseTypes: Set<AbuseType>) {
        self.perpetratorID = perpetratorID
        self.lastSeen = lastSeen
        self.eventsInYear = eventsInYear
        self.highestScore = highestScore
        self.abuseTypes = abuseTypes
    }

    /// The gravest type recorded (ties: the later in declaration order), the one gravity reads.
    public var gravestType: AbuseType? {
        abuseTypes.max { (PerpetratorRanking.typeGravity($0), $0) < (PerpetratorRanking.typeGravity($1), $1) }
    }

    /// The same perpetrator's activity from referrals and from incidents, as one.
    public func joined(with other: PerpetratorActivity) -> PerpetratorActivity {
        PerpetratorActivity(perpetratorID: perpetratorID, lastSeen: max(lastSeen, other.lastSeen),
                            eventsInYear: eventsInYear + other.eventsInYear,
                            highestScore: [highestScore, other.highestScore].compactMap { $0 }.max(),
                            abuseTypes: abuseTypes.union(other.abuseTypes))
    }
}

/// A score and its parts, so the reader sees how it was reached.
public struct HarmScore: Sendable, Equatable, Comparable {
    public var score: Int
    public var recency: Double
    public var frequency: Double
    public var gravity: Double
    public var weights: PerpetratorRanking.Weights

    public init(score: Int, recency: Double, frequency: Double, gravity: Double, weights: PerpetratorRanking.Weights) {
        self.score = score
        self.recency = recency
        self.frequency = frequency
        self.gravity = gravity
        self.weights = weights
    }

    /// "62 = 100 × (1×R 0.82 + 1×F 0.33 + 1×G 0.70) / 3": the formula with this perpetrator's numbers.
    public var formula: String {
        "\(score) = 100 × (\(weights.recency)×R \(Self.two(recency)) + \(weights.frequency)×F \(Self.two(frequency)) + "
            + "\(weights.gravity)×G \(Self.two(gravity))) / \(weights.total)"
    }

    public static func two(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    public static func < (lhs: HarmScore, rhs: HarmScore) -> Bool { lhs.score < rhs.score }
}

/// One line of the ranking: who, the score and its parts, and what the
/// serial rule says of them (counted over referrals and incidents).
public struct RankedPerpetrator: Sendable, Equatable {
    public var rank: Int
    public var perpetratorID: Int64
    public var name: String
    public var activity: PerpetratorActivity
    public var harm: HarmScore
    public var serial: SerialStanding
    /// Ever referred to the perpetrator panel (whatever came of it).
    public var referredToPanel: Bool

    public init(rank: Int, perpetratorID: Int64, name: String, activity: PerpetratorActivity, harm: HarmScore, serial: SerialStanding,
                referredToPanel: Bool = false) {
        self.rank = rank
        self.perpetratorID = perpetratorID
        self.name = name
        self.activity = activity
        self.harm = harm
        self.serial = serial
        self.referredToPanel = referredToPanel
    }
}

/// The top of a ranking: the highest scores first (ties: the lower id first,
/// so the order is the same every time), with how many were ranked in all.
public struct PerpetratorRankingPage: Sendable, Equatable {
    public var ranked: [RankedPerpetrator]
    /// Every perpetrator with a referral or incident in the window.
    public var perpetratorsRanked: Int
    public var windowStart: Day
    public var ranking: PerpetratorRanking
    /// Only those never referred to the perpetrator panel: "highest harm not yet referred".
    public var notReferredOnly: Bool

    public init(ranked: [RankedPerpetrator], perpetratorsRanked: Int, windowStart: Day, ranking: PerpetratorRanking,
                notReferredOnly: Bool = false) {
        self.ranked = ranked
        self.perpetratorsRanked = perpetratorsRanked
        self.windowStart = windowStart
        self.ranking = ranking
        self.notReferredOnly = notReferredOnly
    }

    public static let defaultLimit = 20
    public static let maximumLimit = 1000
}

/// Keeps the `limit` highest scores seen so far, without holding everyone:
/// the ranking walks every perpetrator once in constant memory.
public struct TopScores: Sendable {
    public let limit: Int
    private(set) var kept: [(harm: HarmScore, activity: PerpetratorActivity)] = []

    public init(limit: Int) { self.limit = max(0, limit) }

    /// Higher score first; among equal scores the lower id first.
    static func before(_ a: (harm: HarmScore, activity: PerpetratorActivity), _ b: (harm: HarmScore, activity: PerpetratorActivity)) -> Bool {
        a.harm.score != b.harm.score ? a.harm.score > b.harm.score : a.activity.perpetratorID < b.activity.perpetratorID
    }

    /// Whether `offer` would keep it: a costlier check (has the panel had
    /// them?) is asked only of those that would make the list.
    public func wouldKeep(_ harm: HarmScore, _ activity: PerpetratorActivity) -> Bool {
        guard limit > 0 else { return false }
        guard kept.count == limit, let last = kept.last else { return true }
        return Self.before((harm: harm, activity: activity), last)
    }

    public mutating func offer(_ harm: HarmScore, _ activity: PerpetratorActivity) {
        guard wouldKeep(harm, activity) else { return }
        let entry = (harm: harm, activity: activity)
        // Binary search for the place: the list stays sorted and short.
        var low = 0, high = kept.count
        while low < high {
            let mid = (low + high) / 2
            if Self.before(kept[mid], entry) { low = mid + 1 } else { high = mid }
        }
        kept.insert(entry, at: low)
        if kept.count > limit { kept.removeLast() }
    }

    public var inOrder: [(harm: HarmScore, activity: PerpetratorActivity)] { kept }
}

extension Settings {
    public static let rankingWeightRecency = "ranking-weight-recency"
    public static let rankingWeightFrequency = "ranking-weight-frequency"
    public static let rankingWeightGravity = "ranking-weight-gravity"
}
