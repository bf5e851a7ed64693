/// Where a meeting is in its life: planned (its agenda can still change), or
/// held (hearing has started; a late urgent case may still be added).
public enum MeetingStatus: String, CaseIterable, Sendable, Codable {
    case planned
    case held

    public var words: String { rawValue }

    /// Cases are listed on a planned meeting; once hearing has started only an
    /// urgent late case may be added, and that is said explicitly.
    public var acceptsCases: Bool { self == .planned }
}
