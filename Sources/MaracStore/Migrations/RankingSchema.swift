import GRDB

/// v24 (issue 24): the serial count and the harm ranking read incidents as
/// well as referrals. Both ask, per perpetrator, for the victims and dates in
/// a window: one covering range of this index, as `referral_by_perpetrator`
/// gives for referrals, instead of a scan of every incident. It replaces
/// v22's index on the perpetrator alone (merges find incidents by it), which
/// it contains.
enum RankingSchema {
    static let name = "v24: incidents by perpetrator"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX incident_by_perpetrator;
            CREATE INDEX incident_by_perpetrator ON incident (perpetrator_id, occurred_on, victim_id) WHERE perpetrator_id IS NOT NULL;
            """)
    }
}
