import GRDB
import MaracCore

/// Reading one perpetrator: the person (followed to the record they were
/// merged into), the referrals naming them within a scope and the actions
/// on those referrals. Each returns what it found; the use case decides what
/// an empty answer means.
package enum PerpetratorPages {
    /// The perpetrator's record, or nil when there is no perpetrator with
    /// this id. A merged record reads as the one it was merged into.
    package static func person(_ db: Database, id: Int64) throws -> PersonRecord? {
        try PersonRecord.fetchOne(db, sql: """
            SELECT p.* FROM person p
            WHERE p.id = (SELECT COALESCE(merged_into, id) FROM person WHERE id = ? AND role = 'perpetrator')
            """, arguments: [id])
    }

    /// Newest first: `referral_by_perpetrator` gives them in date order.
    package static func referrals(_ db: Database, perpetratorID: Int64, limit: Int,
                                  scope: (sql: String, arguments: StatementArguments)) throws -> [ReferralSummary] {
        try ReferralSummary.fetchAll(db, sql: """
            SELECT \(ReferralSummary.selection) FROM referral r JOIN person v ON v.id = r.victim_id
            WHERE r.perpetrator_id = ? AND \(scope.sql)
            ORDER BY r.referred_on DESC, r.id DESC LIMIT ?
            """, arguments: [perpetratorID] + scope.arguments + [limit])
    }

    /// The actions agreed on these referrals, earliest due first.
    package static func actions(_ db: Database, referralIDs: [Int64], limit: Int) throws -> [ActionRecord] {
        guard !referralIDs.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: referralIDs.count).joined(separator: ", ")
        return try ActionRecord.fetchAll(db, sql: """
            SELECT \(ActionRecord.selection) FROM action a \(ActionRecord.joins)
            WHERE a.referral_id IN (\(marks)) ORDER BY a.due_on, a.id LIMIT ?
            """, arguments: StatementArguments(referralIDs) + [limit])
    }
}
