internal import MaracStore
internal import GRDB

/// Meetings cancelled or moved (issue 20), each with its reason, history
/// rows and audit row. Core decides when a meeting may be cancelled or moved.
extension Session {
    /// Cancels a meeting no case has been heard at: its cases go back to
    /// screened in, or on to the meeting on `moveCasesTo` in the same step.
    /// Returns how many cases it had.
    @discardableResult
    public func cancelMeeting(on day: Day, reason: String, moveCasesTo target: Day? = nil) throws(CaseError) -> Int {
        try write(.cancelMeeting) { db, _ in
            let reason = try correctionReason(reason)
            let meeting = try requireMeeting(db, on: day)
            if let refusal = Corrections.cancelRefusal(meeting) { throw CaseError(.invalid, refusal) }
            if let target {
                guard target != day else { throw CaseError(.invalid, field: "move-cases-to", "is the meeting being cancelled") }
                let to = try requireMeeting(db, on: target)
                guard to.status.acceptsCases else {
                    throw CaseError(.invalid, field: "move-cases-to", "the meeting on \(target) is \(to.status.words); it takes no cases")
                }
            }
            let refs = try meetings.listedRefs(db, meetingID: meeting.id)
            for ref in refs {
                let removed = try takeOffAgenda(db, on: day, try ReferralLookup.record(db, ref: ref))
                if let target { try listOnAgenda(db, on: target, removed) }
                try ChangeHistory().record(db, actor: actor, entity: "agenda_item", entityID: meeting.id, referralID: removed.id, changes: [
                    FieldChange(field: "meeting", from: day.description, to: target?.description, identifying: false),
                ], reason: reason)
            }
            try meetings.cancel(db, meetingID: meeting.id, reason: reason)
            try recordCorrection(db, entity: "meeting", id: meeting.id, referralID: nil, changes: [
                FieldChange(field: "status", from: meeting.status.rawValue, to: MeetingStatus.cancelled.rawValue, identifying: false),
            ], reason: reason)
            return refs.count
        }
    }

    /// Moves a planned meeting to another day, its agenda with it.
    public func moveMeeting(on day: Day, to newDay: Day, reason: String) throws(CaseError) {
        try write(.moveMeeting) { db, _ in
            let reason = try correctionReason(reason)
            let meeting = try requireMeeting(db, on: day)
            if let refusal = Corrections.moveRefusal(meeting, to: newDay, today: today, taken: try meetings.exists(db, on: newDay)) {
                throw CaseError(.invalid, refusal)
            }
            try meetings.move(db, meetingID: meeting.id, to: newDay)
            try recordCorrection(db, entity: "meeting", id: meeting.id, referralID: nil, changes: [
                FieldChange(field: "held_on", from: day.description, to: newDay.description, identifying: false),
            ], reason: reason)
        }
    }
}
