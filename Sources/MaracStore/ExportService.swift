import Foundation
import GRDB
import MaracCore

/// Writes referrals in the import format, a page at a time, so an export of a
/// million referrals never holds them all in memory and re-imports unchanged.
public struct ExportService: Sendable {
    package init() {}

    /// Rows after `afterID` in id order, each in `ReferralInput.columns` order.
    package func page(_ db: Database, afterID: Int64, limit: Int) throws -> (rows: [[String]], ids: [Int64], lastID: Int64?) {
        do {
            let rows = try Row.fetchAll(db, sql: Self.select + """
                WHERE r.id > ? ORDER BY r.id LIMIT ?
                """, arguments: [afterID, limit])
            let out = try rows.map(Self.columns)
            let ids = try rows.map { try RecordReader($0, table: "referral").value("id") as Int64 }
            return (out, ids, ids.last)
        }
    }

    /// The referral with its people, aliases and children, as the export reads it (a WHERE follows).
    package static let select = """
                SELECT r.*, v.name AS v_name, v.dob AS v_dob, v.gender AS v_gender, v.ethnicity AS v_ethnicity,
                       v.disability AS v_disability, v.lgbt AS v_lgbt, v.postcode AS v_postcode,
                       p.name AS p_name, p.dob AS p_dob, p.gender AS p_gender,
                       (SELECT group_concat(a.name, ';') FROM person_alias a WHERE a.person_id = v.id) AS v_aliases,
                       (SELECT group_concat(c.name || '|' || COALESCE(c.dob, '') || '|' || COALESCE(c.lives_with, ''), '; ')
                        FROM child c WHERE c.referral_id = r.id) AS children
                FROM referral r JOIN person v ON v.id = r.victim_id LEFT JOIN person p ON p.id = r.perpetrator_id

                """

    /// One row of `select` in `ReferralInput.columns` order.
    package static func columns(_ row: Row) throws -> [String] {
        // Every value read strictly: a damaged row is an error naming its id, never a crash.
        let r = RecordReader(row, table: "referral")
        func text(_ column: String) throws -> String? { try r.value(column) as String? }
        func number(_ column: String) throws -> String? { (try r.value(column) as Int?).map(String.init) }
        let hasChecklist = try number("ric_score") != nil
        var values: [String: String?] = [
            "referral_ref": try text("ref"), "referred_on": try text("referred_on"), "referring_agency": try text("referring_agency"),
            "second_agency": try text("second_agency"), "victim_name": try text("v_name"), "victim_dob": try text("v_dob"),
            "victim_gender": try text("v_gender"), "victim_ethnicity": try text("v_ethnicity"), "victim_disability": try text("v_disability"),
            "victim_lgbt": try text("v_lgbt"), "victim_postcode": try text("v_postcode"), "perpetrator_name": try text("p_name"),
            "perpetrator_dob": try text("p_dob"), "perpetrator_gender": try text("p_gender"),
            "children_in_household": try number("children_in_household"),
            "ric_version": hasChecklist ? try text("ric_version") : nil, "ric_answers": try text("ric_answers"),
            "ric_score": try number("ric_score"),
            // repeat is derived again on import; the others are what the referrer claimed or the facts showed.
            "criteria": try r.criteria("criteria").filter { $0 != .repeat }.map(\.rawValue).joined(separator: ";"),
            "professional_judgement_reason": try text("professional_judgement_reason"),
            "police_incidents_12m": try number("police_incidents_12m"),
            "heard_on": try text("heard_on"), "referrer": try text("referrer"), "relationship": try text("relationship"),
            "consent": try text("consent"), "consent_note": try text("consent_note"),
            "sharing_reason": try text("sharing_reason"), "lawful_basis": try text("lawful_basis"),
            "consent_decided_by": try text("consent_decided_by"), "consent_decided_at": try text("consent_decided_at"),
            "victim_aliases": try text("v_aliases"), "children": try text("children"),
            "version": try number("version"),
        ]
        for field in ReferralField.plain { values[field.column] = try text(field.column) }
        return ReferralInput.columns.map { (values[$0] ?? nil) ?? "" }
    }
}
