import Foundation
internal import MaracStore
internal import GRDB

/// The meetings group's decisions, each inside the caller's transaction: the
/// checks and their errors, the rows written through the store, the audit
/// rows. Core decides what a meeting's status allows and where a case goes
/// after its hearing; the store only reads and writes.
extension Session {
    /// The meeting on that day, or the error saying there is none.
    func requireMeeting(_ db: Database, on day: Day) throws -> MeetingRecord {
        guard let meeting = try meetings.meeting(db, on: day) else {
            throw CaseError(.notFound, field: "date", "there is no meeting on \(day)", hint: .createMeeting(day))
        }
        return meeting
    }

    /// A new planned meeting: one a day.
    func addMeeting(_ db: Database, on day: Day) throws {
        if try meetings.exists(db, on: day) {
            throw CaseError(.invalid, field: "date", "a meeting on \(day) already exists")
        }
        let id = try meetings.insert(db, on: day, by: actor)
        try Audit.record(db, actor: actor, action: "create", entity: "meeting", entityID: id, detail: "held_on=\(day)")
    }

    /// Lists a screened-in (or lapsed, returning) case on a meeting's agenda:
    /// once hearing has started, only an urgent late case (Core's rule).
    func listOnAgenda(_ db: Database, on day: Day, _ record: ReferralRecord, urgentLate: Bool = false) throws {
        let meeting = try requireMeeting(db, on: day)
        guard meeting.status.acceptsCase(urgentLate: urgentLate) else {
            throw CaseError(.invalid, field: "date", meeting.status == .cancelled ? "the meeting on \(day) is cancelled; it takes no cases"
                                                                                 : "the meeting on \(day) has been held; its agenda is closed")
        }
        if try meetings.isListed(db, meetingID: meeting.id, referralID: record.id) {
            throw CaseError(.invalid, "\(record.ref) is already on the agenda for \(day)")
        }
        let late = urgentLate && !meeting.status.acceptsCases
        try statusChanges.transition(db, record, to: .listed, detail: late ? "listed late (urgent) for \(day)" : "listed for \(day)")
        try meetings.appendToAgenda(db, meetingID: meeting.id, referralID: record.id, relistedAfterLapse: record.status == .lapsed)
    }

    /// Takes a case off an agenda before it is heard; it waits for another meeting.
    func takeOffAgenda(_ db: Database, on day: Day, _ record: ReferralRecord) throws -> ReferralRecord {
        let meeting = try requireMeeting(db, on: day)
        guard try meetings.removeWaiting(db, meetingID: meeting.id, referralID: record.id) else {
            throw CaseError(.invalid, "\(record.ref) is not waiting on the agenda for \(day)")
        }
        return try statusChanges.transition(db, record, to: .screenedIn, detail: "removed from \(day)")
    }

    /// Puts a case in a new place within its agenda section, by hand. Core's
    /// rule gives every case of that section its place (the section order
    /// itself cannot change); the places are kept on the agenda items, with
    /// an audit row. Returns the case's new place and the section's size.
    func placeOnAgenda(_ db: Database, on day: Day, _ record: ReferralRecord,
                       _ rule: ([AgendaItem]) throws(CaseError) -> [(ref: String, handPosition: Int)]) throws -> (place: Int, count: Int) {
        let meeting = try requireMeeting(db, on: day)
        // The whole agenda, whoever asks: places are counted among every case of the section.
        let items = try meetings.agenda(db, of: meeting).cases.map(\.item)
        let places = try rule(items)
        guard let placed = places.first(where: { $0.ref == record.ref }),
              let section = items.first(where: { $0.referralRef == record.ref })?.section else {
            throw CaseError(.invalid, "\(record.ref) is not on the agenda for \(day)")
        }
        try meetings.savePlaces(db, meetingID: meeting.id, places)
        try Audit.record(db, actor: actor, action: "reorder", entity: "referral", entityID: record.id,
                         detail: "place \(placed.handPosition) of \(places.count) in \(section.code) on \(day)")
        return (placed.handPosition, places.count)
    }

    /// Every code given must be a known agency; all unknown ones are named at once.
    func requireKnownAgencies(_ db: Database, _ agencies: [String]) throws {
        var problems: [CaseError.Problem] = []
        for agency in agencies where try !AgencyService().isKnown(db, code: agency) {
            problems.append(.init(field: "agency", "is not a known agency code"))
        }
        if !problems.isEmpty { throw CaseError(.invalid, problems) }
    }

    /// Records agencies present at a meeting (and so signed the confidentiality statement).
    func recordPresent(_ db: Database, on day: Day, agencies: [String]) throws {
        let meeting = try requireMeeting(db, on: day)
        try requireKnownAgencies(db, agencies)
        try meetings.markPresent(db, meetingID: meeting.id, agencies: agencies)
        try Audit.record(db, actor: actor, action: "attend", entity: "meeting", entityID: meeting.id,
                         detail: agencies.joined(separator: ","))
    }

    /// Records agencies that confirmed before the meeting that they will attend
    /// (a row not yet signed): they are expected to return research, and a
    /// referrer that confirmed keeps its case off the "defer?" list.
    func recordConfirmed(_ db: Database, on day: Day, agencies: [String]) throws {
        let meeting = try requireMeeting(db, on: day)
        try requireKnownAgencies(db, agencies)
        try meetings.markConfirmed(db, meetingID: meeting.id, agencies: agencies)
        try Audit.record(db, actor: actor, action: "confirm", entity: "meeting", entityID: meeting.id,
                         detail: agencies.joined(separator: ","))
    }

    /// Marks a listed case heard at a meeting held today or before: listed →
    /// heard, and on to actions open when actions are already agreed, each
    /// step through Core's transitions with its audit row; the meeting is held
    /// from its first hearing.
    func hear(_ db: Database, on day: Day, _ record: ReferralRecord) throws {
        guard day <= today else { throw CaseError(.invalid, field: "date", "the meeting on \(day) is in the future") }
        let meeting = try requireMeeting(db, on: day)
        guard try meetings.isListed(db, meetingID: meeting.id, referralID: record.id) else {
            throw CaseError(.invalid, "\(record.ref) is not on the agenda for \(day)")
        }
        var current = try statusChanges.transition(db, record, to: .heard, detail: "heard \(day)")
        try meetings.setHeardOn(db, referralID: record.id, day)
        let after = ReferralStatus.afterHearing(openActions: try actions.openCount(db, referralID: record.id))
        if after != current.status {
            current = try statusChanges.transition(db, current, to: after, detail: "actions agreed before hearing")
        }
        try meetings.markItemHeard(db, meetingID: meeting.id, referralID: record.id)
        if meeting.status != .held {
            try meetings.setStatus(db, meetingID: meeting.id, .held)
            try Audit.record(db, actor: actor, action: "status", entity: "meeting", entityID: meeting.id,
                             detail: "\(meeting.status.rawValue)->\(MeetingStatus.held.rawValue)")
        }
    }

    /// Adds an entry of what an agency shared about a case at a meeting:
    /// never overwriting what was recorded before (issue 10); each entry
    /// names its agency, when one is given (issue 20).
    func addShared(_ db: Database, on day: Day, _ record: ReferralRecord, agency: String?, text: String) throws -> Int64 {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw CaseError(.invalid, field: "information shared", "is required") }
        do { try FieldLimits.check("information shared", text) } catch { throw CaseError(error) }
        if let agency, try !AgencyService().isKnown(db, code: agency) {
            throw CaseError(.invalid, field: "agency", "is not a known agency code")
        }
        let meeting = try requireMeeting(db, on: day)
        guard try meetings.isListed(db, meetingID: meeting.id, referralID: record.id) else {
            throw CaseError(.invalid, "\(record.ref) is not on the agenda for \(day)")
        }
        let id = try SharedEntries(clock: clock).insert(db, meetingID: meeting.id, referralID: record.id, agency: agency, text: text, by: actor)
        try Audit.record(db, actor: actor, action: "update", entity: "referral", entityID: record.id,
                         detail: "information shared at \(day): entry \(id)" + (agency.map { " agency=\($0)" } ?? ""))
        return id
    }
}
