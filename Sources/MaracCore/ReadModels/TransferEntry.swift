import Foundation

/// One transfer between MARACs as listed: which bundle, which way, with
/// whom, which case here, where it is, and the decision once made.
public struct TransferEntry: Sendable, Equatable {
    public var id: Int64
    public var bundleID: String
    public var direction: TransferDirection
    public var peer: String
    public var ref: String
    public var state: TransferState
    /// The flowchart's answers as sent (JSON of `TransferAnswers`).
    public var answersJSON: String
    public var sentAt: String
    public var sentBy: String
    public var decision: TransferDecision?
    public var reason: String?
    public var decidedAt: String?
    public var actions: TransferActions?
    public var contentSHA256: String

    public init(id: Int64, bundleID: String, direction: TransferDirection, peer: String, ref: String, state: TransferState,
                answersJSON: String, sentAt: String, sentBy: String, decision: TransferDecision?, reason: String?,
                decidedAt: String?, actions: TransferActions?, contentSHA256: String) {
        self.id = id
        self.bundleID = bundleID
        self.direction = direction
        self.peer = peer
        self.ref = ref
        self.state = state
        self.answersJSON = answersJSON
        self.sentAt = sentAt
        self.sentBy = sentBy
        self.decision = decision
        self.reason = reason
        self.decidedAt = decidedAt
        self.actions = actions
        self.contentSHA256 = contentSHA256
    }

    /// The answers, when they read (they were checked when sent or taken in).
    public var answers: TransferAnswers? { try? JSONDecoder().decode(TransferAnswers.self, from: Data(answersJSON.utf8)) }

    /// The day it was sent.
    public var sentOn: Day? { Day(String(sentAt.prefix(10))) }

    /// Days since it was sent.
    public func age(today: Day) -> Int? { sentOn.map { max(0, today.ordinal - $0.ordinal) } }

    /// An acknowledgement still awaited past its time (Core's rule).
    public func isOverdue(today: Day) -> Bool {
        guard direction == .out, let sentOn else { return false }
        return TransferCheck.isOverdue(state: state, sentOn: sentOn, today: today)
    }
}

/// One piece of a case's history carried by a bundle: a hearing, what was
/// shared, an action, a research return, a correction or an earlier referral.
public struct TransferItem: Sendable, Codable, Equatable {
    public var kind: String
    /// The sending MARAC's reference of the case it belongs to.
    public var referral: String
    public var fields: [String: String]

    public init(kind: String, referral: String, fields: [String: String]) {
        self.kind = kind
        self.referral = referral
        self.fields = fields
    }
}

/// What a bundle carries: the victim's referrals (the field table's columns,
/// the case sent first) and their history.
public struct TransferContent: Sendable, Codable, Equatable {
    public var referrals: [[String: String]]
    public var items: [TransferItem]

    public init(referrals: [[String: String]], items: [TransferItem]) {
        self.referrals = referrals
        self.items = items
    }

    /// Every case reference the content names, wherever it is named.
    public var carried: Set<String> {
        Set(referrals.map { $0["referral_ref"] ?? "" }).union(items.map(\.referral))
    }
}

/// What a transfer taken in created here.
public struct TransferReceipt: Sendable, Equatable {
    public var ref: String
    public var from: String
    public var bundleID: String
    public var history: Int
    public var missing: [String]

    public init(ref: String, from: String, bundleID: String, history: Int, missing: [String]) {
        self.ref = ref
        self.from = from
        self.bundleID = bundleID
        self.history = history
        self.missing = missing
    }
}
