internal import MaracStore
internal import GRDB

/// Finding people: by name, alias, date of birth or postcode, within scope.
extension Session {
    /// People matching a name, alias, date of birth or postcode, within scope;
    /// the result set's people are recorded as seen (never the search text).
    public func searchPeople(_ query: String, limit: Int = 50) throws(CaseError) -> [SearchMatch] {
        try write(.searchPeople) { db, permit in
            let matches = try SearchService().people(db, matching: query, limit: limit, scope: permit.scope,
                                                     scopeIDs: ScopeSQL.ownCaseIDs(permit.grant, login: actor.name))
            try recordAccess(db, permit, referralIDs: [], personIDs: matches.map(\.personID))
            return matches
        }
    }

    public func cases(ofPerson id: Int64, limit: Int = 100) throws(CaseError) -> [PersonCase] {
        try write(.searchPeople) { db, permit in
            let cases = try SearchService().cases(db, ofPerson: id, limit: limit, scope: permit.scope)
            try recordAccess(db, permit, referralIDs: cases.map(\.summary.id), personIDs: cases.isEmpty ? [] : [id])
            return cases
        }
    }
}
