import GRDB

/// Actions agreed at MARAC, chased until done.
extension Session {
    /// Agrees an action on a case that is listed or heard.
    @discardableResult
    public func agreeAction(on ref: String, agency: String, owner: String, due: Day, description: String,
                            meeting: Day? = nil) throws(CaseError) -> Int64 {
        try write { db in
            try actions.add(db, try referrals.fetch(db, ref: ref), agency: agency, owner: owner, due: due,
                            description: description, meeting: meeting, by: actor)
        }
    }

    /// Records an action as done, with a note.
    public func completeAction(_ id: Int64, note: String) throws(CaseError) {
        try write { db in try actions.close(db, id: id, as: .done, text: note, by: actor) }
    }

    /// Records why an action was not done.
    public func recordActionIncomplete(_ id: Int64, reason: String) throws(CaseError) {
        try write { db in try actions.close(db, id: id, as: .incomplete, text: reason, by: actor) }
    }

    /// Moves an open action's due date (never into the past).
    public func moveActionDue(_ id: Int64, to due: Day) throws(CaseError) {
        try write { db in try actions.moveDue(db, id: id, to: due, by: actor) }
    }

    public func actions(_ filter: ActionService.Filter, limit: Int, after cursor: String? = nil) throws(CaseError) -> Page<ActionRecord> {
        try read { db in try actions.list(db, filter, limit: limit, after: cursor) }
    }
}
