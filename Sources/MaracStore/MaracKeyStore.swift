import Foundation
import GRDB
import MaracCore

/// The MARAC's own age identity, kept in the database (so its protection is
/// the database file's: owner-only, and whatever the disk's encryption
/// gives), never printed or exported. The use-case layer makes it the first
/// time it is needed and reads it back. Inside the caller's transaction.
package enum MaracKeyStore {
    /// The stored secret key's text, or nil when none has been made yet.
    package static func storedSecret(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT secret_key FROM marac_key WHERE id = 1")
    }

    /// Writes the one identity (its row id is 1).
    package static func insert(_ db: Database, secretKey: String, publicKey: String, by actor: Actor, at timestamp: String) throws {
        try db.execute(sql: """
            INSERT INTO marac_key (id, secret_key, public_key, created_at, created_by) VALUES (1, ?, ?, ?, ?)
            """, arguments: [secretKey, publicKey, timestamp, actor.name])
    }

    /// The stored Ed25519 signing secret's text (v20), or nil when none has been made yet.
    package static func storedSigningSecret(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT signing_key FROM marac_key WHERE id = 1")
    }

    /// Keeps the signing secret beside the age key (the row exists: the age key is made first).
    package static func setSigningSecret(_ db: Database, _ text: String) throws {
        try db.execute(sql: "UPDATE marac_key SET signing_key = ? WHERE id = 1 AND signing_key IS NULL", arguments: [text])
    }
}
