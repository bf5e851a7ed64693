import Foundation
import MaracCore
import MaracDocuments

/// Issue 23's figures in `stats`: exact only for now (the controlled,
/// suppressed version needs these tables in the disclosure network).
enum IncidentFiguresText {
    static func json(_ f: IncidentFigures) -> [(String, JSON)] {
        [
            ("incidents", .object([
                ("total", .int(f.incidents)),
                ("by_type_and_agency", .array(f.byTypeAndAgency.map { c in
                    .object([("type", .string(c.type.rawValue)), ("agency", .string(c.agency)), ("count", .int(c.count))])
                })),
                ("repeats_found_from_incidents", .int(f.repeatsFromIncidents)),
                ("referred_back", .int(f.referredBack)),
                ("repeats_found_at_referral", .int(f.repeatsAtReferral)),
            ])),
            ("referrals_by_abuse_type", .array(f.referralsByType.map { t in
                .object([("type", .string(t.type.rawValue)), ("count", .int(t.count)), ("share", .optional(IncidentFigures.rate(t.share))),
                         ("previous_quarter", .optional(t.before)), ("change", .optional(IncidentFigures.rate(t.change)))])
            })),
        ]
    }

    /// Appended to the document's object.
    static func merged(_ document: JSON, _ f: IncidentFigures) -> JSON {
        guard case .object(let fields) = document else { return document }
        return .object(fields + json(f))
    }

    static func table(_ f: IncidentFigures) -> String {
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "" }
        var out = "\nIncidents between meetings: \(f.incidents); repeats found from incidents \(f.repeatsFromIncidents) (referred back \(f.referredBack)); repeats found at referral \(f.repeatsAtReferral)\n"
        if !f.byTypeAndAgency.isEmpty {
            out += Table(columns: ["incident type", "agency", "count"], rows: f.byTypeAndAgency.map { [$0.type.words, $0.agency, String($0.count)] })
                .render(format: .table)
        }
        out += "\nReferrals by abuse type\n"
        out += Table(columns: ["type", "count", "share", "previous quarter", "change"], rows: f.referralsByType.map { t in
            [t.type.words, String(t.count), percent(t.share), t.before.map(String.init) ?? "", percent(t.change)]
        }).render(format: .table)
        return out
    }
}
