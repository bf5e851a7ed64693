/// Issue 20: slips corrected in the open. What may be put back to what, and
/// when a correction is refused; each correction's use case asks here and
/// nowhere else. Corrections are not steps of a case's life, so they are kept
/// apart from `ReferralStatus.next` (which also decides what may lapse or be
/// listed): a heard case going back to listed is a correction, never a step.
public enum Corrections {
    /// A correction needs its reason (kept in the record's history, never in the audit trail).
    public static func requireReason(_ text: String) throws(FieldError) -> String {
        try ActionRules.requireText(text, field: "reason")
    }

    /// The statuses a case may be put back to, by correction, from each status.
    public static func statusCorrections(from status: ReferralStatus) -> Set<ReferralStatus> {
        switch status {
        // A hearing recorded in error: back to listed (with or without actions agreed).
        case .heard, .actionsOpen: [.listed]
        // A decline reversed: back to received, to be screened again.
        case .declined: [.received]
        // An action reopened on a closed case: its actions are open again.
        case .closed: [.actionsOpen]
        default: []
        }
    }

    /// The status a case is put back to, or the reason it cannot be.
    public static func correct(_ status: ReferralStatus, to target: ReferralStatus) throws(IllegalTransition) -> ReferralStatus {
        guard statusCorrections(from: status).contains(target) else { throw IllegalTransition(from: status, to: target) }
        return target
    }

    /// A hearing may be undone only while nothing has followed from it: the
    /// meeting is the case's latest hearing, and none of the actions agreed
    /// at it has been closed (done or recorded incomplete). nil: allowed.
    public static func unhearRefusal(ref: String, status: ReferralStatus, heardAtThisMeeting: Bool, laterListing: Bool,
                                     closedActions: Int) -> String? {
        guard heardAtThisMeeting else { return "\(ref) was not heard at that meeting" }
        guard !laterListing else { return "\(ref) is on a later meeting's agenda; only its latest hearing can be undone" }
        // Said before the status: a case closed by its actions is put right by reopening them first.
        guard closedActions == 0 else {
            return "\(ref) has \(closedActions) action\(closedActions == 1 ? "" : "s") agreed at that meeting already closed; reopen \(closedActions == 1 ? "it" : "them") first"
        }
        guard status == .heard || status == .actionsOpen else {
            return "\(ref) is \(status.words); only a heard case (or one with actions open) can go back to listed"
        }
        return nil
    }

    /// Where a case goes when one of its actions is reopened (nil: it stays).
    /// A heard case with an open action has actions open; a closed one opens
    /// again. A lapsed case stays lapsed: it comes back only when listed.
    public static func afterActionReopened(_ status: ReferralStatus) -> ReferralStatus? {
        switch status {
        case .heard, .closed: .actionsOpen
        default: nil
        }
    }

    /// A meeting is cancelled only before any case is heard at it.
    public static func cancelRefusal(_ meeting: MeetingRecord) -> String? {
        switch meeting.status {
        case .cancelled: "the meeting on \(meeting.heldOn) is already cancelled"
        case .held where meeting.heard > 0, .planned where meeting.heard > 0:
            "the meeting on \(meeting.heldOn) has heard \(meeting.heard) case\(meeting.heard == 1 ? "" : "s"); undo the hearings first"
        case .held: "the meeting on \(meeting.heldOn) has been held"
        case .planned: nil
        }
    }

    /// A meeting moves only while planned, to a day that is not past and has
    /// no other meeting (`taken`).
    public static func moveRefusal(_ meeting: MeetingRecord, to day: Day, today: Day, taken: Bool) -> String? {
        if meeting.status == .cancelled { return "the meeting on \(meeting.heldOn) is cancelled" }
        if meeting.status == .held || meeting.heard > 0 { return "the meeting on \(meeting.heldOn) has been held; it cannot move" }
        if day == meeting.heldOn { return "the meeting is already on \(day)" }
        if day < today { return "\(day) is in the past; a meeting moves to today or later" }
        if taken { return "a meeting on \(day) already exists" }
        return nil
    }

    /// The meeting's status once a hearing is undone: held while another case
    /// there is still heard, planned again when none is.
    public static func meetingAfterUnhearing(heardLeft: Int) -> MeetingStatus { heardLeft > 0 ? .held : .planned }

    /// Who may correct or withdraw an entry of what was shared: whoever
    /// recorded it, or anyone who works every case (the coordinator).
    public static func mayCorrectShared(recordedBy: String, login: String, grant: Grant) -> Bool {
        grant.isAll || recordedBy == login
    }
}
