import GRDB
import MaracCore

/// A referral's status changes as written: the new status (with the row's
/// version and who changed it), a decline's reason, and the lapse's reads and
/// writes. Which change is legal is Core's (`ReferralStatus.transition`) and
/// the use-case layer's to ask; this only writes, inside the caller's transaction.
package enum ReferralLifecycle {
    /// Writes referral `id`'s new status.
    package static func setStatus(_ db: Database, referralID: Int64, to status: ReferralStatus, at now: String, by login: String) throws {
        try db.cachedStatement(sql: """
            UPDATE referral SET status = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?
            """).execute(arguments: [status.rawValue, now, login, referralID])
    }

    /// Keeps the reason a referral was declined (nil: a decline reversed; the history keeps it).
    package static func setDeclineReason(_ db: Database, referralID: Int64, _ reason: String?) throws {
        try db.execute(sql: "UPDATE referral SET decline_reason = ? WHERE id = ?", arguments: [reason, referralID])
    }

    /// Cases with `status` whose victim has had no referral since `cutoff`
    /// (referred before it, and no later referral on or after it), after
    /// `cursor` (the last referred_on and id done), at most `limit`, in
    /// (referred_on, id) order. Walks `referral_by_status` in (status,
    /// referred_on, id) order, so no batch sorts or holds more than its own
    /// rows, and a case not due is passed once, never read again. (The cursor
    /// is a range on referred_on and a filter on id: written as
    /// `a > ? OR (a = ? AND id > ?)` SQLite plans a multi-index OR and sorts
    /// every candidate in a temporary B-tree for each batch, which made a
    /// batch of 2,000 take over a second at 1M.)
    package static func lapseCandidates(_ db: Database, status: ReferralStatus, cutoff: Day,
                                        after cursor: (referredOn: String, id: Int64), limit: Int) throws -> [(id: Int64, referredOn: String)] {
        let cutoff = cutoff.description
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT r.id, r.referred_on, r.ref FROM referral r INDEXED BY referral_by_status
            WHERE r.status = ? AND r.referred_on < ?
              AND r.referred_on >= ? AND NOT (r.referred_on = ? AND r.id <= ?)
              AND NOT EXISTS (SELECT 1 FROM referral later
                              WHERE later.victim_id = r.victim_id AND later.referred_on >= ?)
            ORDER BY r.referred_on, r.id LIMIT ?
            """), arguments: [status.rawValue, cutoff, cursor.referredOn, cursor.referredOn, cursor.id, cutoff, limit])
        return rows.map { (id: $0[0], referredOn: $0[1]) }
    }

    /// Marks the cases `ids` lapsed if they still have status `from`, in one
    /// statement (ids as a JSON array); returns how many changed.
    package static func markLapsed(_ db: Database, _ ids: [Int64], from status: ReferralStatus, at now: String, by login: String) throws -> Int {
        try db.cachedStatement(sql: """
            UPDATE referral SET status = ?, version = version + 1, updated_at = ?, updated_by = ?
            WHERE id IN (SELECT value FROM json_each(?)) AND status = ?
            """).execute(arguments: [ReferralStatus.lapsed.rawValue, now, login,
                                     "[" + ids.map(String.init).joined(separator: ",") + "]", status.rawValue])
        return db.changesCount
    }
}
