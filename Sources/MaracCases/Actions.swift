internal import MaracStore
internal import GRDB

/// Actions agreed at MARAC, chased until done.
extension Session {
    /// Agrees an action on a case that is listed or heard.
    @discardableResult
    public func agreeAction(on ref: String, agency: String, owner: String, due: Day, description: String,
                            meeting: Day? = nil) throws(CaseError) -> Int64 {
        try write(.agreeAction) { db, _ in
            try agree(db, try ReferralLookup.record(db, ref: ref), agency: agency, owner: owner, due: due,
                      description: description, meeting: meeting)
        }
    }

    /// Records an action as done, with a note.
    public func completeAction(_ id: Int64, note: String) throws(CaseError) {
        try write(.updateAction) { db, permit in
            try ownAction(db, permit, id)
            try close(db, action: id, as: .done, text: note)
        }
    }

    /// Records why an action was not done.
    public func recordActionIncomplete(_ id: Int64, reason: String) throws(CaseError) {
        try write(.updateAction) { db, permit in
            try ownAction(db, permit, id)
            try close(db, action: id, as: .incomplete, text: reason)
        }
    }

    /// Moves an open action's due date (never into the past), with the
    /// reason it moved: kept in the record's history (issue 20).
    public func moveActionDue(_ id: Int64, to due: Day, reason: String) throws(CaseError) {
        try write(.updateAction) { db, permit in
            let reason = try correctionReason(reason)
            try ownAction(db, permit, id)
            try moveDue(db, action: id, to: due, reason: reason)
        }
    }

    /// Actions earliest due first: within scope, and an agency's own only.
    public func actions(_ filter: ActionFilter, limit: Int, after cursor: String? = nil) throws(CaseError) -> Page<ActionRecord> {
        try read(.viewActions) { db, permit in
            var filter = filter
            if Policy.ownAgencyActionsOnly(permit.user, permit.grant) {
                if let asked = filter.agency, asked != permit.user.agency { return Page(items: [], next: nil) }
                filter.agency = permit.user.agency
            }
            return try actions.list(db, filter, limit: limit, after: try pageCursor(cursor, ActionService.cursor), scope: permit.scope,
                                    scopeIDs: ScopeSQL.caseIDs(permit.grant, login: actor.name, today: today))
        }
    }

    /// The actions agreed on the cases of a meeting's agenda, earliest due
    /// first (meeting mode's panel, issue 22): within scope, and an agency's own only.
    public func actionsOnAgenda(on day: Day, limit: Int = 500) throws(CaseError) -> [ActionRecord] {
        try read(.viewActions) { db, permit in
            let meeting = try requireMeeting(db, on: day)
            let agency = Policy.ownAgencyActionsOnly(permit.user, permit.grant) ? permit.user.agency : nil
            return try actions.onAgenda(db, meetingID: meeting.id, agency: agency, limit: limit, scope: permit.scope)
        }
    }

    /// An action the person may change: any for the coordinator; their own
    /// agency's on a case in scope for an agency. Otherwise it does not exist for them.
    func ownAction(_ db: Database, _ permit: Permit, _ id: Int64) throws {
        guard !permit.grant.isAll else { return }
        let action = try requireAction(db, id)
        let record = try ReferralLookup.record(db, ref: action.referralRef)
        guard !Policy.ownAgencyActionsOnly(permit.user, permit.grant) || action.agency == permit.user.agency,
              try ScopeSQL.contains(db, referralID: record.id, grant: permit.grant, login: actor.name, today: today) else {
            throw CaseError(.notFound, "no action \(id)")
        }
    }
}
