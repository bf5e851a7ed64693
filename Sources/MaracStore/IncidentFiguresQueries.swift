import GRDB
import MaracCore

/// The exact figures of issue 23 for a period, each a grouped count by an
/// index range (`incident_by_occurred_on`, `referral_by_referred_on`,
/// `referral_abuse_type`), never a whole table read into memory.
package enum IncidentFiguresQueries {
    /// `repeatReferrals`: the period's repeat referrals when the caller has
    /// counted them already (the figures have): repeats at referral are then
    /// those less the ones made from an incident, not a second pass.
    package static func figures(_ db: Database, _ period: FiguresPeriod, repeatReferrals: Int? = nil) throws -> IncidentFigures {
        let range: StatementArguments = [period.from.description, period.to.description]
        let byType = try Row.fetchAll(db, sql: """
            SELECT t.type, n.agency, COUNT(*) AS n FROM incident n JOIN incident_abuse_type t ON t.incident_id = n.id
            WHERE n.occurred_on BETWEEN ? AND ? GROUP BY t.type, n.agency
            """, arguments: range).compactMap { row -> IncidentFigures.Count? in
            guard let type = AbuseType(rawValue: row["type"]) else { return nil }
            return IncidentFigures.Count(type: type, agency: row["agency"], count: row["n"])
        }.sorted { ($0.type, $0.agency) < ($1.type, $1.agency) }
        // Of the repeats found, those referred back (their rows read for `referred_as_id`).
        let referred = try Int.fetchOne(db, sql: """
            SELECT COUNT(referred_as_id) FROM incident WHERE occurred_on BETWEEN ? AND ? AND finding = 'repeat'
            """, arguments: range) ?? 0
        let atReferral: Int
        if let repeatReferrals {
            // From the incidents that led to a referral (CROSS JOIN keeps that order).
            let fromIncidents = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (SELECT DISTINCT referred_as_id AS id FROM incident WHERE referred_as_id IS NOT NULL) n
                CROSS JOIN referral r ON r.id = n.id
                WHERE r.referred_on BETWEEN ? AND ? AND r.is_repeat = 1
                """, arguments: range) ?? 0
            atReferral = repeatReferrals - fromIncidents
        } else {
            atReferral = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM referral r WHERE r.referred_on BETWEEN ? AND ? AND r.is_repeat = 1
                  AND NOT EXISTS (SELECT 1 FROM incident n WHERE n.referred_as_id = r.id)
                """, arguments: range) ?? 0
        }
        // Each incident once, by agency and finding: a covering range of
        // `incident_by_occurred_on`; the period's incidents and repeats found are its sums.
        let byAgency = try Row.fetchAll(db, sql: """
            SELECT agency, SUM(finding = 'repeat') AS repeats, SUM(finding <> 'repeat') AS others FROM incident
            WHERE occurred_on BETWEEN ? AND ? GROUP BY agency ORDER BY agency
            """, arguments: range).map { row in
            IncidentFigures.AgencyFindings(agency: row["agency"], repeats: row["repeats"], others: row["others"])
        }
        let now = try referralsByType(db, period)
        let before = try period.quarterBefore.map { try referralsByType(db, $0) }
        let typed = now.values.reduce(0, +)
        let changes = AbuseType.allCases.map { type in
            IncidentFigures.TypeChange(type: type, count: now[type] ?? 0, before: before.map { $0[type] ?? 0 },
                                       share: typed == 0 ? nil : Double(now[type] ?? 0) / Double(typed))
        }
        return IncidentFigures(incidents: byAgency.reduce(0) { $0 + $1.repeats + $1.others }, byTypeAndAgency: byType,
                               repeatsFromIncidents: byAgency.reduce(0) { $0 + $1.repeats }, referredBack: referred, repeatsAtReferral: atReferral, referralsByType: changes,
                               byAgency: byAgency)
    }

    /// Referrals by abuse type, by date referred: one seek per type into
    /// `referral_abuse_type_by_type`, each referral's date by its key.
    static func referralsByType(_ db: Database, _ period: FiguresPeriod) throws -> [AbuseType: Int] {
        var counts: [AbuseType: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT t.type, COUNT(*) AS n FROM referral_abuse_type t JOIN referral r ON r.id = t.referral_id
            WHERE r.referred_on BETWEEN ? AND ? GROUP BY t.type
            """, arguments: [period.from.description, period.to.description]) {
            if let type = AbuseType(rawValue: row["type"]) { counts[type] = row["n"] }
        }
        return counts
    }
}
