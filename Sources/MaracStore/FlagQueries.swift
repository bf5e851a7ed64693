import GRDB
import MaracCore

/// Flag-and-tag lists (issue 23): each victim's latest heard referral whose
/// hearing day falls in a range, found by the partial index on `heard_on`.
/// The caller applies the exact 12-month edge (`RepeatRule`) to the rows.
package enum FlagQueries {
    /// Victims whose latest hearing was on a day from `from` to `through`,
    /// within `scope` (none when `scope` is nil: the list of lapsed cases,
    /// which by definition are past an agency's agenda scope).
    package static func latestHeard(_ db: Database, from: Day, through: Day,
                                    scope: (sql: String, arguments: StatementArguments)?) throws -> [FlagList.Entry] {
        let condition = scope.map { " AND " + $0.sql } ?? ""
        return try Row.fetchAll(db, sql: """
            SELECT r.id, r.ref, r.victim_id, r.heard_on, p.name, p.dob
            FROM referral r INDEXED BY referral_by_heard_on JOIN person p ON p.id = r.victim_id
            WHERE r.heard_on >= ? AND r.heard_on <= ?\(condition)
              AND NOT EXISTS (SELECT 1 FROM referral l WHERE l.victim_id = r.victim_id AND l.heard_on IS NOT NULL
                              AND (l.heard_on > r.heard_on OR (l.heard_on = r.heard_on AND l.id > r.id)))
            ORDER BY r.heard_on, r.id
            """, arguments: [from.description, through.description] + (scope?.arguments ?? [])).map { row in
            let reader = RecordReader(row, table: "referral")
            return FlagList.Entry(ref: try reader.value("ref"), referralID: try reader.value("id"), victimID: try reader.value("victim_id"),
                                  victimName: try reader.value("name"), victimDOB: try reader.optionalDay("dob"), heardOn: try reader.day("heard_on"))
        }
    }
}
