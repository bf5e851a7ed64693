import MaracCore
import MaracCases

/// The one place the terminal UI calls the use-case layer for what a key
/// asked: each request is one session method (one transaction), and on
/// success the words the message line says, made from what it returned.
extension App {
    func run(_ request: Request) throws -> String {
        switch request {
        case .referToPanel(let ref, let reason):
            let made = try session.referToPanel(perpetratorID: nil, from: ref, reason: reason)
            let criteria = made.criteria.isEmpty ? "no criteria met" : made.criteria.map(\.words).joined(separator: ", ")
            return "perpetrator of \(ref) referred to the panel (panel referral \(made.id)): \(criteria)"
        case .referIncident(let id, let ref):
            let made = try session.referIncident(id, ref: ref).referral
            return "incident \(id) referred as \(made.ref)\(made.isRepeat ? " (repeat)" : ""), waiting to be screened"
        case .logIncident(let fields, let perpetrator):
            return IncidentPrompts.saved(try session.logIncident(fields, perpetrator: perpetrator))
        case .screenIn(let ref, let meeting):
            let day = try session.screenIn(ref, listingOn: meeting)
            return meeting == nil ? "\(ref) screened in and listed on the next meeting" : "\(ref) screened in and listed for \(day)"
        case .decline(let ref, let reason):
            try session.decline(ref, reason: reason)
            return "\(ref) declined"
        case .logReferral(let columns, let identity):
            let saved = try session.logReferral(columns, identity: identity).referral
            return "\(saved.ref) saved: \(saved.band.words) risk, waiting to be screened"
        case .editReferral(let columns, let version, let reason, let replaceAnswers):
            let saved = try session.editReferral(columns, openedAtVersion: version, reason: reason, replaceAnswers: replaceAnswers)
            return "\(saved.referral.ref) saved; the change is in its history (H)"
        case .createMeeting(let day):
            try session.createMeeting(on: day)
            return "meeting created: \(day)"
        case .hear(let ref, let day):
            try session.hearCase(ref, on: day)
            return "\(ref) heard"
        case .recordShared(let ref, let day, let text):
            try session.recordShared(ref, on: day, text: text)
            return "recorded for \(ref)"
        case .recordSharedBy(let ref, let day, let agency, let text):
            let id = try session.recordShared(ref, on: day, agency: agency, text: text)
            return "entry \(id) recorded for \(ref)"
        case .recordAttendance(let day, let agencies):
            try session.recordAttendance(on: day, agencies: agencies)
            return "register updated: \(Count.of(agencies.count, "agency", plural: "agencies")) signed"
        case .writeMeetingDocuments(let day, let folder):
            _ = try session.writeMeetingDocuments(on: day, folder: folder)
            return "encrypted to the MARAC key in \(folder): marac-agenda-\(day).md.age, marac-minutes-\(day).md.age, marac-actions-\(day).csv.age; read with marac open"
        case .removeCase(let ref, let day):
            try session.removeCase(ref, from: day)
            return "\(ref) taken off the agenda for \(day)"
        case .moveCase(let ref, let from, let to):
            try session.moveCase(ref, from: from, to: to)
            return "\(ref) moved to the meeting on \(to)"
        case .reorderCase(let ref, let day, let place):
            _ = try session.reorderCase(ref, on: day, to: place)
            return "\(ref) moved \(Self.words(place)) within its section"
        case .addLateCase(let ref, let day):
            // One use case, one transaction: it screens a referral just received in as it lists it.
            try session.addUrgentLateCase(ref, on: day)
            return "\(ref) added late, urgent, to the meeting on \(day)"
        case .recordResearch(let day, let fields):
            _ = try session.recordResearch(on: day, fields)
            return "research return recorded for \(fields["referral_ref"] ?? "") (\(fields["agency"] ?? ""))"
        case .addAction(let ref, let agency, let owner, let due, let description, let meeting):
            _ = try session.agreeAction(on: ref, agency: agency, owner: owner, due: due, description: description, meeting: meeting)
            return "action agreed for \(ref)"
        case .completeAction(let id, let note):
            try session.completeAction(id, note: note)
            return "action #\(id) done"
        case .recordActionIncomplete(let id, let reason):
            try session.recordActionIncomplete(id, reason: reason)
            return "action #\(id) recorded as incomplete"
        case .correct(let correction, let reason):
            return try correct(correction, reason: reason)
        case .confirmAttendance(let day, let agencies):
            try session.confirmAttendance(on: day, agencies: agencies)
            return "confirmed for \(day): \(Count.of(agencies.count, "agency", plural: "agencies")) expected to return research"
        case .confirmOwnAttendance(let day):
            try session.confirmOwnAttendance(on: day)
            return "confirmed: your agency will attend on \(day) (R records its research)"
        case .sendResearchLists, .loadResearchReturn, .sendActionLogs, .sendChaseLists, .writeBoardReport, .writeFigures, .transferOut,
             .decideTransfer:
            guard let files else {
                throw CaseError(.invalid, field: "file", "files are written by the marac program: start the UI with marac")
            }
            return try files.write(request, session: session)
        }
    }

    /// Each correction is one use case; the message says what changed.
    func correct(_ correction: Correction, reason: String) throws -> String {
        switch correction {
        case .moveDue(let id, let day):
            try session.moveActionDue(id, to: day, reason: reason)
            return "action #\(id) now due \(day)"
        case .reassign(let id, let owner, let agency):
            try session.reassignAction(id, owner: owner, agency: agency, reason: reason)
            return "action #\(id) reassigned"
        case .reopen(let id):
            try session.reopenAction(id, reason: reason)
            return "action #\(id) is open again"
        case .unhear(let ref, let day):
            try session.unhearCase(ref, on: day, reason: reason)
            return "\(ref) is listed again for \(day)"
        case .cancelMeeting(let day):
            let count = try session.cancelMeeting(on: day, reason: reason)
            return "meeting on \(day) cancelled; \(count) case\(count == 1 ? "" : "s") back to screened in"
        case .moveMeeting(let day, let to):
            try session.moveMeeting(on: day, to: to, reason: reason)
            return "meeting on \(day) moved to \(to)"
        case .correctShared(let id, let text):
            try session.correctShared(id, text: text, reason: reason)
            return "entry \(id) corrected"
        case .withdrawShared(let id):
            try session.withdrawShared(id, reason: reason)
            return "entry \(id) withdrawn"
        }
    }

    static func words(_ place: Session.AgendaPlace) -> String {
        switch place {
        case .up: "up"
        case .down: "down"
        case .place(let n): "to place \(n)"
        }
    }

    /// Makes the screen a key asked for, with what only the session knows.
    func screen(for request: ScreenRequest) throws -> any Screen {
        switch request {
        case .referral(let ref, let breakGlass): ReferralScreen(ref: ref, breakGlass: breakGlass)
        case .newReferral: ReferralFormScreen(today: session.today)
        case .editReferral(let ref): ReferralFormScreen(editing: try session.referral(ref), today: session.today)
        case .history(let ref, let breakGlass): HistoryScreen(ref: ref, breakGlass: breakGlass)
        case .meetings: MeetingsScreen()
        case .agenda(let day): AgendaScreen(day: day, today: session.today)
        case .actions(let agency): ActionsScreen(agency: agency, today: session.today)
        case .action(let action): ActionTextScreen(action: action)
        case .caseActions(let ref): ActionTextScreen(ref: ref)
        case .figures: FiguresScreen(today: session.today)
        case .confidentiality(let day): ConfidentialityScreen(day: day)
        case .search: SearchScreen()
        case .possibleExistingPeople(let columns, let identity):
            PossibleExistingPersonScreen(columns: columns, choices: identity, candidates: try session.possibleExistingPeople(columns))
        case .sharedEntries(let day): SharedEntriesScreen(day: day)
        case .triage: TriageScreen()
        case .researchInFull(let ref, let meeting): ResearchTextScreen(ref: ref, meeting: meeting)
        case .minutes(let day): MinutesScreen(day: day)
        case .disclosureRequests: DisclosureScreen()
        case .perpetrator(let id): PerpetratorScreen(perpetratorID: id)
        case .perpetratorRanking: PerpetratorRankingScreen()
        case .agendaText(let day): AgendaTextScreen(day: day)
        }
    }
}
