internal import MaracStore
import Foundation
internal import GRDB
import MaracAge

/// The MARAC's own key and the agencies' keys.
extension Session {
    /// The MARAC's public key (`age1…`), made on first need. Agencies encrypt
    /// the files they send back to it; the secret key never leaves the database.
    public func maracPublicKey() throws(CaseError) -> String {
        try write(.viewMaracKey) { db, _ in
            try MaracKeyStore.identity(db, by: actor, at: clock.timestamp).publicKey.description
        }
    }

    /// Stores the age public key packs for an agency are encrypted to.
    public func setAgencyKey(code: String, key: String) throws(CaseError) {
        try write(.manageAgencyKeys) { db, _ in try AgencyService().setKey(db, code: code, key: key, by: actor) }
    }
}
