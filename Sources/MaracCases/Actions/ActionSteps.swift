internal import MaracStore
internal import GRDB

/// The actions group's decisions (agreeing, closing, moving, chasing), each
/// inside the caller's transaction: the checks and their errors, the rows
/// written through the store, the audit rows. Core decides which cases take
/// actions, which status changes are legal and when a case moves on.
extension Session {
    /// The action with that id, or the error saying there is none.
    func requireAction(_ db: Database, _ id: Int64) throws -> ActionRecord {
        guard let action = try actions.fetch(db, id: id) else { throw CaseError(.notFound, "no action \(id)") }
        return action
    }

    /// Agrees an action on a case on an agenda or heard (Core decides which),
    /// at the meeting named, else the case's latest.
    func agree(_ db: Database, _ record: ReferralRecord, agency: String, owner: String, due: Day, description: String,
               meeting: Day?) throws -> Int64 {
        var problems = ProblemList()
        let owner = problems.check { () throws(FieldError) -> String in try ActionRules.requireText(owner, field: "owner") }
        let description = problems.check { () throws(FieldError) -> String in try ActionRules.requireText(description, field: "description") }
        if try !AgencyService().isKnown(db, code: agency) {
            problems.add("agency", "is not a known agency code")
        }
        try problems.throwIfAny()
        guard let owner, let description else { preconditionFailure("checked above") }
        guard record.status.takesActions else {
            throw CaseError(.invalid, "\(record.ref): actions are agreed on a case that is listed or heard; this one is \(record.status.words)")
        }
        let meetingID: Int64?
        if let meeting {
            guard let id = try meetings.id(db, on: meeting) else {
                throw CaseError(.notFound, field: "meeting", "there is no meeting on \(meeting)")
            }
            meetingID = id
        } else {
            meetingID = try actions.latestMeetingID(db, referralID: record.id)
        }
        let id = try actions.insert(db, referralID: record.id, meetingID: meetingID, agency: agency, owner: owner, due: due,
                                    description: description, by: actor)
        try Audit.record(db, actor: actor, action: "create", entity: "action", entityID: id, detail: "agency=\(agency) due=\(due)")
        if let next = record.status.afterActionAgreed {
            try statusChanges.transition(db, record, to: next, detail: "action agreed")
        }
        return id
    }

    /// Closes an open action as done (with a note) or incomplete (with the
    /// reason); the case closes when its last open action does (Core's rule).
    func close(_ db: Database, action id: Int64, as target: ActionStatus, text given: String) throws {
        let field = target == .done ? "note" : "reason"
        let text: String
        do { text = try ActionRules.requireText(given, field: field) } catch { throw CaseError(error) }
        let action = try requireAction(db, id)
        do { _ = try action.status.transition(to: target) } catch { throw CaseError(.invalid, "action \(id): \(error)") }
        try actions.close(db, id: id, as: target, text: text, by: actor)
        try Audit.record(db, actor: actor, action: "status", entity: "action", entityID: id, detail: "\(action.status.rawValue)->\(target.rawValue)")
        let referral = try ReferralLookup.record(db, ref: action.referralRef)
        if let next = referral.status.afterActionClosed(stillOpen: try actions.openCount(db, referralID: referral.id)) {
            try statusChanges.transition(db, referral, to: next, detail: "last action closed")
        }
    }

    /// Moves an open action's due date (never into the past: Core's rule).
    func moveDue(_ db: Database, action id: Int64, to due: Day, reason: String) throws {
        do { try ActionRules.checkNewDue(due, today: today) } catch { throw CaseError(error) }
        let action = try requireAction(db, id)
        guard action.status == .open else { throw CaseError(.invalid, "action \(id) is \(action.status.rawValue); only open actions can move") }
        try actions.setDue(db, id: id, to: due, by: actor)
        try Audit.record(db, actor: actor, action: "update", entity: "action", entityID: id, detail: "due \(action.due)->\(due)")
        try ChangeHistory().record(db, actor: actor, entity: "action", entityID: id,
                                   referralID: try ReferralLookup.record(db, ref: action.referralRef).id,
                                   changes: [FieldChange(field: "due_on", from: action.due.description, to: due.description, identifying: false)],
                                   reason: reason)
    }

    /// A page cursor given back, read by the store's `decode`; one the store
    /// does not recognise is refused.
    func pageCursor<Place>(_ text: String?, _ decode: (String) -> Place?) throws -> Place? {
        guard let text else { return nil }
        guard let place = decode(text) else { throw CaseError(.invalid, field: "after", "is not a cursor from an earlier page") }
        return place
    }
}
