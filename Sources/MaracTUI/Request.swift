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
    /// An incident from its fields (`IncidentInput.columns`); `perpetrator`
    /// when the one named was said to be someone recorded, or new.
    case logIncident([String: String], perpetrator: PersonChoice?)
    // The week from the UI (issue 22, defect 6): the use cases the command line calls.
    /// Agencies that will attend (the coordinator's `meeting confirm`).
    case confirmAttendance(meeting: Day, agencies: [String])
    /// An agency representative's own agency will attend.
    case confirmOwnAttendance(meeting: Day)
    /// Research lists to `path`: one agency's file, or a folder with every expected agency's (agency nil).
    case sendResearchLists(meeting: Day, agency: String?, path: String)
    /// A returned research list (plain, or an age file to the MARAC's key) loaded: all or nothing.
    case loadResearchReturn(meeting: Day, path: String)
    /// A meeting's action log: one agency's file, or a folder with one per agency.
    case sendActionLogs(meeting: Day, agency: String?, path: String)
    /// Chase packs: one agency's file, or a folder with one per agency.
    case sendChaseLists(agency: String?, path: String)
    /// The board report (HTML) for a quarter, suppressed.
    case writeBoardReport(Quarter, path: String)
    /// The controlled (suppressed) figures of a quarter as CSV or JSON.
    case writeFigures(Quarter, format: FiguresFormat, path: String)
    /// Issue 25: the case sent to another MARAC (a known peer, by name), the bundle written owner-only.
    case transferOut(ref: String, peer: String, answers: TransferAnswers, path: String)
    /// Issue 25: a case taken in listed (on the next planned meeting) or noted, the acknowledgement written owner-only.
    case decideTransfer(ref: String, decision: TransferDecision, reason: String, path: String)
}

/// The formats figures are exported in from the figures screen.
public enum FiguresFormat: String, Equatable, Sendable { case csv, json }

/// Writes the week's files for the UI as the command line writes them (the
/// `marac` executable gives the app its own writers, so a file from the UI
/// and from a command are the same document, protected the same way).
public protocol WeekFiles: Sendable {
    /// Carries out one file request with the session; the words for the message line.
    func write(_ request: Request, session: Session) throws -> String
}
