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

    /// People matching the query, among those with a referral in `scope`
    /// (a person outside it is not found, as if they did not exist).
    package func people(_ db: Database, matching query: String, limit: Int = 50,
                        scope: (sql: String, arguments: StatementArguments) = ("1", [])) throws -> [Match] {
        let text = query.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return [] }
        do {
            let inScope = "(r.victim_id = p.id OR r.perpetrator_id = p.id) AND \(scope.sql)"
            func select(alias: String, from: String, condition: String, order: String, _ arguments: StatementArguments) throws -> [Row] {
                try Row.fetchAll(db, sql: """
                    SELECT p.id, p.role, p.name, p.dob, p.postcode, \(alias) AS alias,
                           (SELECT COUNT(*) FROM referral r WHERE \(inScope)) AS referrals
                    FROM person p \(from)
                    WHERE \(condition) AND EXISTS (SELECT 1 FROM referral r WHERE \(inScope))
                    ORDER BY \(order) LIMIT ?
                    """, arguments: scope.arguments + arguments + scope.arguments + [limit])
            }
            var rows: [Row]
            if let day = Day(text) {
                rows = try select(alias: "NULL", from: "", condition: "p.dob = ?", order: "p.name_key", [day.description])
            } else {
                let key = IdentityKey.normalise(text)
                // Prefix range on the index: every key that starts with `key`.
                let upper = key + "\u{10FFFF}"
                rows = try select(alias: "NULL", from: "", condition: "p.name_key >= ? AND p.name_key < ?", order: "p.name_key", [key, upper])
                rows += try select(alias: "a.name", from: "JOIN person_alias a ON a.person_id = p.id",
                                   condition: "a.name_key >= ? AND a.name_key < ?", order: "a.name_key", [key, upper])
                let compact = text.uppercased()
                if compact.count >= 2, compact.first?.isLetter == true, compact.contains(where: \.isNumber) {
                    rows += try select(alias: "NULL", from: "", condition: "p.postcode >= ? AND p.postcode < ?", order: "p.postcode",
                                       [compact, compact + "\u{10FFFF}"])
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

    package func cases(_ db: Database, ofPerson id: Int64, limit: Int = 100,
                       scope: (sql: String, arguments: StatementArguments) = ("1", [])) throws -> [PersonCase] {
        do {
            return try Row.fetchAll(db, sql: """
                SELECT \(ReferralSummary.selection), pp.name AS perpetrator_name,
                       (SELECT COUNT(*) FROM action a WHERE a.referral_id = r.id AND a.status = 'open') AS open_actions
                FROM referral r JOIN person v ON v.id = r.victim_id LEFT JOIN person pp ON pp.id = r.perpetrator_id
                WHERE (r.victim_id = ? OR r.perpetrator_id = ?) AND \(scope.sql)
                ORDER BY r.referred_on DESC, r.id DESC LIMIT ?
                """, arguments: [id, id] + scope.arguments + [limit]).map {
                let r = RecordReader($0, table: "referral")
                return PersonCase(summary: try ReferralSummary(row: $0), perpetratorName: try r.value("perpetrator_name"), openActions: try r.value("open_actions"))
            }
        }
    }
}
