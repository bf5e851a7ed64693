import Foundation
import GRDB
import MaracCore

/// Finding people: by the start of a name or alias, a date of birth, or the
/// start of a postcode. Each is an index range, a page at a time.
public struct SearchService: Sendable {
    package init() {}

    public struct Match: Sendable, Equatable {
        public var personID: Int64
        public var role: PersonRole
        public var name: String
        public var dob: Day?
        public var postcode: String?
        /// The alias that matched, when it was not the name.
        public var alias: String?
        public var referrals: Int
    }

    package func people(_ db: Database, matching query: String, limit: Int = 50) throws -> [Match] {
        let text = query.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return [] }
        do {
            let selection = """
                SELECT p.id, p.role, p.name, p.dob, p.postcode, %@ AS alias,
                       (SELECT COUNT(*) FROM referral r WHERE r.victim_id = p.id OR r.perpetrator_id = p.id) AS referrals
                FROM person p
                """
            var rows: [Row]
            if let day = Day(text) {
                rows = try Row.fetchAll(db, sql: String(format: selection, "NULL") + " WHERE p.dob = ? ORDER BY p.name_key LIMIT ?",
                                        arguments: [day.description, limit])
            } else {
                let key = IdentityKey.normalise(text)
                // Prefix range on the index: every key that starts with `key`.
                let upper = key + "\u{10FFFF}"
                rows = try Row.fetchAll(db, sql: String(format: selection, "NULL") + """
                     WHERE p.name_key >= ? AND p.name_key < ? ORDER BY p.name_key LIMIT ?
                    """, arguments: [key, upper, limit])
                rows += try Row.fetchAll(db, sql: String(format: selection, "a.name") + """
                     JOIN person_alias a ON a.person_id = p.id
                     WHERE a.name_key >= ? AND a.name_key < ? ORDER BY a.name_key LIMIT ?
                    """, arguments: [key, upper, limit])
                let compact = text.uppercased()
                if compact.count >= 2, compact.first?.isLetter == true, compact.contains(where: \.isNumber) {
                    rows += try Row.fetchAll(db, sql: String(format: selection, "NULL") + """
                         WHERE p.postcode >= ? AND p.postcode < ? ORDER BY p.postcode LIMIT ?
                        """, arguments: [compact, compact + "\u{10FFFF}", limit])
                }
            }
            var seen = Set<Int64>()
            return try rows.compactMap { row -> Match? in
                let r = RecordReader(row, table: "person")
                let id: Int64 = try r.value("id")
                guard seen.insert(id).inserted else { return nil }
                return Match(personID: id, role: try r.code("role"), name: try r.value("name"),
                             dob: try r.optionalDay("dob"), postcode: try r.value("postcode"), alias: try r.value("alias"),
                             referrals: try r.value("referrals"))
            }.prefix(limit).map { $0 }
        }
    }

    /// A person's cases, newest first, with open actions: as victim, or as
    /// perpetrator across every victim (so a serial perpetrator is seen).
    public struct PersonCase: Sendable, Equatable {
        public var summary: ReferralSummary
        public var perpetratorName: String?
        public var openActions: Int
    }

    package func cases(_ db: Database, ofPerson id: Int64, limit: Int = 100) throws -> [PersonCase] {
        do {
            return try Row.fetchAll(db, sql: """
                SELECT \(ReferralSummary.selection), pp.name AS perpetrator_name,
                       (SELECT COUNT(*) FROM action a WHERE a.referral_id = r.id AND a.status = 'open') AS open_actions
                FROM referral r JOIN person v ON v.id = r.victim_id LEFT JOIN person pp ON pp.id = r.perpetrator_id
                WHERE r.victim_id = ? OR r.perpetrator_id = ?
                ORDER BY r.referred_on DESC, r.id DESC LIMIT ?
                """, arguments: [id, id, limit]).map {
                let r = RecordReader($0, table: "referral")
                return PersonCase(summary: try ReferralSummary(row: $0), perpetratorName: try r.value("perpetrator_name"), openActions: try r.value("open_actions"))
            }
        }
    }
}
