import MaracCore
import MaracCases

/// One use-case call the terminal UI makes, as a value. Screens return these;
/// `App.run(_:)` (App+Requests.swift) alone calls the session with them.
public enum Request: Equatable, Sendable {
    // Screening
    /// Screen in and list on `meeting`, or on the next meeting when nil.
    case screenIn(ref: String, meeting: Day?)
    case decline(ref: String, reason: String)
    // Referrals
    /// With the choices made about possible existing people (issue 20).
    case logReferral([String: String], identity: IdentityChoices = IdentityChoices())
    /// A correction, with the reason for it (issue 20); `replaceAnswers` when the person agreed to clear checklist answers.
    case editReferral([String: String], openedAtVersion: Int, reason: String, replaceAnswers: Bool)
    // Meetings
    case createMeeting(Day)
    case hear(ref: String, meeting: Day)
    case recordShared(ref: String, meeting: Day, text: String)
    /// What an agency present shared (issue 20: each entry names its agency).
    case recordSharedBy(ref: String, meeting: Day, agency: String, text: String)
    case recordAttendance(meeting: Day, agencies: [String])
    case writeMeetingDocuments(meeting: Day, folder: String)
    case removeCase(ref: String, meeting: Day)
    case moveCase(ref: String, from: Day, to: Day)
    case reorderCase(ref: String, meeting: Day, place: Session.AgendaPlace)
    /// An urgent case added after hearing has started (screened in with it when just received).
    case addLateCase(ref: String, meeting: Day)
    case recordResearch(meeting: Day, fields: [String: String])
    // Actions
    case addAction(ref: String, agency: String, owner: String, due: Day, description: String, meeting: Day)
    case completeAction(id: Int64, note: String)
    case recordActionIncomplete(id: Int64, reason: String)
    /// A correction with its reason (issue 20); moving a due date is one.
    case correct(Correction, reason: String)
    // Between meetings (issue 23)
    /// The referral an incident calls for, under `ref`.
    case referIncident(id: Int64, ref: String)
    // The perpetrator panel (issue 24)
    /// The perpetrator of the case `ref`, referred to the panel with the reason.
    case referToPanel(ref: String, reason: String)
}
