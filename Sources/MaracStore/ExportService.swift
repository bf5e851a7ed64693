import Foundation
import GRDB
import MaracCore

/// Writes referrals in the import format, a page at a time, so an export of a
/// million referrals never holds them all in memory and re-imports unchanged.
public struct ExportService: Sendable {
    public let database: MaracDatabase

    public init(database: MaracDatabase) { self.database = database }

    /// Rows after `afterID` in id order, each in `ReferralInput.columns` order.
    public func page(afterID: Int64, limit: Int) throws -> (rows: [[String]], lastID: Int64?) {
        try database.pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.*, v.name AS v_name, v.dob AS v_dob, v.gender AS v_gender, v.ethnicity AS v_ethnicity,
                       v.disability AS v_disability, v.lgbt AS v_lgbt, v.postcode AS v_postcode,
                       p.name AS p_name, p.dob AS p_dob, p.gender AS p_gender,
                       (SELECT group_concat(a.name, ';') FROM person_alias a WHERE a.person_id = v.id) AS v_aliases,
                       (SELECT group_concat(c.name || '|' || COALESCE(c.dob, '') || '|' || COALESCE(c.lives_with, ''), '; ')
                        FROM child c WHERE c.referral_id = r.id) AS children
                FROM referral r JOIN person v ON v.id = r.victim_id LEFT JOIN person p ON p.id = r.perpetrator_id
                WHERE r.id > ? ORDER BY r.id LIMIT ?
                """, arguments: [afterID, limit])
            let out = try rows.map { row -> [String] in
                let r = RowReader(row, table: "referral")
                let hasChecklist = (try r["ric_score"] as Int?) != nil
                let values: [String: String?] = [
                    "referral_ref": (try r["ref"] as String?), "referred_on": (try r["referred_on"] as String?), "referring_agency": (try r["referring_agency"] as String?),
                    "second_agency": (try r["second_agency"] as String?), "victim_name": (try r["v_name"] as String?), "victim_dob": (try r["v_dob"] as String?),
                    "victim_gender": (try r["v_gender"] as String?), "victim_ethnicity": (try r["v_ethnicity"] as String?), "victim_disability": (try r["v_disability"] as String?),
                    "victim_lgbt": (try r["v_lgbt"] as String?), "victim_postcode": (try r["v_postcode"] as String?), "perpetrator_name": (try r["p_name"] as String?),
                    "perpetrator_dob": (try r["p_dob"] as String?), "perpetrator_gender": (try r["p_gender"] as String?),
                    "children_in_household": String(try r["children_in_household"] as Int),
                    "ric_version": hasChecklist ? (try r["ric_version"] as String?) : nil, "ric_answers": (try r["ric_answers"] as String?),
                    "ric_score": (try r["ric_score"] as Int?).map(String.init),
                    // repeat is derived again on import; the others are what the referrer claimed or the facts showed.
                    "criteria": (try r["criteria"] as String).split(separator: ";").filter { $0 != "repeat" }.joined(separator: ";"),
                    "professional_judgement_reason": (try r["professional_judgement_reason"] as String?),
                    "police_incidents_12m": (try r["police_incidents_12m"] as Int?).map(String.init),
                    "heard_on": (try r["heard_on"] as String?), "referrer": (try r["referrer"] as String?), "relationship": (try r["relationship"] as String?),
                    "consent": (try r["consent"] as String?), "consent_note": (try r["consent_note"] as String?),
                    "victim_aliases": (try r["v_aliases"] as String?), "children": (try r["children"] as String?),
                    "version": String(try r["version"] as Int),
                ]
                return ReferralInput.columns.map { (values[$0] ?? nil) ?? "" }
            }
            return (out, rows.last.map { $0["id"] })
        }
    }
}
