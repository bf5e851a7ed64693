import GRDB
import MaracCore

/// The repeat flag (`is_repeat` and the `repeat` criterion) of a victim's
/// referrals, worked out again by Core's `RepeatRule` whenever one of them is
/// added or replaced. Runs inside the caller's transaction.
package enum ReferralRepeats {
    /// Works out the repeat flag of every referral of one victim, in date
    /// order, so referrals loaded out of order still come out right; writes
    /// only the rows whose flag or criteria change.
    package static func recompute(_ db: Database, victimID: Int64) throws {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT r.id, r.referred_on, r.perpetrator_id, r.is_repeat, r.criteria,
                   EXISTS (SELECT 1 FROM incident n WHERE n.referred_as_id = r.id AND n.finding = 'repeat') AS from_repeat_incident
            FROM referral r WHERE r.victim_id = ? ORDER BY r.referred_on, r.id
            """), arguments: [victimID])
        var priors: [RepeatRule.Prior] = []
        for row in rows {
            let reader = RecordReader(row, table: "referral")
            let day = try reader.day("referred_on")
            // People are deduplicated by identity, so the same perpetrator is the same row.
            let perpetrator = (try reader.value("perpetrator_id") as Int64?).map { IdentityKey(name: "#\($0)", dob: nil) }
            // A referral made from a repeat incident (issue 23) is a repeat whatever
            // its own date: the rule was applied to the incident when it was logged.
            let fromIncident: Bool = try reader.value("from_repeat_incident")
            let isRepeat = fromIncident || RepeatRule.isRepeat(referredOn: day, perpetrator: perpetrator, priors: priors)
            var criteria = Set(try reader.criteria("criteria"))
            if isRepeat { criteria.insert(.repeat) } else { criteria.remove(.repeat) }
            let text = ReferralRecord.criteriaText(criteria)
            let storedRepeat: Bool = try reader.value("is_repeat")
            let storedCriteria: String = try reader.value("criteria")
            if isRepeat != storedRepeat || text != storedCriteria {
                try db.cachedStatement(sql: "UPDATE referral SET is_repeat = ?, criteria = ? WHERE id = ?")
                    .execute(arguments: [isRepeat, text, try reader.value("id") as Int64])
            }
            priors.append(.init(referredOn: day, perpetrator: perpetrator))
        }
    }
}
