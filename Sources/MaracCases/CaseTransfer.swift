internal import MaracStore
import Foundation
internal import GRDB
import MaracAge

/// A case moving from one MARAC to another (issue 25): the other MARACs and
/// their keys, sending a case out as one age file, taking one in (checked
/// whole first), deciding on it (which writes the acknowledgement), reading
/// the acknowledgement back, and the list. Each one transaction; a file is
/// handed to `deliver` inside it, so a file that cannot be written leaves no
/// record of being sent. (`Transfer.swift` is the CSV import and export.)
extension Session {
    // MARK: Other MARACs

    /// Stores (or replaces) another MARAC's age public key, from its `marac
    /// key show`, and its signing public key (`marac key show --signing`;
    /// kept when not given): a transfer from it is taken only when signed by that key.
    public func addMaracPeer(name text: String, key keyText: String, signingKey signingText: String? = nil) throws(CaseError) {
        let name: String
        do throws(FieldError) { name = try MaracPeerName.checked(text) } catch { throw CaseError(error) }
        let key = try Self.publicKey(keyText, field: "key")
        let signing = try signingText.map { text throws(CaseError) in try Self.signingPublicKey(text, field: "signing-key") }
        try write(.manageMaracPeers) { db, _ in
            try CaseTransferStore.addPeer(db, name: name, key: key.description, signingKey: signing?.description, by: actor, at: clock.timestamp)
            try Audit.record(db, actor: actor, action: "set_key", entity: "marac_peer", entityID: nil,
                             detail: "\(name) \(key)" + (signing.map { " \($0)" } ?? ""))
        }
    }

    /// The other MARACs this one knows, with their keys.
    public func maracPeers() throws(CaseError) -> [(name: String, key: String, signingKey: String?)] {
        try read(.manageMaracPeers) { db, _ in try CaseTransferStore.peers(db) }
    }

    static func publicKey(_ text: String, field: String) throws(CaseError) -> AgePublicKey {
        do { return try AgePublicKey(parsing: text.trimmingCharacters(in: .whitespaces)) } catch {
            throw CaseError(.invalid, field: field, "not an age public key: expected age1 followed by 58 letters and digits, as `marac key show` prints")
        }
    }

    // MARK: Out

    /// Sends the case `ref` (with every referral of its victim and their
    /// history) to the MARAC `peer`, encrypted to `recipient`. Refused, like
    /// screening in, without consent or a recorded reason and lawful basis.
    /// The file is handed to `deliver`; the transfer is then pending.
    @discardableResult
    public func transferOut(_ ref: String, to peerText: String, recipient keyText: String, answers: TransferAnswers,
                            deliver: (Data) throws -> Void) throws(CaseError) -> TransferEntry {
        let peer: String
        do throws(FieldError) { peer = try MaracPeerName.checked(peerText) } catch { throw CaseError(error) }
        let key = try Self.publicKey(keyText, field: "recipient")
        return try write(.transferOut) { db, permit in
            let record = try ReferralLookup.record(db, ref: ref)
            let missing = ConsentDecision.problemsBeforeSharing(consent: record.consent, reason: record.sharingReason, basis: record.lawfulBasis)
            if !missing.isEmpty {
                throw CaseError(.invalid, missing.enumerated().map { index, problem in
                    CaseError.Problem(field: problem.field, "\(record.ref) was not sent: \(problem.message)",
                                      hint: index == missing.count - 1 ? .recordConsentDecision : nil)
                })
            }
            if let stored = try CaseTransferStore.peerKey(db, name: peer), stored != key.description {
                throw CaseError(.invalid, field: "recipient", "is not the key stored for that MARAC; check it with the other MARAC, or store the new one first")
            }
            guard let sender = try SettingStore.value(db, Settings.maracName) else {
                throw CaseError(.invalid, field: "marac-name", "this MARAC has no name set; the receiving MARAC needs it to know where the case came from")
            }
            // The case sent first, then the victim's other referrals; nothing about anyone else.
            let all = try CaseTransferStore.victimReferrals(db, victimID: record.victimID)
            let ordered = all.filter { $0.id == record.id } + all.filter { $0.id != record.id }
            let refs = ordered.map { $0.fields["referral_ref"] ?? "" }
            let items = try CaseTransferStore.items(db, referrals: ordered.map { (id: $0.id, ref: $0.fields["referral_ref"] ?? "") },
                                                    recentFrom: today.adding(months: -ReferralStatus.lapseMonths))
            let content = try Self.json(TransferContent(referrals: ordered.map(\.fields), items: items))
            let now = clock.timestamp
            let manifest = TransferManifest(bundleID: UUID().uuidString.lowercased(), sendingMarac: sender, receivingMarac: peer,
                                            sentBy: actor.name, sentAt: now, contentSHA256: CaseTransferStore.sha256(content),
                                            referrals: refs, answers: answers)
            let signature = try maracSigningKey(db).signature(for: try TransferBundle.signedText(manifest))
            let bundle = Data(try Self.json(TransferBundle(manifest: manifest, content: content, signature: signature)).utf8)
            let id = try CaseTransferStore.insert(db, bundleID: manifest.bundleID, direction: .out, peer: peer, referralID: record.id,
                                                  answers: try Self.json(answers), contentSHA256: manifest.contentSHA256,
                                                  sentAt: now, sentBy: actor.name, by: actor, at: now)
            try Audit.record(db, actor: actor, action: "transfer_out", entity: "referral", entityID: record.id,
                             detail: "transfer=\(id) bundle=\(manifest.bundleID) referrals=\(refs.count) items=\(items.count)")
            // What left and to whom: every referral and person in the file.
            let people = Set(ordered.compactMap(\.perpetratorID) + [record.victimID])
            try recordAccess(db, permit, referralIDs: ordered.map(\.id), personIDs: people.sorted(),
                             reason: "sent to another MARAC in a transfer (transfer \(id))")
            try deliver(try Age.encrypt(bundle, to: [.x25519(key)]))
            guard let entry = try CaseTransferStore.find(db, direction: .out, bundleID: manifest.bundleID) else {
                throw CaseError(.storage, "the transfer just written cannot be read back")
            }
            return entry
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    // MARK: In

    /// Takes in a case sent by another MARAC: opened with this MARAC's key,
    /// checked whole (refused whole on any fault, nothing but the attempt
    /// written), then the case is logged here as a referral received, its
    /// people matched by the identity rules, with the history it brought
    /// kept read-only. `ref` replaces the sender's reference when that one is
    /// already used here. The victim and perpetrator are matched as at
    /// intake (`IntakeIdentity`): an exact match joins the person recorded
    /// here; a near match needs `identity`'s choice, else the file is refused
    /// with the candidates' ids and nothing is written.
    public func transferIn(_ file: Data, ref newRef: String? = nil, identity: IdentityChoices = IdentityChoices()) throws(CaseError) -> TransferReceipt {
        let outcome: Result<TransferReceipt, TransferRefusal> = try write(.transferIn) { db, permit in
            switch try openBundle(db, file) {
            case .failure(let refusal):
                try Audit.record(db, actor: actor, action: "transfer_in_refused", entity: "transfer", entityID: nil,
                                 detail: "bytes=\(file.count) \(refusal.code)")
                return .failure(refusal)
            case .success(let (manifest, content)):
                let people = IntakeIdentity(choices: identity, scope: viewScope(permit))
                return .success(try takeIn(db, manifest, content, ref: newRef, identity: people))
            }
        }
        switch outcome {
        case .success(let receipt): return receipt
        case .failure(let refusal): throw CaseError(.invalid, field: "file", refusal.description)
        }
    }

    /// Opens and checks a bundle; reads only.
    private func openBundle(_ db: Database, _ file: Data) throws -> Result<(TransferManifest, TransferContent), TransferRefusal> {
        let plain: Data
        do { plain = try Age.decrypt(file, identities: [try maracIdentity(db)]) } catch let error as AgeError {
            return .failure(Self.refusal(error))
        }
        let decoder = JSONDecoder()
        guard let bundle = try? decoder.decode(TransferBundle.self, from: plain) else {
            // A newer format may have changed more than the content: say so when its number reads.
            if let format = (try? JSONSerialization.jsonObject(with: plain) as? [String: Any])
                .flatMap({ ($0["manifest"] as? [String: Any])?["format"] as? Int }), format > TransferManifest.currentFormat {
                return .failure(.newerFormat(format))
            }
            return .failure(.notABundle)
        }
        let manifest = bundle.manifest
        if manifest.format > TransferManifest.currentFormat { return .failure(.newerFormat(manifest.format)) }
        if manifest.format < TransferManifest.currentFormat { return .failure(.olderFormat(manifest.format)) }
        // Who wrote it, before anything it says is believed: the signature covers the content by its hash.
        if let refusal = try signatureRefusal(db, peer: manifest.sendingMarac, signature: bundle.signature,
                                              message: try TransferBundle.signedText(manifest)) {
            return .failure(refusal)
        }
        let hash = CaseTransferStore.sha256(bundle.content)
        if hash != manifest.contentSHA256 { return .failure(.altered) }
        guard let content = try? decoder.decode(TransferContent.self, from: Data(bundle.content.utf8)) else { return .failure(.notABundle) }
        let refusal = TransferCheck.refusal(manifest, contentHash: hash, carried: content.carried,
                                            seenBefore: try CaseTransferStore.exists(db, direction: .in, bundleID: manifest.bundleID),
                                            senderKnown: try CaseTransferStore.peerKey(db, name: manifest.sendingMarac) != nil)
        if let refusal { return .failure(refusal) }
        return .success((manifest, content))
    }

    static func refusal(_ error: AgeError) -> TransferRefusal {
        switch error {
        case .noIdentityMatches, .passphraseRequired: .notForThisMarac
        case .cutShort: .cut
        case .headerAltered, .payloadAltered, .trailingData: .altered
        default: .notABundle
        }
    }

    /// Writes a checked bundle: the case as a referral received here, the
    /// transfer (pending a decision) and the history it brought.
    private func takeIn(_ db: Database, _ manifest: TransferManifest, _ content: TransferContent, ref newRef: String?,
                        identity: IntakeIdentity) throws -> TransferReceipt {
        try requireRealDatabase(db)
        guard var fields = content.referrals.first, let sentRef = fields["referral_ref"], sentRef == manifest.referrals.first else {
            throw CaseError(.invalid, field: "file", TransferRefusal.unlistedCase.description)
        }
        var missing = manifest.answers.missing
        // Heard there, not here; the keyworker is a login there; the rest is the sender's bookkeeping.
        for column in ["heard_on", "keyworker", "version", "status", "decline_reason"] { fields[column] = nil }
        if let code = fields["lawful_basis"], try !ReferralRows.isLawfulBasis(db, code) {
            fields["lawful_basis"] = nil
            missing.append("lawful basis to be recorded here (the sending MARAC's is not on this list)")
        }
        fields["previous_marac"] = manifest.sendingMarac
        // The day it was sent, never after today here (the two MARACs' clocks may disagree).
        let sentOn = Day(String(manifest.sentAt.prefix(10))).map { min($0, today) } ?? today
        fields["previous_marac_on"] = sentOn.description
        if let newRef { fields["referral_ref"] = newRef }
        let input: ReferralInput
        do { input = try ReferralInput.validate(fields, today: today) } catch {
            throw CaseError(.invalid, error.problems.map { CaseError.Problem(field: $0.field, "the case sent: \($0.message); nothing was taken in") })
        }
        if try ReferralRows.stored(db, ref: input.ref) != nil {
            throw CaseError(.invalid, field: "referral_ref", "the case's reference is already used here; give it another; nothing was taken in")
        }
        let id = try ReferralWriter(actor: actor, clock: clock).add(db, input, identity: identity)
        let now = clock.timestamp
        let transferID = try CaseTransferStore.insert(db, bundleID: manifest.bundleID, direction: .in, peer: manifest.sendingMarac,
                                                      referralID: id, answers: try Self.json(manifest.answers),
                                                      contentSHA256: manifest.contentSHA256, sentAt: manifest.sentAt,
                                                      sentBy: manifest.sentBy, by: actor, at: now)
        let earlier = content.referrals.dropFirst().map { TransferItem(kind: "referral", referral: $0["referral_ref"] ?? "", fields: $0) }
        let history = earlier + content.items
        try CaseTransferStore.insertRecords(db, transferID: transferID, history)
        try Audit.record(db, actor: actor, action: "transfer_in", entity: "referral", entityID: id,
                         detail: "transfer=\(transferID) bundle=\(manifest.bundleID) history=\(history.count)")
        return TransferReceipt(ref: input.ref, from: manifest.sendingMarac, bundleID: manifest.bundleID, history: history.count, missing: missing)
    }

    // MARK: Deciding

    /// The receiving coordinator's decision on a case taken in: listed for a
    /// meeting (`meeting`, else the next), noted without a hearing, or
    /// rejected; with a reason either way. Writes the acknowledgement for the
    /// sending MARAC (encrypted to its stored key) through `deliver`.
    public func decideTransfer(_ ref: String, _ decision: TransferDecision, reason text: String, meeting: Day? = nil,
                               deliver: (Data) throws -> Void) throws(CaseError) {
        let reason: String
        do throws(FieldError) { reason = try TransferAcknowledgement.reason(text) } catch { throw CaseError(error) }
        try write(.decideTransfer) { db, _ in
            let record = try ReferralLookup.record(db, ref: ref)
            guard let transfer = try CaseTransferStore.incoming(db, referralID: record.id) else {
                throw CaseError(.notFound, "\(ref) did not come from another MARAC")
            }
            try step(db, transfer, to: decision.state)
            switch decision {
            case .list:
                let screened = try statusChanges.screenIn(db, record)
                guard let day = try meeting ?? meetings.nextMeeting(db)?.heldOn else {
                    throw CaseError(.invalid, "\(ref) was not listed: no meeting is planned to list it on", hint: .planMeeting)
                }
                try listOnAgenda(db, on: day, screened)
            case .note:
                try statusChanges.decline(db, record, reason: "noted without a hearing (transferred from \(transfer.peer)): \(reason)")
            case .reject:
                try statusChanges.decline(db, record, reason: "transfer not taken (from \(transfer.peer)): \(reason)")
            }
            let now = clock.timestamp
            try CaseTransferStore.setDecision(db, id: transfer.id, decision: decision, reason: reason, actions: nil, by: actor, at: now)
            guard let keyText = try CaseTransferStore.peerKey(db, name: transfer.peer) else {
                throw CaseError(.invalid, field: "marac", "the sending MARAC is no longer on this MARAC's list; add its key again")
            }
            let receiver = try SettingStore.value(db, Settings.maracName) ?? ""
            let ack = TransferAcknowledgement(bundleID: transfer.bundleID, contentSHA256: transfer.contentSHA256, receivingMarac: receiver,
                                              decision: decision, reason: reason, decidedBy: actor.name, decidedAt: now)
            let signed = SignedTransferAcknowledgement(acknowledgement: ack,
                                                       signature: try maracSigningKey(db).signature(for: try TransferBundle.signedText(ack)))
            try step(db, transfer, from: decision.state, to: .done)
            try Audit.record(db, actor: actor, action: "transfer_decide", entity: "referral", entityID: record.id,
                             detail: "transfer=\(transfer.id) decision=\(decision.rawValue)")
            try deliver(try Age.encrypt(Data(try Self.json(signed).utf8), to: [.x25519(try Self.publicKey(keyText, field: "marac"))]))
        }
    }

    /// One state change of a transfer, asked of Core, written and audited.
    private func step(_ db: Database, _ transfer: TransferEntry, from: TransferState? = nil, to target: TransferState) throws {
        let current = from ?? transfer.state
        do { _ = try current.transition(to: target) } catch {
            throw CaseError(.invalid, "the transfer of \(transfer.ref): \(error.message)")
        }
        try CaseTransferStore.setState(db, id: transfer.id, to: target)
        try Audit.record(db, actor: actor, action: "status", entity: "transfer", entityID: transfer.id,
                         detail: "\(current.rawValue)->\(target.rawValue)")
    }

    // MARK: Acknowledgement

    /// Reads the receiving MARAC's acknowledgement of a case sent from here:
    /// the transfer goes to accepted or rejected (with its reason) and then
    /// done. When accepted, the case's open actions here are closed
    /// "transferred" or kept, as `actions` says (required then).
    @discardableResult
    public func acknowledgeTransfer(_ file: Data, actions: TransferActions?) throws(CaseError) -> TransferEntry {
        let outcome: Result<TransferEntry, TransferRefusal> = try write(.acknowledgeTransfer) { db, _ in
            let plain: Data
            do { plain = try Age.decrypt(file, identities: [try maracIdentity(db)]) } catch let error as AgeError {
                return try refusedAck(db, file, Self.refusal(error))
            }
            guard let signed = try? JSONDecoder().decode(SignedTransferAcknowledgement.self, from: plain) else {
                // Format 1 was the bare acknowledgement, unsigned: say so rather than "not an acknowledgement".
                if let old = try? JSONDecoder().decode(TransferAcknowledgement.self, from: plain) {
                    return try refusedAck(db, file, old.format > TransferAcknowledgement.currentFormat ? .newerFormat(old.format) : .olderFormat(old.format))
                }
                return try refusedAck(db, file, .notABundle)
            }
            let ack = signed.acknowledgement
            if ack.format > TransferAcknowledgement.currentFormat { return try refusedAck(db, file, .newerFormat(ack.format)) }
            if ack.format < TransferAcknowledgement.currentFormat { return try refusedAck(db, file, .olderFormat(ack.format)) }
            guard let transfer = try CaseTransferStore.find(db, direction: .out, bundleID: ack.bundleID) else {
                return try refusedAck(db, file, .notABundle)
            }
            // Signed by the MARAC the case was sent to, and no other.
            if let refusal = try signatureRefusal(db, peer: transfer.peer, signature: signed.signature,
                                                  message: try TransferBundle.signedText(ack)) {
                return try refusedAck(db, file, refusal)
            }
            // Only the receiving MARAC read the content's hash: an acknowledgement without it is not theirs.
            guard ack.contentSHA256 == transfer.contentSHA256 else { return try refusedAck(db, file, .altered) }
            guard transfer.state == .pending else { return try refusedAck(db, file, .replayed) }
            let state = ack.decision.state
            if state == .accepted, actions == nil {
                throw CaseError(.invalid, field: "actions", "\(transfer.ref) was accepted by \(transfer.peer): say whether its open actions here close (transferred) or stay open")
            }
            try step(db, transfer, to: state)
            let kept = state == .accepted ? actions ?? .keep : .keep
            if kept == .close {
                let record = try ReferralLookup.record(db, ref: transfer.ref)
                let ids = try CaseTransferStore.victimReferrals(db, victimID: record.victimID).map(\.id)
                for id in try CaseTransferStore.openActionIDs(db, referralIDs: ids) {
                    try close(db, action: id, as: .incomplete, text: "transferred to \(transfer.peer)")
                }
            }
            try CaseTransferStore.setDecision(db, id: transfer.id, decision: ack.decision, reason: ack.reason, actions: kept,
                                              by: Actor(ack.decidedBy), at: ack.decidedAt)
            try step(db, transfer, from: state, to: .done)
            try Audit.record(db, actor: actor, action: "transfer_ack", entity: "transfer", entityID: transfer.id,
                             detail: "decision=\(ack.decision.rawValue) actions=\(kept.rawValue)")
            guard let done = try CaseTransferStore.find(db, direction: .out, bundleID: ack.bundleID) else {
                throw CaseError(.storage, "the transfer just changed cannot be read back")
            }
            return .success(done)
        }
        switch outcome {
        case .success(let entry): return entry
        case .failure(let refusal): throw CaseError(.invalid, field: "file", refusal.acknowledgementDescription)
        }
    }

    private func refusedAck(_ db: Database, _ file: Data, _ refusal: TransferRefusal) throws -> Result<TransferEntry, TransferRefusal> {
        try Audit.record(db, actor: actor, action: "transfer_ack_refused", entity: "transfer", entityID: nil,
                         detail: "bytes=\(file.count) \(refusal.code)")
        return .failure(refusal)
    }

    // MARK: Lists

    /// Transfers in and out, newest first, a page at a time.
    public func transfers(before: Int64? = nil, limit: Int = 50) throws(CaseError) -> [TransferEntry] {
        try read(.viewTransfers) { db, _ in try CaseTransferStore.list(db, before: before, limit: limit) }
    }

    /// Transfers in and out per quarter of sending, for the quarters from `from` to `to`.
    public func transferFigures(from: Quarter, to: Quarter) throws(CaseError) -> [(quarter: Quarter, out: Int, in: Int)] {
        let months = try read(.viewTransfers) { db, _ in try CaseTransferStore.countsByMonth(db, from: from.first, to: to.last) }
        return Self.byQuarter(months, from: from, to: to)
    }

    /// The same for a figures period (`marac stats`, `marac report`): counts
    /// only, each quarter the period touches, counting transfers sent within
    /// the period. Read by whoever may have figures, since the document they
    /// go into protects them as it does the rest (`FiguresDocument`,
    /// suppressed unless the reader may see exact counts).
    public func transferFigures(_ period: FiguresPeriod) throws(CaseError) -> [(quarter: Quarter, out: Int, in: Int)] {
        let months = try read(.viewSuppressedFigures) { db, _ in try CaseTransferStore.countsByMonth(db, from: period.from, to: period.to) }
        return Self.byQuarter(months, from: Quarter(containing: period.from), to: Quarter(containing: period.to))
    }

    static func byQuarter(_ months: [(month: String, direction: String, count: Int)], from: Quarter, to: Quarter)
        -> [(quarter: Quarter, out: Int, in: Int)] {
        var quarter: Quarter? = from
        var rows: [(quarter: Quarter, out: Int, in: Int)] = []
        while let current = quarter, current <= to {
            let inside = months.filter { Day($0.month + "-01").map { Quarter(containing: $0) == current } ?? false }
            rows.append((current, inside.filter { $0.direction == "out" }.reduce(0) { $0 + $1.count },
                         inside.filter { $0.direction == "in" }.reduce(0) { $0 + $1.count }))
            quarter = current.adding(1)
        }
        return rows
    }

    /// The history a case brought from another MARAC, read-only; its reading is recorded.
    public func transferredHistory(_ ref: String) throws(CaseError) -> (transfer: TransferEntry, items: [TransferItem])? {
        try write(.viewHistory) { db, permit in
            let record = try inScope(db, permit, ref: ref)
            guard let transfer = try CaseTransferStore.incoming(db, referralID: record.id) else { return nil }
            try recordAccess(db, permit, referralIDs: [record.id], personIDs: [record.victimID] + (record.perpetratorID.map { [$0] } ?? []))
            var items: [TransferItem] = []
            var after: Int64 = 0
            while true {
                let page = try CaseTransferStore.records(db, transferID: transfer.id, after: after, limit: 500)
                guard let last = page.last else { break }
                items += page.map(\.item)
                after = last.id
            }
            return (transfer, items)
        }
    }
}
