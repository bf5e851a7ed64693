import GRDB

/// v20 (issue 25): a transferred history is read-only with one exception,
/// the same one `change_history` has: purge may replace a record's fields
/// with `purgedFields`, and nothing else, so a purged identity does not live
/// on in the history a case brought from another MARAC. Every other update
/// (another value, another column) and every delete is still refused.
///
/// The same migration (one per change set) adds the transfers' signing keys:
/// this MARAC's Ed25519 secret beside its age key in `marac_key` (made when
/// first needed, like the age key), and each peer's signing public key, so
/// a bundle or acknowledgement is taken only from the MARAC it names.
enum TransferPurgeSchema {
    static let name = "v20: transfer records purgeable"

    /// What purge leaves of a transferred record's fields; the one value the
    /// trigger lets an update write.
    static let purgedFields = #"{"purged":"[purged]"}"#

    static let sql = """
        DROP TRIGGER transfer_record_no_update;
        CREATE TRIGGER transfer_record_no_update BEFORE UPDATE ON transfer_record
        WHEN new.id IS NOT old.id OR new.transfer_id IS NOT old.transfer_id OR new.kind IS NOT old.kind
          OR new.referral_ref IS NOT old.referral_ref OR new.fields IS NOT '\(purgedFields)'
        BEGIN SELECT RAISE(ABORT, 'a transferred history is read-only'); END;
        ALTER TABLE marac_key ADD COLUMN signing_key TEXT;
        ALTER TABLE marac_peer ADD COLUMN signing_key TEXT;
        """

    static func migrate(_ db: Database) throws {
        try db.execute(sql: sql)
    }
}
