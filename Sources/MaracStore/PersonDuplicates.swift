import GRDB
import MaracCore

/// Every pair of people who may be one (issue 20), found in two ordered
/// passes over indexes, holding one group of people in memory at a time,
/// never every name: the people born on one day (`person_by_role_dob`:
/// similar, swapped and alias names), then the people of one folded name
/// (`person_by_identity`: dates of birth a typo apart). Core's `NearMatch`
/// decides each pair; merged-away people and dismissed pairs are left out.
package enum PersonDuplicates {
    package static func scan(_ db: Database, _ emit: (DuplicatePair) throws -> Void) throws {
        try sameDay(db, emit)
        try sameName(db, emit)
    }

    private struct Member {
        let id: Int64
        let identity: NearMatch.Identity
    }

    private static func sameDay(_ db: Database, _ emit: (DuplicatePair) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.role, p.dob, p.id, p.name_key,
                   (SELECT group_concat(a.name_key, char(31)) FROM person_alias a WHERE a.person_id = p.id)
            FROM person p INDEXED BY person_by_role_dob
            WHERE p.dob IS NOT NULL AND p.merged_into IS NULL AND p.name_key <> ''
            ORDER BY p.role, p.dob
            """)
        var group: [Member] = []
        var groupKey: (String, String)?
        func flush() throws {
            guard let key = groupKey, group.count > 1, let role = PersonRole(rawValue: key.0) else { return }
            for i in group.indices {
                for j in group.index(after: i)..<group.endIndex {
                    if let reason = NearMatch.reason(group[i].identity, group[j].identity) {
                        try report(db, DuplicatePair(group[i].id, group[j].id, role: role, reason: reason), emit)
                    }
                }
            }
        }
        while let row = try rows.next() {
            let key = (row[0] as String, row[1] as String)
            if groupKey.map({ $0 != key }) ?? true {
                try flush()
                group.removeAll(keepingCapacity: true)
                groupKey = key
            }
            let aliases = (row[4] as String?).map { $0.split(separator: "\u{1F}").map(String.init) } ?? []
            group.append(Member(id: row[2], identity: .init(nameKey: row[3], dob: Day(key.1), aliasKeys: aliases)))
        }
        try flush()
    }

    private static func sameName(_ db: Database, _ emit: (DuplicatePair) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.role, p.name_key, p.dob, p.id FROM person p INDEXED BY person_by_identity
            WHERE p.dob IS NOT NULL AND p.merged_into IS NULL AND p.name_key <> ''
            ORDER BY p.role, p.name_key, p.dob
            """)
        var group: [(id: Int64, dob: Day)] = []
        var groupKey: (String, String)?
        func flush() throws {
            guard let key = groupKey, group.count > 1, let role = PersonRole(rawValue: key.0) else { return }
            for i in group.indices {
                for j in group.index(after: i)..<group.endIndex where NearMatch.isTypo(group[i].dob, group[j].dob) {
                    try report(db, DuplicatePair(group[i].id, group[j].id, role: role, reason: .dobTypo), emit)
                }
            }
        }
        while let row = try rows.next() {
            let key = (row[0] as String, row[1] as String)
            if groupKey.map({ $0 != key }) ?? true {
                try flush()
                group.removeAll(keepingCapacity: true)
                groupKey = key
            }
            if let dob = Day(row[2] as String) { group.append((row[3], dob)) }
        }
        try flush()
    }

    private static func report(_ db: Database, _ pair: DuplicatePair, _ emit: (DuplicatePair) throws -> Void) throws {
        if try !PersonMerges.isDismissed(db, pair.first, pair.second) { try emit(pair) }
    }
}
