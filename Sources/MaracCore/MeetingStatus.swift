/// Where a meeting is in its life: planned (its agenda can still change),
/// held (hearing has started; a late urgent case may still be added), or
/// cancelled (v15: kept with its reason; stored as `cancelled_on`, not as a
/// status, so the meeting table's CHECK is unchanged).
public enum MeetingStatus: String, CaseIterable, Sendable, Codable {
    case planned
    case held
    case cancelled

    public var words: String { rawValue }

    /// Cases are listed on a planned meeting; once hearing has started only an
    /// urgent late case may be added, and that is said explicitly.
    public var acceptsCases: Bool { self == .planned }

    /// Whether a case may be listed now: on a planned meeting always; once
    /// hearing has started, only when it is said to be an urgent late case.
    public func acceptsCase(urgentLate: Bool) -> Bool { acceptsCases || (urgentLate && self == .held) }
}

/// The statement every agency present signs at the start of a meeting (the
/// register). Shown in full before sign-off, so no one signs unread.
public enum ConfidentialityStatement {
    public static let text = [
        "Information shared at this MARAC is confidential.",
        "It is shared only to increase the safety of the victims, children and others discussed, under the MARAC information-sharing protocol.",
        "It must not be passed on outside this meeting except to staff of your own agency who need it to carry out the actions agreed here.",
        "It must never be shared with, or in a way that could reach, the perpetrator.",
        "Each agency present signs for itself by being recorded in the register.",
    ]
}
