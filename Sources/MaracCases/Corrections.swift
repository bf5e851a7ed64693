internal import MaracStore
internal import GRDB

/// Issue 20: every slip corrected in the open. Each correction is one use
/// case with its own policy row and a required reason, in one transaction
/// with the change, its rows in the record's history (from what to what,
/// why) and an audit row that names ids and fields only, never a value or
/// the reason. What may be put back to what is Core's (`Corrections`).
extension Session {
    /// The reason a correction gives, checked before anything else is read.
    func correctionReason(_ text: String) throws -> String {
        do { return try Corrections.requireReason(text) } catch { throw CaseError(error) }
    }

    /// The history rows of one correction and its audit row.
    func recordCorrection(_ db: Database, entity: String, id: Int64, referralID: Int64?, changes: [FieldChange], reason: String) throws {
        try ChangeHistory().record(db, actor: actor, entity: entity, entityID: id, referralID: referralID, changes: changes, reason: reason)
        try Audit.record(db, actor: actor, action: "correct", entity: entity, entityID: id,
                         detail: "corrected " + changes.map(\.field).joined(separator: ","))
    }

    // MARK: Referrals

    /// A hearing recorded in error: the case goes back to listed on that
    /// meeting's agenda (Core refuses it once anything has followed).
    public func unhearCase(_ ref: String, on day: Day, reason: String) throws(CaseError) {
        try write(.unhearCase) { db, permit in
            let reason = try correctionReason(reason)
            let record = try inScope(db, permit, ref: ref)
            let meeting = try requireMeeting(db, on: day)
            if let refusal = Corrections.unhearRefusal(
                ref: record.ref, status: record.status,
                heardAtThisMeeting: try meetings.isHeard(db, meetingID: meeting.id, referralID: record.id),
                laterListing: try meetings.isListedAfter(db, referralID: record.id, day: day),
                closedActions: try actions.closedCount(db, referralID: record.id, meetingID: meeting.id)) {
                throw CaseError(.invalid, refusal)
            }
            let heardBefore = try meetings.latestHearing(db, referralID: record.id, excluding: meeting.id)
            try meetings.unmarkItemHeard(db, meetingID: meeting.id, referralID: record.id)
            try meetings.clearOrSetHeardOn(db, referralID: record.id, heardBefore)
            try statusChanges.correct(db, record, to: .listed, reason: reason, also: [
                FieldChange(field: "heard_on", from: record.heardOn?.description, to: heardBefore?.description, identifying: false),
            ])
            let after = Corrections.meetingAfterUnhearing(heardLeft: meeting.heard - 1)
            if after != meeting.status {
                try meetings.setStatus(db, meetingID: meeting.id, after)
                try recordCorrection(db, entity: "meeting", id: meeting.id, referralID: nil, changes: [
                    FieldChange(field: "status", from: meeting.status.rawValue, to: after.rawValue, identifying: false),
                ], reason: reason)
            }
        }
    }

    /// A decline reversed: the referral is received again, to be screened
    /// afresh; the decline's reason stays in the history.
    public func reverseDecline(_ ref: String, reason: String) throws(CaseError) {
        try write(.reverseDecline) { db, permit in
            let reason = try correctionReason(reason)
            let record = try inScope(db, permit, ref: ref)
            try statusChanges.correct(db, record, to: .received, reason: reason, also: [
                FieldChange(field: "decline_reason", from: record.declineReason, to: nil, identifying: true),
            ])
            try ReferralLifecycle.setDeclineReason(db, referralID: record.id, nil)
        }
    }
}

extension StatusChanges {
    /// A status put back by correction (Core's `Corrections.correct`), with
    /// the other fields it changes, kept in the history with the reason.
    @discardableResult
    func correct(_ db: Database, _ record: ReferralRecord, to target: ReferralStatus, reason: String,
                 also: [FieldChange] = []) throws -> ReferralRecord {
        do { _ = try Corrections.correct(record.status, to: target) } catch {
            throw CaseError(.invalid, "\(record.ref) is \(record.status.words); it cannot be put back to \(target.words)")
        }
        try ReferralLifecycle.setStatus(db, referralID: record.id, to: target, at: clock.timestamp, by: actor.name)
        let changes = [FieldChange(field: "status", from: record.status.rawValue, to: target.rawValue, identifying: false)]
            + also.filter { $0.from != $0.to }
        try ChangeHistory().record(db, actor: actor, entity: "referral", entityID: record.id, referralID: record.id,
                                   changes: changes, reason: reason)
        try Audit.record(db, actor: actor, action: "correct", entity: "referral", entityID: record.id,
                         detail: "\(record.status.rawValue)->\(target.rawValue): corrected " + changes.map(\.field).joined(separator: ","))
        var changed = record
        changed.status = target
        changed.version += 1
        return changed
    }
}
