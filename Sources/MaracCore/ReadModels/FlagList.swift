/// Flag-and-tag (issue 23): after a case is heard each agency flags its own
/// file for 12 months, so a repeat is noticed and referred back. The list
/// for one agency: the victims to keep flagged (heard within the last 12
/// months) and those whose 12 months have run out since a day (to unflag).
public struct FlagList: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// The victim's latest heard referral.
        public var ref: String
        public var referralID: Int64
        public var victimID: Int64
        public var victimName: String
        public var victimDOB: Day?
        public var heardOn: Day
        /// The last day of the 12 months (`RepeatRule`'s window).
        public var flagUntil: Day

        public init(ref: String, referralID: Int64, victimID: Int64, victimName: String, victimDOB: Day?, heardOn: Day) {
            self.ref = ref
            self.referralID = referralID
            self.victimID = victimID
            self.victimName = victimName
            self.victimDOB = victimDOB
            self.heardOn = heardOn
            self.flagUntil = heardOn.adding(months: RepeatRule.windowMonths)
        }
    }

    public var agency: String
    public var today: Day
    public var toFlag: [Entry]
    /// With `--lapsed-since`: whose 12 months ran out on or after that day and before today.
    public var lapsedSince: Day?
    public var lapsed: [Entry]

    public init(agency: String, today: Day, toFlag: [Entry], lapsedSince: Day?, lapsed: [Entry]) {
        self.agency = agency
        self.today = today
        self.toFlag = toFlag
        self.lapsedSince = lapsedSince
        self.lapsed = lapsed
    }

    /// The first day heard that is still flagged today: a hearing on it is
    /// flagged until today exactly (the window's edge counts as within).
    public static func flaggedFrom(today: Day) -> Day { today.adding(months: -RepeatRule.windowMonths) }

    public var referralIDs: [Int64] { (toFlag + lapsed).map(\.referralID) }
    public var personIDs: [Int64] { (toFlag + lapsed).map(\.victimID) }
}
