import Foundation
import GRDB
import MaracCore

/// Writes referrals in the import format, a page at a time, so an export of a
/// million referrals never holds them all in memory and re-imports unchanged.
public struct ExportService: Sendable {
    package init() {}

    /// Rows after `afterID` in id order, each in `ReferralInput.columns` order.
    package func page(_ db: Database, afterID: Int64, limit: Int) throws -> (rows: [[String]], lastID: Int64?) {
        do {
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
            let out = rows.map { row -> [String] in
                let hasChecklist = (row["ric_score"] as Int?) != nil
                var values: [String: String?] = [
                    "referral_ref": row["ref"], "referred_on": row["referred_on"], "referring_agency": row["referring_agency"],
                    "second_agency": row["second_agency"], "victim_name": row["v_name"], "victim_dob": row["v_dob"],
                    "victim_gender": row["v_gender"], "victim_ethnicity": row["v_ethnicity"], "victim_disability": row["v_disability"],
                    "victim_lgbt": row["v_lgbt"], "victim_postcode": row["v_postcode"], "perpetrator_name": row["p_name"],
                    "perpetrator_dob": row["p_dob"], "perpetrator_gender": row["p_gender"],
                    "children_in_household": String(row["children_in_household"] as Int),
                    "ric_version": hasChecklist ? row["ric_version"] : nil, "ric_answers": row["ric_answers"],
                    "ric_score": (row["ric_score"] as Int?).map(String.init),
                    // repeat is derived again on import; the others are what the referrer claimed or the facts showed.
                    "criteria": (row["criteria"] as String).split(separator: ";").filter { $0 != "repeat" }.joined(separator: ";"),
                    "professional_judgement_reason": row["professional_judgement_reason"],
                    "police_incidents_12m": (row["police_incidents_12m"] as Int?).map(String.init),
                    "heard_on": row["heard_on"], "referrer": row["referrer"], "relationship": row["relationship"],
                    "consent": row["consent"], "consent_note": row["consent_note"],
                    "victim_aliases": row["v_aliases"], "children": row["children"],
                ]
                for field in ReferralField.plain { values[field.column] = row[field.column] as String? }
                return ReferralInput.columns.map { (values[$0] ?? nil) ?? "" }
            }
            return (out, rows.last.map { $0["id"] })
        }
    }
}
