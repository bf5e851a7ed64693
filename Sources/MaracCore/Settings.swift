/// The MARAC's settings, by key: the ones a person may change, and the
/// one that marks a demo database.
public enum Settings {
    public static let dataset = "dataset"
    public static let adultFemalePopulation = "adult-female-population"
    public static let retentionMonths = "retention-months"
    public static let suppressionThreshold = "suppression-threshold"
    public static let dueSoonDays = "due-soon-days"
    public static let escalationDays = "escalation-days"
    public static let figuresRounding = "figures-rounding"

    /// Settings a user may change with `marac config set`.
    public static let userSettable: [String: String] = [
        adultFemalePopulation: "adult women (16+) living in the MARAC's area, for cases per 10,000",
        retentionMonths: "months a victim's case is kept after its last activity before `marac purge` removes its identities (no default)",
        suppressionThreshold: "suppressed figures hide counts below this (default 5; at least 2)",
        dueSoonDays: "an open action due within this many days is on the chase list as due soon (default 7)",
        escalationDays: "an action this many days overdue is escalated to the chair and counted in the figures (default 14)",
        serialWindowYears: "a perpetrator recorded against enough different victims within this many years is flagged serial (default 3, MATAC)",
        serialVictims: "different victims within the window that make a perpetrator serial (default 2, MATAC; at least 2)",
        rankingWeightRecency: "weight of recency in a perpetrator's harm score (default 1; see docs/figures.md, \"Ranking perpetrators\")",
        rankingWeightFrequency: "weight of frequency (referrals and incidents in 12 months) in a perpetrator's harm score (default 1)",
        rankingWeightGravity: "weight of gravity (highest DASH score, gravest abuse type) in a perpetrator's harm score (default 1)",
        figuresRounding: "figures that leave the MARAC are rounded to this base instead of suppressed, e.g. 5 (under 5 reads 5; totals rounded on their own); 1: suppression (default)",
    ]
}

/// Settings that hold one of a few codes (issue 23).
extension Settings {
    /// What a DARA grade of high meets: `professional-judgement` (default) or `visible-high-risk`.
    public static let daraHigh = "dara-high"
    public static let codedSettings: [String: (help: String, codes: [String])] = [
        daraHigh: ("what a DARA grade of high meets: professional-judgement (default; the DARA rationale is the reason) or visible-high-risk",
                   DaraHighRule.allCases.map(\.rawValue)),
    ]
}

/// Settings that hold words, not numbers: the MARAC's name heads the board
/// report and the figures ("Bromley MARAC"). One line, as an agency's name.
extension Settings {
    public static let maracName = "marac-name"
    public static let maracNameMaxLength = 120
    public static let textSettings: [String: String] = [
        maracName: "the MARAC's name, on every page of the board report and the figures (e.g. \"Bromley MARAC\")",
    ]
}
