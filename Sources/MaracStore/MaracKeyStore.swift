import Foundation
import GRDB
import MaracAge
import MaracCore

/// The MARAC's own age identity: made the first time it is needed, kept in
/// the database (so its protection is the database file's: owner-only, and
/// whatever the disk's encryption gives), never printed or exported. Files
/// written for the coordinator and returns from agencies are encrypted to its
/// public key.
package enum MaracKeyStore {
    /// The identity, made and stored now when there is none. Call inside a write.
    package static func identity(_ db: Database, by actor: Actor, at timestamp: String) throws -> AgeIdentity {
        if let existing = try stored(db) { return existing }
        let identity = AgeIdentity.generate()
        try db.execute(sql: """
            INSERT INTO marac_key (id, secret_key, public_key, created_at, created_by) VALUES (1, ?, ?, ?, ?)
            """, arguments: [identity.secretKeyText, identity.publicKey.description, timestamp, actor.name])
        // The public key only: the audit trail never holds the secret.
        try Audit.record(db, actor: actor, action: "create", entity: "marac_key", entityID: 1, detail: identity.publicKey.description)
        return identity
    }

    /// The stored identity, or nil when none has been made yet.
    package static func stored(_ db: Database) throws -> AgeIdentity? {
        guard let text = try String.fetchOne(db, sql: "SELECT secret_key FROM marac_key WHERE id = 1") else { return nil }
        do { return try AgeIdentity(parsing: text) } catch {
            throw CaseError(.storage, "the MARAC's stored key cannot be read; nothing was changed")
        }
    }
}
