import Foundation

/// One case of an agency's research list: its reference and what to match on.
public struct ResearchListCase: Sendable, Equatable {
    public var ref: String
    /// The victim and perpetrator: what the access log records as sent.
    public var personIDs: [Int64]
    /// `ResearchReturnInput.matchingColumns` → text ("" when not known).
    public var matching: [String: String]

    public init(ref: String, personIDs: [Int64], matching: [String: String]) {
        self.ref = ref
        self.personIDs = personIDs
        self.matching = matching
    }
}

/// An agency's research list: what `meeting research` writes.
public struct ResearchList: Sendable, Equatable {
    public var meeting: Day
    public var agency: String
    public var cases: [ResearchListCase]

    public init(meeting: Day, agency: String, cases: [ResearchListCase]) {
        self.meeting = meeting
        self.agency = agency
        self.cases = cases
    }
}
