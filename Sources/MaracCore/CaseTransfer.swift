import Foundation

/// A case moving from one MARAC to another (issue 25; SafeLives'
/// MARAC-to-MARAC process): the sending MARAC writes one age file for the
/// receiving MARAC's key, the receiving MARAC takes it in, decides (lists it
/// for a meeting, notes it without hearing, or rejects it) and sends back a
/// small acknowledgement, which closes the sending side. The rules, once.
public enum TransferDirection: String, Sendable, Codable, CaseIterable {
    case out
    case `in`
}

/// Where a transfer is: sent (or taken in) and waiting for a decision, then
/// accepted or rejected, then done (the acknowledgement written or read and
/// the sending side's actions closed or kept).
public enum TransferState: String, Sendable, Codable, CaseIterable {
    case pending, accepted, rejected, done

    public var next: Set<TransferState> {
        switch self {
        case .pending: [.accepted, .rejected]
        case .accepted, .rejected: [.done]
        case .done: []
        }
    }

    /// The step, or why it cannot be taken.
    public func transition(to target: TransferState) throws(FieldError) -> TransferState {
        guard next.contains(target) else {
            throw FieldError("state", "a transfer that is \(rawValue) cannot become \(target.rawValue)")
        }
        return target
    }
}

/// What the receiving coordinator decides about a case taken in: a decision
/// with a reason either way.
public enum TransferDecision: String, Sendable, Codable, CaseIterable {
    /// Listed for a meeting here (screened in and on an agenda).
    case list
    /// Noted without a hearing here (the case is recorded, not heard).
    case note
    /// Not taken: the sending MARAC keeps it.
    case reject

    /// The state the transfer goes to.
    public var state: TransferState { self == .reject ? .rejected : .accepted }
}

/// What the sending side does with its open actions when the receiving
/// MARAC accepts: closed "transferred", or kept (the agencies here go on).
public enum TransferActions: String, Sendable, Codable, CaseIterable {
    case close, keep
}

/// The flowchart's questions (SafeLives' MARAC-to-MARAC process), asked when
/// a case is sent. All required: a receiving MARAC needs every answer.
public struct TransferAnswers: Sendable, Codable, Equatable {
    public enum Move: String, Sendable, Codable, CaseIterable { case temporary, permanent }

    public var move: Move
    public var movedOn: Day
    /// When this MARAC heard the case; nil: not heard here.
    public var heardOn: Day?
    public var agendaCirculated: Bool
    /// Who the IDVA handed over to; nil: no handover arranged.
    public var idvaHandoverTo: String?
    public var redoChecklist: Bool

    public init(move: Move, movedOn: Day, heardOn: Day?, agendaCirculated: Bool, idvaHandoverTo: String?, redoChecklist: Bool) {
        self.move = move
        self.movedOn = movedOn
        self.heardOn = heardOn
        self.agendaCirculated = agendaCirculated
        self.idvaHandoverTo = idvaHandoverTo
        self.redoChecklist = redoChecklist
    }

    /// Checks the answers as given (a day not after today, the handover name
    /// within its limits); every problem at once, no value repeated.
    public static func checked(move: String?, movedOn: String?, heardOn: String?, agendaCirculated: String?,
                               idvaHandoverTo: String?, redoChecklist: String?, today: Day) throws(ValidationFailure) -> TransferAnswers {
        var problems: [FieldError] = []
        let moveValue = move.flatMap(Move.init(rawValue:))
        if moveValue == nil { problems.append(FieldError("move", "is required: temporary or permanent")) }
        var moved: Day?
        if let movedOn {
            do { moved = try ReferralInput.parseDay(movedOn, field: "moved_on") } catch { problems.append(error) }
        } else { problems.append(FieldError("moved_on", "is required: the date of the move, YYYY-MM-DD")) }
        var heard: Day?
        if let heardOn, !heardOn.isEmpty {
            do { heard = try ReferralInput.parseDay(heardOn, field: "heard_on", notAfter: today) } catch { problems.append(error) }
        }
        let circulated = yesNo(agendaCirculated, "agenda_circulated", &problems)
        let redo = yesNo(redoChecklist, "redo_checklist", &problems)
        let handover = idvaHandoverTo?.trimmingCharacters(in: .whitespaces)
        if let handover, !handover.isEmpty {
            do { try FieldLimits.check("idva_handover", handover, maxLength: ReferralInput.maxNameLength, multiLine: false) } catch { problems.append(error) }
        }
        guard problems.isEmpty, let moveValue, let moved, let circulated, let redo else { throw ValidationFailure(problems) }
        return TransferAnswers(move: moveValue, movedOn: moved, heardOn: heard, agendaCirculated: circulated,
                               idvaHandoverTo: handover?.isEmpty == false ? handover : nil, redoChecklist: redo)
    }

    private static func yesNo(_ text: String?, _ field: String, _ problems: inout [FieldError]) -> Bool? {
        switch text {
        case "yes": return true
        case "no": return false
        default:
            problems.append(FieldError(field, "is required: yes or no"))
            return nil
        }
    }

    /// What the receiving agenda says is still to come or to do.
    public var missing: [String] {
        var out: [String] = []
        if redoChecklist { out.append("risk checklist to be redone") }
        if idvaHandoverTo == nil { out.append("IDVA handover not arranged") }
        return out
    }
}

/// The bundle's manifest: what it is, who sent it, and the content's hash.
public struct TransferManifest: Sendable, Codable, Equatable {
    /// The bundle format this build writes; a newer one is refused, never
    /// guessed at, and so is an older one (format 1 was not signed).
    public static let currentFormat = 2

    public var bundleID: String
    public var format: Int
    public var sendingMarac: String
    public var receivingMarac: String
    public var sentBy: String
    public var sentAt: String
    /// SHA-256 of the content's UTF-8 bytes, lower-case hex.
    public var contentSHA256: String
    /// Every case (referral reference) the content carries, and no other.
    public var referrals: [String]
    public var answers: TransferAnswers

    public init(bundleID: String, format: Int = currentFormat, sendingMarac: String, receivingMarac: String, sentBy: String,
                sentAt: String, contentSHA256: String, referrals: [String], answers: TransferAnswers) {
        self.bundleID = bundleID
        self.format = format
        self.sendingMarac = sendingMarac
        self.receivingMarac = receivingMarac
        self.sentBy = sentBy
        self.sentAt = sentAt
        self.contentSHA256 = contentSHA256
        self.referrals = referrals
        self.answers = answers
    }
}

/// The file inside the age file: the manifest, the content as the exact
/// text its hash was taken over, and the sending MARAC's Ed25519 signature
/// of the manifest (`signedText`), which covers the content through its hash.
public struct TransferBundle: Sendable, Codable {
    public var manifest: TransferManifest
    public var content: String
    /// Base64; nil in a format 1 file (refused) or one stripped of it.
    public var signature: String?

    public init(manifest: TransferManifest, content: String, signature: String? = nil) {
        self.manifest = manifest
        self.content = content
        self.signature = signature
    }

    /// The bytes a manifest's signature is over: the manifest as JSON with
    /// sorted keys, written by the signer and rewritten by the reader from
    /// what it decoded, so a field changed or added in transit fails.
    public static func signedText<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(value)
    }
}

/// Why a bundle (or an acknowledgement) is refused, whole. One line each,
/// naming no value from the file.
public enum TransferRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case notForThisMarac
    case cut
    case altered
    case replayed
    case newerFormat(Int)
    case unlistedCase
    case unknownSender
    case notABundle
    /// Format 1, written before transfers were signed.
    case olderFormat(Int)
    /// No signature.
    case unsigned
    /// A signature that is not the named sending MARAC's recorded key's:
    /// forged, or the file changed after signing.
    case badSignature
    /// The sending MARAC is known but no signing key is recorded for it.
    case noSigningKey

    public var description: String {
        switch self {
        case .notForThisMarac: "the file is not encrypted to this MARAC's key; nothing was taken in"
        case .cut: "the file is cut short; nothing was taken in"
        case .altered: "the file's content does not match its manifest (altered); nothing was taken in"
        case .replayed: "this file has been taken in before; nothing was taken in again"
        case .newerFormat(let format): "the file is in transfer format \(format), newer than this marac reads (\(TransferManifest.currentFormat)); update marac first; nothing was taken in"
        case .unlistedCase: "the file carries a case its manifest does not list; nothing was taken in"
        case .unknownSender: "the sending MARAC is not on this MARAC's list of known MARACs; add it first; nothing was taken in"
        case .notABundle: "the file is not a MARAC transfer file; nothing was taken in"
        case .olderFormat(let format): "the file is in transfer format \(format), written before transfers were signed; ask the sending MARAC to update marac and send it again; nothing was taken in"
        case .unsigned: "the file is not signed by the sending MARAC; nothing was taken in"
        case .badSignature: "the file's signature is not the sending MARAC's recorded signing key's (forged, or changed after signing); nothing was taken in"
        case .noSigningKey: "no signing key is recorded for the sending MARAC; record it with marac transfer peer add NAME --key AGE1KEY --signing-key KEY (from its marac key show --signing); nothing was taken in"
        }
    }

    /// The same refusal of an acknowledgement read on the sending side.
    public var acknowledgementDescription: String {
        switch self {
        case .notForThisMarac: "the acknowledgement is not encrypted to this MARAC's key; nothing was changed"
        case .cut: "the acknowledgement is cut short; nothing was changed"
        case .altered: "the acknowledgement does not match the transfer sent from here; nothing was changed"
        case .replayed: "this acknowledgement has been read before; nothing was changed"
        case .newerFormat(let format): "the acknowledgement is in format \(format), newer than this marac reads; update marac first; nothing was changed"
        case .unlistedCase, .unknownSender, .notABundle: "the file is not an acknowledgement of a transfer sent from here; nothing was changed"
        case .olderFormat(let format): "the acknowledgement is in format \(format), written before acknowledgements were signed; ask the receiving MARAC to update marac and decide again; nothing was changed"
        case .unsigned: "the acknowledgement is not signed by the receiving MARAC; nothing was changed"
        case .badSignature: "the acknowledgement's signature is not the receiving MARAC's recorded signing key's (forged, or changed after signing); nothing was changed"
        case .noSigningKey: "no signing key is recorded for the receiving MARAC; record it with marac transfer peer add NAME --key AGE1KEY --signing-key KEY; nothing was changed"
        }
    }

    /// The audit trail's word for it.
    public var code: String {
        switch self {
        case .notForThisMarac: "wrong_key"
        case .cut: "cut"
        case .altered: "altered"
        case .replayed: "replayed"
        case .newerFormat: "newer_format"
        case .unlistedCase: "unlisted_case"
        case .unknownSender: "unknown_sender"
        case .notABundle: "not_a_bundle"
        case .olderFormat: "older_format"
        case .unsigned: "unsigned"
        case .badSignature: "bad_signature"
        case .noSigningKey: "no_signing_key"
        }
    }
}

/// The checks a bundle passes before anything is written: the rules, once.
public enum TransferCheck {
    /// The manifest against what was found: the hash of the content, the
    /// cases it carries, whether this bundle was taken in before and whether
    /// its sender is known. The first fault found refuses the whole file.
    public static func refusal(_ manifest: TransferManifest, contentHash: String, carried: Set<String>,
                               seenBefore: Bool, senderKnown: Bool) -> TransferRefusal? {
        if manifest.format > TransferManifest.currentFormat { return .newerFormat(manifest.format) }
        if contentHash != manifest.contentSHA256 { return .altered }
        if !carried.isSubset(of: Set(manifest.referrals)) || carried.isEmpty { return .unlistedCase }
        if seenBefore { return .replayed }
        if !senderKnown { return .unknownSender }
        return nil
    }

    /// Days after sending when an unacknowledged transfer is overdue and chased.
    public static let acknowledgementDays = 10

    /// Whether a transfer sent on `sentOn` and still pending is overdue today.
    public static func isOverdue(state: TransferState, sentOn: Day, today: Day) -> Bool {
        state == .pending && sentOn.adding(days: acknowledgementDays) < today
    }
}

/// The small file sent back to the sending MARAC: which bundle, accepted or
/// rejected, why, by whom and when.
public struct TransferAcknowledgement: Sendable, Codable, Equatable {
    /// Format 2 is signed (`SignedTransferAcknowledgement`); format 1 was not, and is refused.
    public static let currentFormat = 2

    public var format: Int
    public var bundleID: String
    public var contentSHA256: String
    public var receivingMarac: String
    public var decision: TransferDecision
    public var reason: String
    public var decidedBy: String
    public var decidedAt: String

    public init(format: Int = currentFormat, bundleID: String, contentSHA256: String, receivingMarac: String,
                decision: TransferDecision, reason: String, decidedBy: String, decidedAt: String) {
        self.format = format
        self.bundleID = bundleID
        self.contentSHA256 = contentSHA256
        self.receivingMarac = receivingMarac
        self.decision = decision
        self.reason = reason
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }

    /// A decision's reason as kept: trimmed, required, within limits.
    public static func reason(_ text: String) throws(FieldError) -> String {
        let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw FieldError("reason", "a transfer decision needs a reason") }
        try FieldLimits.check("reason", reason)
        return reason
    }
}

/// A peer MARAC's name as kept: one line, 1–120 characters.
public enum MaracPeerName {
    public static func checked(_ text: String) throws(FieldError) -> String {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw FieldError("name", "is required: the other MARAC's name") }
        try FieldLimits.check("name", name, maxLength: Settings.maracNameMaxLength, multiLine: false)
        return name
    }
}

/// The acknowledgement as written: signed by the receiving MARAC's Ed25519
/// key over `TransferBundle.signedText(acknowledgement)`.
public struct SignedTransferAcknowledgement: Sendable, Codable {
    public var acknowledgement: TransferAcknowledgement
    public var signature: String?

    public init(acknowledgement: TransferAcknowledgement, signature: String?) {
        self.acknowledgement = acknowledgement
        self.signature = signature
    }
}
