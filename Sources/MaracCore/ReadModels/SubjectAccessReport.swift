import Foundation

/// What `person export` writes, before redaction decides what leaves.
public struct SubjectAccessReport: Sendable {
    public struct Listing: Sendable {
        public var meeting: Day
        public var heard: Bool
        public var informationShared: String?

        public init(meeting: Day, heard: Bool, informationShared: String? = nil) {
            self.meeting = meeting
            self.heard = heard
            self.informationShared = informationShared
        }
    }

    /// What an agency's research found before a meeting (every return kept).
    public struct Research: Sendable {
        public var meeting: Day
        public var agency: String
        public var known: Bool
        public var summary: String
        public var currentRisks: String
        public var returnedOn: String

        public init(
            meeting: Day,
            agency: String,
            known: Bool,
            summary: String,
            currentRisks: String,
            returnedOn: String
        ) {
            self.meeting = meeting
            self.agency = agency
            self.known = known
            self.summary = summary
            self.currentRisks = currentRisks
            self.returnedOn = returnedOn
        }
    }

    public struct Case: Sendable {
        public var referral: ReferralRecord
        public var children: [ChildInput]
        public var listings: [Listing]
        public var research: [Research]
        public var actions: [ActionRecord]

        public init(
            referral: ReferralRecord,
            children: [ChildInput],
            listings: [Listing],
            research: [Research],
            actions: [ActionRecord]
        ) {
            self.referral = referral
            self.children = children
            self.listings = listings
            self.research = research
            self.actions = actions
        }
    }

    public struct Read: Sendable {
        public var at: String
        public var actor: String
        public var useCase: String
        public var kind: String

        public init(at: String, actor: String, useCase: String, kind: String) {
            self.at = at
            self.actor = actor
            self.useCase = useCase
            self.kind = kind
        }
    }

    public var person: PersonRecord
    public var aliases: [String]
    public var cases: [Case]
    public var reads: [Read]
    /// The other party's names in these cases (the perpetrator's for a
    /// victim, the victims' for a perpetrator): never in the file.
    public var thirdPartyNames: [String]

    /// The referral ids the export shows (for its access record).
    public var referralIDs: [Int64] { cases.map(\.referral.id) }

    public init(
        person: PersonRecord,
        aliases: [String],
        cases: [Case],
        reads: [Read],
        thirdPartyNames: [String]
    ) {
        self.person = person
        self.aliases = aliases
        self.cases = cases
        self.reads = reads
        self.thirdPartyNames = thirdPartyNames
    }
}
