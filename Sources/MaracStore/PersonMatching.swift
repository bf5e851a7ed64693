import GRDB
import MaracCore

/// Finding the people a new identity may already be (issue 20), by index
/// only, never a scan of every person: the people of that role born the same
/// day (`person_by_role_dob`) for similar, swapped and alias names, and the
/// people of the same folded name (`person_by_identity`) for dates of birth
/// a typo apart: two index ranges. Core's `NearMatch` decides; this only reads.
package enum PersonMatching {
    package struct Candidate: Sendable, Equatable {
        package let personID: Int64
        package let reason: NearMatch.Reason
    }

    /// The person an identity is automatically (the same folded name and
    /// date of birth), followed to the one kept if they were merged.
    package static func exact(_ db: Database, _ key: IdentityKey, role: PersonRole) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT COALESCE(merged_into, id) FROM person WHERE role = ? AND name_key = ? AND dob IS ? LIMIT 1
            """), arguments: [role.rawValue, key.name, key.dob?.description])
    }

    /// Near matches of an identity among people not merged away, nearest
    /// rule first, at most `limit`; `excluding` leaves one person out (the
    /// record itself, when the duplicates of a stored person are looked up).
    package static func candidates(_ db: Database, _ identity: NearMatch.Identity, role: PersonRole,
                                   excluding: Int64? = nil, limit: Int = 10) throws -> [Candidate] {
        guard let dob = identity.dob, !identity.nameKey.isEmpty else { return [] }
        var found: [Candidate] = []
        var seen = Set<Int64>()
        if let excluding { seen.insert(excluding) }
        let sameDay = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT p.id, p.name_key, (SELECT group_concat(a.name_key, char(31)) FROM person_alias a WHERE a.person_id = p.id)
            FROM person p WHERE p.role = ? AND p.dob = ? AND p.merged_into IS NULL AND p.name_key <> ''
            """), arguments: [role.rawValue, dob.description])
        while let row = try sameDay.next() {
            let id: Int64 = row[0]
            guard !seen.contains(id) else { continue }
            let aliases = (row[2] as String?).map { $0.split(separator: "\u{1F}").map(String.init) } ?? []
            if let reason = NearMatch.reason(identity, .init(nameKey: row[1], dob: dob, aliasKeys: aliases)) {
                found.append(Candidate(personID: id, reason: reason))
                seen.insert(id)
            }
        }
        // The same name born on other days: one range of the identity index
        // (a few rows even for a common name), each date checked by Core.
        let sameName = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT id, dob FROM person WHERE role = ? AND name_key = ? AND dob IS NOT NULL AND dob <> ? AND merged_into IS NULL
            """), arguments: [role.rawValue, identity.nameKey, dob.description])
        while let row = try sameName.next() {
            let id: Int64 = row[0]
            if !seen.contains(id), let other = Day(row[1] as String), NearMatch.isTypo(dob, other) {
                found.append(Candidate(personID: id, reason: .dobTypo))
                seen.insert(id)
            }
        }
        return Array(found.prefix(limit))
    }

    package static func lastPersonID(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM person") ?? 0
    }

    /// The near matches of every person added after `id` (an import's new
    /// people), each pair once: the groups they are in, each read once.
    /// At most `limit` pairs (and whether there were more): the rest are for
    /// `person duplicates`, which pages through them all.
    package static func pairsOfPeopleAdded(_ db: Database, after id: Int64, limit: Int) throws -> (pairs: [DuplicatePair], more: Bool) {
        struct Enough: Error {}
        var pairs: [DuplicatePair] = []
        do {
            try PersonDuplicates.scan(db, newerThan: id) { pair in
                guard pairs.count < limit else { throw Enough() }
                pairs.append(pair)
            }
        } catch is Enough {
            return (pairs, true)
        }
        return (pairs, false)
    }

    /// A stored person as the rule sees them, with their aliases; nil when
    /// there is no such person of that role.
    package static func identity(_ db: Database, personID: Int64, role: PersonRole? = nil) throws -> (identity: NearMatch.Identity, role: PersonRole, mergedInto: Int64?)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT p.role, p.name_key, p.dob, p.merged_into,
                   (SELECT group_concat(a.name_key, char(31)) FROM person_alias a WHERE a.person_id = p.id)
            FROM person p WHERE p.id = ?
            """), arguments: [personID]) else { return nil }
        guard let stored = PersonRole(rawValue: row[0]), role == nil || stored == role else { return nil }
        let aliases = (row[4] as String?).map { $0.split(separator: "\u{1F}").map(String.init) } ?? []
        return (NearMatch.Identity(nameKey: row[1], dob: (row[2] as String?).flatMap { Day($0) }, aliasKeys: aliases), stored, row[3])
    }

    /// Whether a person has a referral (as victim or perpetrator) within a scope.
    package static func hasCaseInScope(_ db: Database, personID: Int64, scope: (sql: String, arguments: StatementArguments)) throws -> Bool {
        try try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM referral r WHERE r.victim_id = ? AND \(scope.sql))
                OR EXISTS (SELECT 1 FROM referral r WHERE r.perpetrator_id = ? AND \(scope.sql))
            """, arguments: [personID] + scope.arguments + [personID] + scope.arguments) ?? false
    }

    /// A person's referrals within a scope, newest first, at most `limit`.
    package static func cases(_ db: Database, personID: Int64, scope: (sql: String, arguments: StatementArguments), limit: Int = 20) throws -> [PossibleExistingPerson.Case] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.id, r.ref, r.referred_on, r.status, r.risk_band FROM referral r
            WHERE (r.victim_id = ? OR r.perpetrator_id = ?) AND \(scope.sql)
            ORDER BY r.referred_on DESC, r.id DESC LIMIT ?
            """, arguments: [personID, personID] + scope.arguments + [limit])
        return rows.map { PossibleExistingPerson.Case(id: $0[0], ref: $0[1], referredOn: Day($0[2] as String) ?? Day(ordinal: 0), status: $0[3], band: $0[4]) }
    }

    /// A person's name and date of birth, for showing a candidate to someone who may see them.
    package static func shown(_ db: Database, personID: Int64) throws -> (name: String, dob: Day?)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT name, dob FROM person WHERE id = ?"), arguments: [personID]) else { return nil }
        let name: String = row[0]
        return (name, (row[1] as String?).flatMap { Day($0) })
    }
}
