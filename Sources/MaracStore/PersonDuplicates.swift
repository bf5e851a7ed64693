import GRDB
import MaracCore

/// Every pair of people who may be one (issue 20), found in two ordered
/// passes over indexes, holding one group of people in memory at a time,
/// never every name: the people born on one day (`person_by_role_dob`:
/// similar, swapped and alias names), then the people of one folded name
/// (`person_by_identity`: dates of birth a typo apart). Core's `NearMatch`
/// decides each pair; merged-away people and dismissed pairs are left out.
package enum PersonDuplicates {
    /// With `newerThan` (an import's first new id less one) only the groups
    /// a new person is in are read, and only pairs with a new person reported:
    /// each group once, however many new people it gained.
    package static func scan(_ db: Database, newerThan: Int64 = 0, _ emit: (DuplicatePair) throws -> Void) throws {
        try sameDay(db, newerThan, emit)
        try sameName(db, newerThan, emit)
    }

    private static func sameDay(_ db: Database, _ newerThan: Int64, _ emit: (DuplicatePair) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.role, p.dob, p.id, p.name_key,
                   (SELECT group_concat(a.name_key, char(31)) FROM person_alias a WHERE a.person_id = p.id)
            FROM person p INDEXED BY person_by_role_dob
            WHERE p.dob IS NOT NULL AND p.merged_into IS NULL AND p.name_key <> ''
            \(newerThan > 0 ? "AND (p.role, p.dob) IN (SELECT role, dob FROM person WHERE id > ? AND dob IS NOT NULL)" : "")
            ORDER BY p.role, p.dob
            """, arguments: newerThan > 0 ? [newerThan] : [])
        try runs(rows, member: { row -> (Int64, NearMatch.Identity)? in
            let aliases = (row[4] as String?).map { $0.split(separator: "\u{1F}").map(String.init) } ?? []
            return (row[2], NearMatch.Identity(nameKey: row[3], dob: Day(row[1] as String), aliasKeys: aliases))
        }) { role, group in
            for (i, j) in NearMatch.pairsToCompare(group.map(\.1)) {
                if max(group[i].0, group[j].0) > newerThan, let reason = NearMatch.reason(group[i].1, group[j].1) {
                    try report(db, DuplicatePair(group[i].0, group[j].0, role: role, reason: reason), emit)
                }
            }
        }
    }

    private static func sameName(_ db: Database, _ newerThan: Int64, _ emit: (DuplicatePair) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.role, p.name_key, p.id, p.dob FROM person p INDEXED BY person_by_identity
            WHERE p.dob IS NOT NULL AND p.merged_into IS NULL AND p.name_key <> ''
            \(newerThan > 0 ? "AND (p.role, p.name_key) IN (SELECT role, name_key FROM person WHERE id > ? AND dob IS NOT NULL)" : "")
            ORDER BY p.role, p.name_key, p.dob
            """, arguments: newerThan > 0 ? [newerThan] : [])
        try runs(rows, member: { row -> (Int64, Day)? in Day(row[3] as String).map { (row[2], $0) } }) { role, group in
            for i in group.indices {
                for j in group.index(after: i)..<group.endIndex where max(group[i].0, group[j].0) > newerThan && NearMatch.isTypo(group[i].1, group[j].1) {
                    try report(db, DuplicatePair(group[i].0, group[j].0, role: role, reason: .dobTypo), emit)
                }
            }
        }
    }

    /// Hands each run of rows with the same first two columns (role, then
    /// the day or the name) to `group`, holding one run in memory at a time.
    private static func runs<Member>(_ rows: RowCursor, member: (Row) -> Member?,
                                     _ group: (PersonRole, [Member]) throws -> Void) throws {
        var members: [Member] = []
        var current: [String]?
        func flush() throws {
            if let current, members.count > 1, let role = PersonRole(rawValue: current[0]) { try group(role, members) }
        }
        while let row = try rows.next() {
            let key = [row[0] as String, row[1] as String]
            if key != current {
                try flush()
                members.removeAll(keepingCapacity: true)
                current = key
            }
            if let item = member(row) { members.append(item) }
        }
        try flush()
    }

    private static func report(_ db: Database, _ pair: DuplicatePair, _ emit: (DuplicatePair) throws -> Void) throws {
        if try !PersonMerges.isDismissed(db, pair.first, pair.second) { try emit(pair) }
    }
}
