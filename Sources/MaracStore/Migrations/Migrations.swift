import GRDB
import MaracCore

/// Schema changes are named migrations, applied in order, each in its own
/// transaction. They are append-only: a released migration is never edited,
/// so a database made by any earlier build upgrades to exactly the same
/// schema. `schema.sql` at the top of the repository is the reviewed copy of
/// what they produce together; SchemaTests fails if the two ever differ, and
/// upgrades a database filled under the first migration alone.
package enum Migrations {
    /// Names in order; the first is the first released schema.
    package static let names = [
        "v1: referrals, people, meetings, actions, audit",
        "v2: police reference on the referral",
        AuditChainSchema.name,
        "v4: people who use marac, keyworkers",
    ]

    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(names[0], migrate: initial)
        migrator.registerMigration(names[1], migrate: policeReference)
        migrator.registerMigration(names[2], migrate: AuditChainSchema.migrate)
        migrator.registerMigration(names[3], migrate: people)
        return migrator
    }
}
