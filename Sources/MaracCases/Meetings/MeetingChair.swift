internal import MaracStore
import Foundation
internal import GRDB

/// Minutes a chair would sign (issue 22): the coordinator records who
/// chaired, when the meeting started and ended, and each representative's
/// name, as they record the register (the same permission).
extension Session {
    /// Records what is given (nil keeps what was recorded); `representatives`
    /// by agency code, each of an agency recorded present. One transaction:
    /// a bad value leaves everything as it was. The audit detail names the
    /// fields changed, never the names.
    public func recordChairing(on day: Day, chair: String? = nil, started: String? = nil, ended: String? = nil,
                               representatives: [String: String] = [:]) throws(CaseError) {
        try write(.recordAttendance) { db, _ in
            let meeting = try requireMeeting(db, on: day)
            let kept = try meetings.chairing(db, meetingID: meeting.id)
            let next: MeetingChairing
            do { next = try kept.updated(chair: chair, started: started, ended: ended) } catch let error as FieldError { throw CaseError(error) }
            if chair != nil || started != nil || ended != nil {
                try meetings.saveChairing(db, meetingID: meeting.id, next, by: actor.name)
            }
            for (agency, name) in representatives.sorted(by: { $0.key < $1.key }) {
                let checked: String
                do { checked = try MeetingChairing.name(name, field: "representative") } catch let error as FieldError { throw CaseError(error) }
                guard try meetings.nameRepresentative(db, meetingID: meeting.id, agency: agency, name: checked) else {
                    throw CaseError(.invalid, field: "representative", "names an agency not recorded present: record the register first (meeting attend)")
                }
            }
            let fields = [chair.map { _ in "chair" }, started.map { _ in "started" }, ended.map { _ in "ended" }].compactMap { $0 }
                + representatives.keys.sorted().map { "representative:" + $0 }
            try Audit.record(db, actor: actor, action: "chair", entity: "meeting", entityID: meeting.id, detail: fields.joined(separator: ","))
        }
    }

    /// The names that would go to every agency in minutes and that match a
    /// name in one of the meeting's cases (victim, perpetrator, children,
    /// aliases), folded as search folds them: the caller warns before saving.
    public func caseNamesIn(_ text: String, meeting day: Day) throws(CaseError) -> [String] {
        try read(.recordAttendance) { db, _ in
            let meeting = try requireMeeting(db, on: day)
            return CaseNamesInText.found(in: text, names: try meetings.caseNames(db, meetingID: meeting.id))
        }
    }
}
