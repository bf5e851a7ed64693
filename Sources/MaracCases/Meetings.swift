internal import MaracStore
import MaracDocuments
import Foundation
internal import GRDB

/// Meetings: creating them, their agendas, attendance, hearing cases and what
/// was shared, and the documents that go out afterwards.
extension Session {
    public func createMeeting(on day: Day) throws(CaseError) {
        try write(.manageMeetings) { db, _ in try addMeeting(db, on: day) }
    }

    /// Meeting dates and counts: no identities. The counts are of the cases
    /// the person may see on each agenda (issue 22: an IDVA's `1 cases`
    /// counted a case outside her scope).
    public func meetings(limit: Int, before cursor: Day? = nil) throws(CaseError) -> Page<MeetingRecord> {
        try read(.viewMeetings) { db, permit in
            var page = try meetings.list(db, limit: limit, before: cursor)
            page.items = try page.items.map { try countedInScope(db, permit, $0) }
            return page
        }
    }

    /// The next meeting that still takes cases, counted in the person's scope.
    public func nextMeeting() throws(CaseError) -> MeetingRecord? {
        try read(.viewMeetings) { db, permit in try meetings.nextMeeting(db).map { try countedInScope(db, permit, $0) } }
    }

    /// A meeting's counts as the person's agenda shows them: every case for
    /// the coordinator, their own or their agenda cases for others, none
    /// for a role that sees no agenda.
    private func countedInScope(_ db: Database, _ permit: Permit, _ meeting: MeetingRecord) throws -> MeetingRecord {
        guard let grant = Policy.grant(permit.user.roles, .viewAgenda) else {
            var hidden = meeting
            (hidden.cases, hidden.heard) = (0, 0)
            return hidden
        }
        if grant.isAll { return meeting }
        var counted = meeting
        (counted.cases, counted.heard) = try meetings.countsInScope(db, meetingID: meeting.id,
                                                                    scope: ScopeSQL.referral(grant, login: actor.name, today: today))
        return counted
    }

    /// The first planned meeting after `day`: where a case moved off that
    /// meeting's agenda goes by default.
    public func nextPlannedMeeting(after day: Day) throws(CaseError) -> Day? {
        try read(.viewMeetings) { db, _ in try meetings.nextMeeting(db, from: day.adding(days: 1))?.heldOn }
    }

    /// Lists a screened-in or lapsed case on a meeting's agenda; once hearing
    /// has started, only as an urgent late case (`urgentLate`), said so in the audit.
    public func listCase(_ ref: String, on day: Day, urgentLate: Bool = false) throws(CaseError) {
        try write(.manageAgenda) { db, _ in
            try listOnAgenda(db, on: day, try ReferralLookup.record(db, ref: ref), urgentLate: urgentLate)
        }
    }

    /// An urgent case added to a meeting whose hearing has started: a referral
    /// just received is screened in with it (which needs screening too), one
    /// already screened in is listed late; one step, or nothing.
    public func addUrgentLateCase(_ ref: String, on day: Day) throws(CaseError) {
        try write(.manageAgenda) { db, _ in
            var record = try ReferralLookup.record(db, ref: ref)
            if record.status.canBeScreened {
                _ = try permit(db, .screenReferral)
                record = try statusChanges.screenIn(db, record)
            }
            try listOnAgenda(db, on: day, record, urgentLate: true)
        }
    }

    /// Takes a case off an agenda before it is heard.
    public func removeCase(_ ref: String, from day: Day) throws(CaseError) {
        try write(.manageAgenda) { db, _ in _ = try takeOffAgenda(db, on: day, try ReferralLookup.record(db, ref: ref)) }
    }

    /// Moves a case waiting on one agenda to another meeting, in one step.
    public func moveCase(_ ref: String, from: Day, to: Day) throws(CaseError) {
        try write(.manageAgenda) { db, _ in
            let removed = try takeOffAgenda(db, on: from, try ReferralLookup.record(db, ref: ref))
            try listOnAgenda(db, on: to, removed)
        }
    }

    /// Where a case goes within its agenda section when reordered by hand.
    public enum AgendaPlace: Sendable, Equatable {
        /// A place within the section, 1 = first.
        case place(Int)
        case up
        case down
    }

    /// Reorders a case by hand within its agenda section (never across
    /// sections: the SafeLives order is kept); the order survives reloads and
    /// shows in the agenda and minutes. Returns the new place and the section's size.
    @discardableResult
    public func reorderCase(_ ref: String, on day: Day, to place: AgendaPlace) throws(CaseError) -> (place: Int, count: Int) {
        try write(.manageAgenda) { db, _ in
            try placeOnAgenda(db, on: day, try ReferralLookup.record(db, ref: ref)) { items throws(CaseError) in
                switch place {
                case .place(let n): try AgendaHandOrder.move(ref, to: n, in: items)
                case .up: try AgendaHandOrder.step(ref, by: -1, in: items)
                case .down: try AgendaHandOrder.step(ref, by: 1, in: items)
                }
            }
        }
    }

    /// Records which agencies attended (and signed the confidentiality statement).
    public func recordAttendance(on day: Day, agencies: [String]) throws(CaseError) {
        try write(.recordAttendance) { db, _ in try recordPresent(db, on: day, agencies: agencies) }
    }

    /// Hears a listed case at a meeting.
    public func hearCase(_ ref: String, on day: Day) throws(CaseError) {
        try write(.hearCase) { db, _ in try hear(db, on: day, try ReferralLookup.record(db, ref: ref)) }
    }

    /// The agenda, with only the cases within the person's scope; its reading
    /// is recorded with where it went (a pack's recipients, a plain file).
    public func agenda(on day: Day, destination: PackDestination = .terminal) throws(CaseError) -> Agenda {
        try write(.viewAgenda) { db, permit in
            let agenda = try flagSerial(db, try meetings.agenda(db, of: try requireMeeting(db, on: day), scope: permit.scope))
            try recordAccess(db, permit, referralIDs: agenda.cases.map(\.referral.id), reason: destination.accessReason)
            return agenda
        }
    }

    /// The minutes (and action log); recorded as the agenda is.
    public func minutes(on day: Day, destination: PackDestination = .terminal) throws(CaseError) -> Minutes {
        try write(.writeMeetingDocuments) { db, permit in
            let minutes = try meetings.minutes(db, of: try requireMeeting(db, on: day))
            try recordAccess(db, permit, referralIDs: minutes.agenda.cases.map(\.referral.id), reason: destination.accessReason)
            return minutes
        }
    }

    /// Writes the agenda, minutes and action log into a folder as age files
    /// encrypted to the MARAC's own key (owner-only; opened with the open use
    /// case), recording what they showed, where it went and that they were
    /// written, in one transaction: if a file cannot be written nothing is
    /// recorded and no file is left. Returns the files' names.
    @discardableResult
    public func writeMeetingDocuments(on day: Day, folder: String) throws(CaseError) -> [String] {
        try write(.writeMeetingDocuments) { db, permit in
            let identity = try maracIdentity(db)
            let minutes = try meetings.minutes(db, of: try requireMeeting(db, on: day))
            try recordAccess(db, permit, referralIDs: minutes.agenda.cases.map(\.referral.id),
                             reason: PackDestination.encrypted([.marac]).accessReason)
            var written: [String] = []
            do {
                for (name, text) in MeetingDocuments.files(minutes, today: today) {
                    let path = (folder as NSString).appendingPathComponent(name + ".age")
                    let writer = try PackWriter(path: path, recipients: [identity.recipient])
                    written.append(path)
                    try writer.write(text)
                    try writer.finish()
                }
            } catch {
                for path in written { try? FileManager.default.removeItem(atPath: path) }
                throw error
            }
            try Audit.record(db, actor: actor, action: "write", entity: "meeting", entityID: minutes.agenda.meeting.id,
                             detail: "agenda, minutes and action log, encrypted to the MARAC key")
            return written.map { ($0 as NSString).lastPathComponent }
        }
    }
}
