internal import MaracStore
internal import GRDB

/// Actions corrected after the meeting (issue 20): handed to another owner
/// or agency, reopened after they were closed. Each with its reason, its
/// history rows and an audit row (`Session.recordCorrection`).
extension Session {
    /// Hands an open action to another owner and, for the coordinator,
    /// another agency (an agency representative: within their own agency,
    /// `Policy.mayReassign`).
    public func reassignAction(_ id: Int64, owner: String, agency: String? = nil, reason: String) throws(CaseError) {
        try write(.reassignAction) { db, permit in
            let reason = try correctionReason(reason)
            let newOwner: String
            do throws(FieldError) { newOwner = try ActionRules.requireText(owner, field: "owner") } catch { throw CaseError(error) }
            if let agency, try !AgencyService().isKnown(db, code: agency) {
                throw CaseError(.invalid, field: "agency", "is not a known agency code")
            }
            try ownAction(db, permit, id)
            let action = try requireAction(db, id)
            let newAgency = agency ?? action.agency
            guard Policy.mayReassign(permit.user, permit.grant, from: action.agency, to: newAgency) else {
                throw CaseError(.notPermitted, "\(actor.name) may not reassign an action to another agency; the coordinator can")
            }
            do throws(FieldError) { try ActionRules.checkReassign(action.status) } catch { throw CaseError(.invalid, "action \(id): \(error.message)") }
            let changes = [FieldChange(field: "owner", from: action.owner, to: newOwner, identifying: false),
                           FieldChange(field: "agency", from: action.agency, to: newAgency, identifying: false)].filter { $0.from != $0.to }
            guard !changes.isEmpty else { throw CaseError(.invalid, "action \(id) already has that owner and agency; nothing to change") }
            try actions.reassign(db, id: id, owner: newOwner, agency: newAgency, by: actor)
            try recordCorrection(db, entity: "action", id: id, referralID: try ReferralLookup.record(db, ref: action.referralRef).id,
                                 changes: changes, reason: reason)
        }
    }

    /// Opens a done or incomplete action again; the case follows (Core's
    /// `Corrections.afterActionReopened`: a closed case has actions open again).
    public func reopenAction(_ id: Int64, reason: String) throws(CaseError) {
        try write(.reopenAction) { db, permit in
            let reason = try correctionReason(reason)
            try ownAction(db, permit, id)
            let action = try requireAction(db, id)
            do { _ = try action.status.reopen() } catch { throw CaseError(.invalid, "action \(id): \(error)") }
            let referral = try ReferralLookup.record(db, ref: action.referralRef)
            try actions.reopen(db, id: id, by: actor)
            try recordCorrection(db, entity: "action", id: id, referralID: referral.id, changes: [
                FieldChange(field: "status", from: action.status.rawValue, to: ActionStatus.open.rawValue, identifying: false),
                FieldChange(field: "completion_note", from: action.completionNote, to: nil, identifying: true),
                FieldChange(field: "incomplete_reason", from: action.incompleteReason, to: nil, identifying: true),
                FieldChange(field: "closed_on", from: action.closedOn?.description, to: nil, identifying: false),
            ].filter { $0.from != $0.to }, reason: reason)
            if let next = Corrections.afterActionReopened(referral.status) {
                if referral.status.next.contains(next) {
                    try statusChanges.transition(db, referral, to: next, detail: "action reopened")
                } else {
                    try statusChanges.correct(db, referral, to: next, reason: reason)
                }
            }
        }
    }
}
