import GRDB

extension Migrations {
    /// The police incident or crime reference (a plain field of the field table).
    static func policeReference(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE referral ADD COLUMN police_reference TEXT")
    }
}
