import Foundation

/// An agency's research return as stored: the newest for its case, meeting and agency.
public struct ResearchReturnRecord: Sendable, Equatable {
    public var id: Int64
    public var ref: String
    public var agency: String
    public var known: Bool
    public var summary: String
    public var currentRisks: String
    public var returnedOn: Day
    public var recordedBy: String
    /// Recorded by the coordinator for an agency without an account.
    public var onBehalf: Bool
    /// From a returned research list rather than typed.
    public var fromFile: Bool
    public var recordedAt: String
    /// Earlier returns by the same agency for this case and meeting, kept.
    public var earlier: Int

    /// "recorded by coordinator on behalf of police" or "recorded by pc1".
    public var byWords: String {
        "recorded by \(recordedBy)" + (onBehalf ? " on behalf of \(agency)" : "") + (fromFile ? " (from the returned list)" : "")
    }

    public init(
        id: Int64,
        ref: String,
        agency: String,
        known: Bool,
        summary: String,
        currentRisks: String,
        returnedOn: Day,
        recordedBy: String,
        onBehalf: Bool,
        fromFile: Bool,
        recordedAt: String,
        earlier: Int
    ) {
        self.id = id
        self.ref = ref
        self.agency = agency
        self.known = known
        self.summary = summary
        self.currentRisks = currentRisks
        self.returnedOn = returnedOn
        self.recordedBy = recordedBy
        self.onBehalf = onBehalf
        self.fromFile = fromFile
        self.recordedAt = recordedAt
        self.earlier = earlier
    }
}
