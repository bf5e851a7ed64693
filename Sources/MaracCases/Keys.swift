internal import MaracStore
import Foundation
internal import GRDB
import MaracAge

/// The MARAC's own key and the agencies' keys.
extension Session {
    /// The MARAC's public key (`age1…`), made on first need. Agencies encrypt
    /// the files they send back to it; the secret key never leaves the database.
    public func maracPublicKey() throws(CaseError) -> String {
        try write(.viewMaracKey) { db, _ in try maracIdentity(db).publicKey.description }
    }

    /// Stores the age public key packs for an agency are encrypted to. The
    /// key must parse as an `age1…` X25519 public key.
    public func setAgencyKey(code: String, key text: String) throws(CaseError) {
        try write(.manageAgencyKeys) { db, _ in
            let key: AgePublicKey
            do { key = try AgePublicKey(parsing: text) } catch {
                throw CaseError(.invalid, field: "key", "not an age public key: expected age1 followed by 58 letters and digits, as age-keygen prints")
            }
            let agencies = AgencyService()
            guard try agencies.isKnown(db, code: code) else { throw noAgency }
            try agencies.setKey(db, code: code, key: key.description)
            try Audit.record(db, actor: actor, action: "set_key", entity: "agency", entityID: nil, detail: "\(code) \(key)")
        }
    }

    /// The MARAC's identity, made and stored now (with its audit row) when
    /// there is none. Call inside a write.
    func maracIdentity(_ db: Database) throws -> AgeIdentity {
        if let text = try MaracKeyStore.storedSecret(db) {
            do { return try AgeIdentity(parsing: text) } catch {
                throw CaseError(.storage, "the MARAC's stored key cannot be read; nothing was changed")
            }
        }
        let identity = AgeIdentity.generate()
        try MaracKeyStore.insert(db, secretKey: identity.secretKeyText, publicKey: identity.publicKey.description,
                                 by: actor, at: clock.timestamp)
        // The public key only: the audit trail never holds the secret.
        try Audit.record(db, actor: actor, action: "create", entity: "marac_key", entityID: 1, detail: identity.publicKey.description)
        return identity
    }

    /// An agency's stored key: nil when it has none; refused when there is no such agency.
    func agencyKey(_ db: Database, code: String) throws -> AgePublicKey? {
        guard let agency = try AgencyService().find(db, code: code) else { throw noAgency }
        guard let text = agency.ageRecipient else { return nil }
        do { return try AgePublicKey(parsing: text) } catch {
            throw CaseError(.storage, "agency \(code): its stored key cannot be read")
        }
    }

    private var noAgency: CaseError {
        CaseError(.invalid, field: "agency", "no such agency")
    }
}
