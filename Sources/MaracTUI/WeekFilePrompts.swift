import MaracCore

/// A file the week sends or reads from the UI (issue 22, defect 6), as a
/// value: what the path prompt asks, the default it offers, and the request
/// the path answers. Files for agencies are age files encrypted to the
/// agency's key, as the command line writes them; the figures are suppressed.
public enum FileTask: Equatable, Sendable {
    case researchLists(meeting: Day, agency: String?)
    case researchReturn(meeting: Day, agency: String?)
    case actionLogs(meeting: Day, agency: String?)
    case chaseLists(agency: String?, today: Day)
    case boardReport(Quarter)
    case figures(Quarter, FiguresFormat)

    /// The question: what is written (or read), and whether the path names a file or a folder.
    var question: String {
        switch self {
        case .researchLists(let day, nil): "Folder for every research list of \(day) (one file per agency, each encrypted to its key)"
        case .researchLists(let day, let agency?): "File for \(Draw.agency(agency))'s research list of \(day) (encrypted to its key)"
        case .researchReturn(let day, _): "Returned research list for \(day) to load (CSV, or an age file to the MARAC's key)"
        case .actionLogs(let day, nil): "Folder for the action logs of \(day) (one file per agency, each encrypted to its key)"
        case .actionLogs(let day, let agency?): "File for \(Draw.agency(agency))'s action log of \(day) (encrypted to its key)"
        case .chaseLists(nil, _): "Folder for the chase packs (one file per agency, each encrypted to its key)"
        case .chaseLists(let agency?, _): "File for \(Draw.agency(agency))'s chase pack (encrypted to its key)"
        case .boardReport(let quarter): "File for the board report of \(quarter) (HTML, small counts suppressed)"
        case .figures(let quarter, let format): "File for the figures of \(quarter) (\(format.rawValue.uppercased()), small counts suppressed)"
        }
    }

    /// The path offered: named as the command line names these files, in the current folder.
    var defaultPath: String {
        switch self {
        case .researchLists(let day, nil): "marac-research-\(day)"
        case .researchLists(let day, let agency?): "marac-research-\(day)-\(agency).csv.age"
        case .researchReturn(let day, let agency): "marac-research-\(day)\(agency.map { "-\($0)" } ?? "").csv"
        case .actionLogs(let day, nil): "marac-actions-\(day)"
        case .actionLogs(let day, let agency?): "marac-actions-\(day)-\(agency).csv.age"
        case .chaseLists(nil, let today): "marac-chase-\(today)"
        case .chaseLists(let agency?, let today): "marac-chase-\(today)-\(agency).csv.age"
        case .boardReport(let quarter): "marac-report-\(quarter).html"
        case .figures(let quarter, let format): "marac-figures-\(quarter).\(format.rawValue)"
        }
    }

    func request(_ path: String) -> Request {
        switch self {
        case .researchLists(let day, let agency): .sendResearchLists(meeting: day, agency: agency, path: path)
        case .researchReturn(let day, _): .loadResearchReturn(meeting: day, path: path)
        case .actionLogs(let day, let agency): .sendActionLogs(meeting: day, agency: agency, path: path)
        case .chaseLists(let agency, _): .sendChaseLists(agency: agency, path: path)
        case .boardReport(let quarter): .writeBoardReport(quarter, path: path)
        case .figures(let quarter, let format): .writeFigures(quarter, format: format, path: path)
        }
    }

    /// The prompt for this file, its default filled in (Enter takes it).
    var ask: Effect { .ask(.filePath(self, problem: nil), initial: defaultPath) }
}

/// The answers of the week's questions: plain functions of the text typed.
enum WeekFilePrompts {
    static func answerPath(_ text: String, _ task: FileTask) -> [Effect] {
        let path = text.trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else { return [.ask(.filePath(task, problem: "a file or folder name is needed"), initial: text)] }
        return [.request(task.request(path))]
    }

    static func answerConfirm(_ text: String, on day: Day) -> [Effect] {
        let codes = text.split(separator: " ").map { $0.lowercased() }
        guard !codes.isEmpty else { return [.message("nothing confirmed: no agency was marked")] }
        return [.request(.confirmAttendance(meeting: day, agencies: codes))]
    }

    static func answerResearchFor(_ text: String, on day: Day) -> [Effect] {
        let code = text.trimmingCharacters(in: .whitespaces).lowercased()
        if !code.isEmpty, (try? AgencyCode(validating: code)) == nil {
            return [.ask(.researchListsFor(meeting: day, problem: "not an agency code: choose one from the list by name"), initial: text)]
        }
        return [FileTask.researchLists(meeting: day, agency: code.isEmpty ? nil : code).ask]
    }
}
