import Foundation
import GRDB
import MaracCore

/// Finding people: by any part of a name, an alias or a child's name
/// (case, accents and apostrophes ignored), a date of birth, or the start of
/// a postcode. Names come from the folded-name index (`person_search`,
/// migration v8), ranked exact, then prefix, then substring; never a scan.
public struct SearchService: Sendable {
    package init() {}


    /// How well a name matched, best first.
    package enum Rank: Int, Sendable, Comparable {
        case exact, prefix, substring
        package static func < (a: Rank, b: Rank) -> Bool { a.rawValue < b.rawValue }
    }

    /// Shortest query the trigram index can answer; shorter ones match the start of a name only.
    package static let trigram = 3

    /// People matching the query, among those with a referral in `scope`
    /// (a person outside it is not found, as if they did not exist).
    ///
    /// `scopeIDs`, when given, lists the in-scope referral ids from an index
    /// (an IDVA's own cases). When they are few, the search starts from them
    /// and their people's names, rather than from every name in the index
    /// that matches and then mostly out of scope (docs/benchmarks.md).
    package func people(_ db: Database, matching query: String, limit: Int = 50,
                        scope: (sql: String, arguments: StatementArguments) = ("1", []),
                        scopeIDs: (sql: String, arguments: StatementArguments)? = nil,
                        fewCases: Int = Self.fewCases, budget: Int = Self.candidateBudget) throws -> [SearchMatch] {
        let text = query.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, limit > 0 else { return [] }
        let inScope = "EXISTS (SELECT 1 FROM referral r WHERE (r.victim_id = p.id OR r.perpetrator_id = p.id) AND \(scope.sql))"
        // (person, alias name, child name) in rank order, each person once.
        var found: [(id: Int64, alias: String?, child: String?)] = []
        var seen = Set<Int64>()
        func keep(_ rows: [Row]) {
            for row in rows where found.count < limit {
                let id: Int64 = row["person_id"]
                if seen.insert(id).inserted { found.append((id, row["alias"], row["child"])) }
            }
        }
        if let day = Day(text) {
            keep(try Row.fetchAll(db, sql: """
                SELECT p.id AS person_id, NULL AS alias, NULL AS child FROM person p
                WHERE p.dob = ? AND \(inScope) ORDER BY p.name_key LIMIT ?
                """, arguments: [day.description] + scope.arguments + [limit]))
        } else {
            let key = NameFolding.fold(text)
            // A narrow scope with few cases: start from them (names and postcodes).
            let few = try scopeIDs.flatMap { ids in
                try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM (\(ids.sql) LIMIT ?)"),
                                 arguments: ids.arguments + [fewCases + 1]) ?? 0 <= fewCases ? ids : nil
            }
            // A narrow scope with many cases (an IDVA with thousands): the index
            // drives, each rank reads at most `budget` names and checks scope per
            // name, so a common fragment cannot read thousands of names out of
            // scope. Beyond the budget a name is found by typing more of it.
            let cap = scopeIDs != nil && few == nil ? budget : nil
            if !key.isEmpty, let ids = few {
                keep(try namesInCases(db, key, ids))
            } else {
                for rank in [Rank.exact, .prefix, .substring] where found.count < limit && !key.isEmpty {
                    keep(try names(db, key, rank, limit: limit, inScope: inScope, scope: scope.arguments, cap: cap))
                }
            }
            let compact = text.uppercased()
            if found.count < limit, compact.count >= 2, compact.first?.isLetter == true, compact.contains(where: \.isNumber), let ids = few {
                keep(try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT DISTINCT p.id AS person_id, NULL AS alias, NULL AS child
                    FROM (\(ids.sql)) k CROSS JOIN referral r CROSS JOIN person p
                    WHERE r.id = k.id AND (p.id = r.victim_id OR p.id = r.perpetrator_id)
                      AND p.postcode >= ? AND p.postcode < ? ORDER BY p.postcode LIMIT ?
                    """), arguments: ids.arguments + [compact, compact + "\u{10FFFF}", limit]))
            } else if found.count < limit, compact.count >= 2, compact.first?.isLetter == true, compact.contains(where: \.isNumber) {
                let from = cap.map { "(SELECT id FROM person WHERE postcode >= ? AND postcode < ? ORDER BY postcode LIMIT \($0)) q JOIN person p ON p.id = q.id" }
                    ?? "person p"
                let bounds: StatementArguments = [compact, compact + "\u{10FFFF}"]
                keep(try Row.fetchAll(db, sql: """
                    SELECT p.id AS person_id, NULL AS alias, NULL AS child FROM \(from)
                    WHERE p.postcode >= ? AND p.postcode < ? AND \(inScope) ORDER BY p.postcode LIMIT ?
                    """, arguments: (cap == nil ? [] : bounds) + bounds + scope.arguments + [limit]))
            }
        }
        return try found.map { hit in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT p.id, p.role, p.name, p.dob, p.postcode,
                       (SELECT COUNT(*) FROM referral r WHERE (r.victim_id = p.id OR r.perpetrator_id = p.id) AND \(scope.sql)) AS referrals
                FROM person p WHERE p.id = ?
                """), arguments: scope.arguments + [hit.id]) else { throw UnreadableRow(table: "person", id: hit.id, column: "id") }
            let r = RecordReader(row, table: "person")
            return SearchMatch(personID: hit.id, role: try r.code("role"), name: try r.value("name"), dob: try r.optionalDay("dob"),
                         postcode: try r.value("postcode"), alias: hit.alias, child: hit.child, referrals: try r.value("referrals"))
        }
    }

    /// Up to this many cases in scope, a search starts from them.
    package static let fewCases = 2_000

    /// Beyond `fewCases`, the most index names one rank reads for a narrow scope.
    package static let candidateBudget = 1_000

    /// The names of the people of the cases `ids` lists that match `key`,
    /// ranked as the index path ranks them (short keys: the start only).
    private func namesInCases(_ db: Database, _ key: String, _ ids: (sql: String, arguments: StatementArguments)) throws -> [Row] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT DISTINCT s.person_id, a.name AS alias, c.name AS child, s.folded
            FROM (\(ids.sql)) k JOIN referral r ON r.id = k.id
            JOIN person_search s ON s.person_id = r.victim_id OR s.person_id = r.perpetrator_id
            LEFT JOIN person_alias a ON a.id = s.alias_id LEFT JOIN child c ON c.id = s.child_id
            WHERE instr(s.folded, ?) > 0
            """), arguments: ids.arguments + [key])
        func rank(_ folded: String) -> Rank? {
            if folded == key { return .exact }
            if folded.hasPrefix(key) { return .prefix }
            return key.count >= Self.trigram ? .substring : nil
        }
        return rows.compactMap { row -> (Rank, String, Row)? in
            let folded: String = row["folded"]
            return rank(folded).map { ($0, folded, row) }
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    /// Index rows whose folded name matches `key` at one rank, in scope:
    /// exact and prefix from the b-tree on `folded`, substring from the
    /// trigram index (driven by the FTS table, so LIMIT stops it early).
    /// With `cap`, at most that many index names are read before the scope
    /// check (a subquery with its own LIMIT, which SQLite does not flatten).
    private func names(_ db: Database, _ key: String, _ rank: Rank, limit: Int, inScope: String,
                       scope: StatementArguments, cap: Int? = nil) throws -> [Row] {
        let upper = key + "\u{10FFFF}"
        let select = """
            SELECT s.person_id, a.name AS alias, c.name AS child
            FROM %@ JOIN person p ON p.id = s.person_id
            LEFT JOIN person_alias a ON a.id = s.alias_id LEFT JOIN child c ON c.id = s.child_id
            """
        let columns = "s.id, s.person_id, s.alias_id, s.child_id, s.folded"
        switch rank {
        case .exact:
            if let cap {
                return try Row.fetchAll(db.cachedStatement(sql: select.replacingOccurrences(
                    of: "%@", with: "(SELECT \(columns) FROM person_search s WHERE s.folded = ? LIMIT \(cap)) s") + """
                     WHERE \(inScope) LIMIT ?
                    """), arguments: [key] + scope + [limit])
            }
            return try Row.fetchAll(db.cachedStatement(sql: select.replacingOccurrences(of: "%@", with: "person_search s") + """
                 WHERE s.folded = ? AND \(inScope) LIMIT ?
                """), arguments: [key] + scope + [limit])
        case .prefix:
            if let cap {
                return try Row.fetchAll(db.cachedStatement(sql: select.replacingOccurrences(
                    of: "%@", with: "(SELECT \(columns) FROM person_search s WHERE s.folded > ? AND s.folded < ? ORDER BY s.folded LIMIT \(cap)) s") + """
                     WHERE \(inScope) ORDER BY s.folded LIMIT ?
                    """), arguments: [key, upper] + scope + [limit])
            }
            return try Row.fetchAll(db.cachedStatement(sql: select.replacingOccurrences(of: "%@", with: "person_search s") + """
                 WHERE s.folded > ? AND s.folded < ? AND \(inScope) ORDER BY s.folded LIMIT ?
                """), arguments: [key, upper] + scope + [limit])
        case .substring:
            guard key.count >= Self.trigram else { return [] }
            // A phrase of the folded text (it holds no quotes: folding drops them).
            if let cap {
                return try Row.fetchAll(db.cachedStatement(sql: select.replacingOccurrences(of: "%@", with: """
                    (SELECT \(columns) FROM person_search_text f JOIN person_search s ON s.id = f.rowid
                     WHERE person_search_text MATCH ? AND NOT (s.folded >= ? AND s.folded < ?) LIMIT \(cap)) s
                    """) + """
                     WHERE \(inScope) LIMIT ?
                    """), arguments: ["\"\(key)\"", key, upper] + scope + [limit])
            }
            return try Row.fetchAll(db.cachedStatement(sql: select.replacingOccurrences(
                of: "%@", with: "person_search_text f JOIN person_search s ON s.id = f.rowid") + """
                 WHERE person_search_text MATCH ? AND NOT (s.folded >= ? AND s.folded < ?) AND \(inScope) LIMIT ?
                """), arguments: ["\"\(key)\"", key, upper] + scope + [limit])
        }
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
