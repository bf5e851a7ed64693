internal import MaracStore
import Foundation
internal import GRDB
import MaracAge
import MaracCore

/// Who wrote a transfer (issue 25): age encrypts a bundle to the receiving
/// MARAC but does not say who made it, so each MARAC signs what it sends
/// (the manifest, the acknowledgement) with its Ed25519 key, kept in the
/// database beside its age key, and checks what it receives against the
/// signing key it recorded for the MARAC the file names.
extension Session {
    /// This MARAC's signing public key, for the other MARACs to record
    /// (`marac key show --signing`). Made the first time it is needed.
    public func maracSigningPublicKey() throws(CaseError) -> String {
        try write(.viewMaracKey) { db, _ in try maracSigningKey(db).publicKey.description }
    }

    /// The MARAC's signing key: made (and recorded, public half only) the first time.
    func maracSigningKey(_ db: Database) throws -> SigningKey {
        _ = try maracIdentity(db)
        if let text = try MaracKeyStore.storedSigningSecret(db) {
            do { return try SigningKey(parsing: text) } catch {
                throw CaseError(.storage, "the MARAC's stored signing key cannot be read; nothing was changed")
            }
        }
        let key = SigningKey.generate()
        try MaracKeyStore.setSigningSecret(db, key.secretKeyText)
        // The public key only: the audit trail never holds the secret.
        try Audit.record(db, actor: actor, action: "create", entity: "marac_signing_key", entityID: 1, detail: key.publicKey.description)
        return key
    }

    static func signingPublicKey(_ text: String, field: String) throws(CaseError) -> SigningPublicKey {
        do { return try SigningPublicKey(parsing: text.trimmingCharacters(in: .whitespaces)) } catch {
            throw CaseError(.invalid, field: field, "not a signing key: expected ed25519: followed by 44 base64 characters, as `marac key show --signing` prints")
        }
    }

    /// Why `signature` over `message` is not the named MARAC's, or nil when it is.
    func signatureRefusal(_ db: Database, peer: String, signature: String?, message: Data) throws -> TransferRefusal? {
        guard let signature else { return .unsigned }
        guard try CaseTransferStore.peerKey(db, name: peer) != nil else { return .unknownSender }
        guard let text = try CaseTransferStore.peerSigningKey(db, name: peer),
              let key = try? SigningPublicKey(parsing: text) else { return .noSigningKey }
        return key.isValidSignature(signature, for: message) ? nil : .badSignature
    }
}
