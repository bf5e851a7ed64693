import GRDB
import MaracCore

/// The people a referral names: finding the victim or perpetrator by
/// identity, or adding them, and their aliases. Runs inside the caller's
/// transaction; every statement is compiled once per connection and reused
/// (`cachedStatement`): an import runs them once per row.
package enum ReferralPeople {
    /// Finds the person with the same normalised name and date of birth, or
    /// adds them. Newly known details (a postcode, an ethnicity) fill gaps
    /// but never erase what an earlier referral recorded.
    /// With `existing` (someone logging the referral said who this is: a near
    /// match, issue 20) the referral names that person, and the name typed,
    /// when it differs, becomes one of their aliases so search finds it.
    package static func person(_ db: Database, _ input: PersonInput, role: PersonRole, existing: Int64? = nil) throws -> (id: Int64, isNew: Bool) {
        let (id, isNew) = try matchOrInsert(db, input, role: role, existing: existing)
        var aliases = input.aliases
        if existing != nil, try !hasNameKey(db, personID: id, input.identity.name) { aliases.insert(input.name, at: 0) }
        for alias in aliases {
            try db.cachedStatement(sql: """
                INSERT INTO person_alias (person_id, name, name_key) VALUES (?, ?, ?)
                ON CONFLICT (person_id, name_key) DO NOTHING
                """).execute(arguments: [id, alias, IdentityKey.normalise(alias)])
            if db.changesCount > 0 {
                try PersonSearchIndex().add(db, personID: id, .alias, name: alias, aliasID: db.lastInsertedRowID)
            }
        }
        return (id, isNew)
    }

    /// Whether the name key is the person's own name's or one of their aliases'.
    private static func hasNameKey(_ db: Database, personID: Int64, _ key: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM person WHERE id = ? AND name_key = ?)
                OR EXISTS (SELECT 1 FROM person_alias WHERE person_id = ? AND name_key = ?)
            """), arguments: [personID, key, personID, key]) ?? false
    }

    private static func matchOrInsert(_ db: Database, _ input: PersonInput, role: PersonRole, existing: Int64?) throws -> (id: Int64, isNew: Bool) {
        let key = input.identity
        let postcode = input.postcode?.description
        // A person merged into another is found as the one kept (PersonMatching.exact).
        if let id = try existing ?? PersonMatching.exact(db, key, role: role) {
            try db.cachedStatement(sql: """
                UPDATE person SET
                    gender = CASE WHEN :gender = 'unknown' THEN gender ELSE :gender END,
                    ethnicity = CASE WHEN :ethnicity = 'unknown' THEN ethnicity ELSE :ethnicity END,
                    disability = CASE WHEN :disability = 'unknown' THEN disability ELSE :disability END,
                    lgbt = CASE WHEN :lgbt = 'unknown' THEN lgbt ELSE :lgbt END,
                    postcode = COALESCE(:postcode, postcode),
                    postcode_district = COALESCE(:district, postcode_district)
                WHERE id = :id
                """).execute(arguments: ["gender": input.gender.rawValue, "ethnicity": input.ethnicity.rawValue,
                                 "disability": input.disability.rawValue, "lgbt": input.lgbt.rawValue,
                                 "postcode": postcode, "district": input.postcode?.district, "id": id])
            return (id, false)
        }
        try db.cachedStatement(sql: """
            INSERT INTO person (role, name, name_key, dob, gender, ethnicity, disability, lgbt, postcode, postcode_district)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [role.rawValue, input.name, key.name, key.dob?.description, input.gender.rawValue,
                             input.ethnicity.rawValue, input.disability.rawValue, input.lgbt.rawValue,
                             postcode, input.postcode?.district])
        let id = db.lastInsertedRowID
        try PersonSearchIndex().add(db, personID: id, .name, name: input.name)
        return (id, true)
    }
}
