import Foundation
import MaracAge
import MaracCore
import MaracCases
import MaracDocuments
import MaracTUI

/// The week's files written from the terminal UI (issue 22, defect 6): the
/// same use cases and the same documents as the commands (`meeting research`,
/// `meeting research-return`, `meeting action-log`, `action chase`, `report`,
/// `stats`). A file for an agency is an age file encrypted to that agency's
/// stored key, as the commands write it when no protection option is given;
/// files are owner-only (`PackWriter`, `LocalFiles`). The UI never asks for a
/// passphrase (it would write over the screen): an agency with no key is
/// refused before anything is written, naming the fix. Errors are thrown as
/// values for the UI's message area, never printed.
struct UIWeekFiles: WeekFiles {
    func write(_ request: Request, session: Session) throws -> String {
        switch request {
        case .sendResearchLists(let day, let agency, let path):
            let agencies = try agency.map { [$0] } ?? session.researchListRecipients(on: day)
            let packs = try AgencyKeys(agencies, session: session)
            let folder = agency == nil ? try Self.folder(path) : nil
            let sent = try packs.sending { written in
                let deliver = { (list: ResearchList) throws -> PackDestination in
                    let file = folder.map { ($0 as NSString).appendingPathComponent("marac-research-\(day)-\(list.agency).csv.age") } ?? path
                    return try packs.write(ResearchListCSV.render(list), for: list.agency, to: file, written: &written)
                }
                if let agency {
                    try session.sendResearchList(on: day, agency: agency, deliver: deliver)
                    return [agency]
                }
                return try session.sendResearchLists(on: day, deliver: deliver)
            }
            return "research lists written to \(Self.shown(path)) for \(sent.joined(separator: ", ")), each encrypted to its agency's key"
        case .loadResearchReturn(let day, let path):
            var data = try Self.read(path)
            // An age file comes back to the MARAC's own key: opened as `marac open` opens it (the coordinator's).
            if Age.looksEncrypted(data.prefix(256)) { data = try session.openPack(data, passphrase: nil) }
            guard let text = String(data: data, encoding: .utf8) else {
                throw CaseError(.invalid, field: "file", "is not UTF-8 text: save the list as CSV (UTF-8)")
            }
            let load = try session.importResearchReturns(on: day, csv: text, fileName: (path as NSString).lastPathComponent)
            return "recorded \(Count.of(load.recorded, "research return")) for \(day)" + (load.blank > 0 ? "; \(Count.of(load.blank, "row")) left blank skipped" : "")
        case .sendActionLogs(let day, let agency, let path):
            let packs = try AgencyKeys(try session.actionLogRecipients(on: day, agency: agency), session: session)
            let folder = agency == nil ? try Self.folder(path) : nil
            let sent = try packs.sending { written in
                try session.sendActionLogs(on: day, agency: agency) { code, actions in
                    let file = folder.map { ($0 as NSString).appendingPathComponent("marac-actions-\(day)-\(code).csv.age") } ?? path
                    return try packs.write(ActionLogCSV.render(actions), for: code, to: file, written: &written)
                }
            }
            return sent.isEmpty ? "no actions were agreed at the meeting on \(day)\(agency.map { " for \($0)" } ?? ""): nothing written"
                : "action logs of \(day) written to \(Self.shown(path)) for \(sent.joined(separator: ", ")), each encrypted to its agency's key"
        case .sendChaseLists(let agency, let path):
            let packs = try AgencyKeys(try session.chaseRecipients(agency: agency), session: session)
            let folder = agency == nil ? try Self.folder(path) : nil
            let today = session.today
            let sent = try packs.sending { written in
                try session.sendChaseLists(agency: agency) { code, list in
                    let file = folder.map { ($0 as NSString).appendingPathComponent("marac-chase-\(code).csv.age") } ?? path
                    return try packs.write(ChasePrinter.render(list, format: .csv, today: today, toFile: true), for: code, to: file, written: &written)
                }
            }
            return sent.isEmpty ? "nothing to chase: nothing written"
                : "chase packs written to \(Self.shown(path)) for \(sent.joined(separator: ", ")), each encrypted to its agency's key"
        case .writeBoardReport(let quarter, let path):
            let (document, names, threshold, rounding) = try Self.figures(quarter.period, session)
            let comparisons = try [quarter.period.quarterBefore, quarter.period.yearBefore].compactMap { $0 }.map { other in
                FiguresDocument(try session.figures(other), suppress: true, threshold: threshold, rounding: rounding)
            }
            let html = ReportHTML.render(document.named(names), names: names, generatedOn: session.today, comparisons: comparisons)
            try Self.create(path, html)
            return "board report written: \(Self.shown(path)) (counts under \(threshold) suppressed; readable by you only)"
        case .writeFigures(let quarter, let format, let path):
            let (document, _, threshold, _) = try Self.figures(quarter.period, session)
            try Self.create(path, format == .csv ? FiguresText.csv(document) : document.json().render() + "\n")
            return "figures written: \(Self.shown(path)) (\(format.rawValue.uppercased()), counts under \(threshold) suppressed; readable by you only)"
        case .transferOut(let ref, let peer, let answers, let path):
            // The same use case as `marac transfer out`, to the peer's stored key.
            guard let key = try session.maracPeers().first(where: { $0.name == peer })?.key else {
                throw CaseError(.invalid, field: "peer", "is not a MARAC known here: add it with marac transfer peer add")
            }
            let entry = try session.transferOut(ref, to: peer, recipient: key, answers: answers) { data in
                try LocalFiles.create(atPath: path, contents: data)
            }
            return "transfer \(entry.id) of \(entry.ref) written to \(Self.shown(path)) for \(entry.peer): pending until acknowledged (readable by you only)"
        case .decideTransfer(let ref, let decision, let reason, let path):
            // The same use case as `marac transfer decide`.
            try session.decideTransfer(ref, decision, reason: reason) { data in try LocalFiles.create(atPath: path, contents: data) }
            return "\(ref): \(decision.rawValue); acknowledgement written to \(Self.shown(path)) for the sending MARAC (readable by you only)"
        default:
            throw CaseError(.invalid, field: "file", "this is not a file the UI writes")
        }
    }

    /// The figures as they leave the MARAC: always suppressed (or rounded, as set), as `report` and `stats --format csv` are by default.
    static func figures(_ period: FiguresPeriod, _ session: Session) throws -> (FiguresDocument, FiguresNames, Int, Int?) {
        let threshold = try session.suppressionThreshold()
        let rounding = try session.figuresRounding()
        // The same tables as `report` and `stats`: issue 23's and the transfers, protected with the rest.
        let figures = try session.figures(period)
        let document = FiguresDocument(figures, suppress: true, threshold: threshold, rounding: rounding,
                                       between: try session.betweenMeetingsFigures(period, repeatReferrals: figures.repeatReferrals),
                                       transfers: try session.transferFigures(period))
        return (document, try session.figuresNames(), threshold, rounding)
    }

    /// A document written whole, owner-only.
    static func create(_ path: String, _ text: String) throws {
        do { try LocalFiles.create(atPath: path, contents: Data(text.utf8)) } catch {
            throw CaseError(.storage, field: "file", "cannot be written there: choose a folder you can write to")
        }
    }

    /// A folder for one file per agency, made (owner-only) when missing.
    static func folder(_ path: String) throws -> String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw CaseError(.invalid, field: "folder", "is a file: give a folder (one file per agency goes in it)") }
            return path
        }
        do { try LocalFiles.createDirectory(atPath: path) } catch {
            throw CaseError(.storage, field: "folder", "cannot be created there: choose a folder you can write to")
        }
        return path
    }

    static func read(_ path: String) throws -> Data {
        guard FileManager.default.fileExists(atPath: path) else { throw CaseError(.notFound, field: "file", "no such file: check the name and folder") }
        guard let data = FileManager.default.contents(atPath: path) else { throw CaseError(.storage, field: "file", "cannot be read: check its permissions") }
        return data
    }

    /// A path for the message line, escaped as every terminal text is.
    static func shown(_ path: String) -> String { TerminalText.escape(path) }
}

/// Each agency's key, found before anything is written (an agency with no
/// key refused, naming the fix); files written are removed again when the
/// sending fails, so a sending not recorded leaves no file behind.
final class AgencyKeys {
    private let plans: [String: (recipients: [AgeRecipient], destination: PackDestination)]

    init(_ agencies: [String], session: Session) throws {
        var plans: [String: ([AgeRecipient], PackDestination)] = [:]
        for code in agencies {
            let resolved: PackRecipients
            do { resolved = try session.packRecipients(agencies: [code], keys: [], passphrase: false) } catch {
                throw CaseError(.invalid, field: "agency", "\(code) has no key stored: the coordinator stores it with marac agency key \(code) AGE1KEY (or writes this file with marac and --passphrase)")
            }
            plans[code] = (resolved.recipients(passphrase: nil), resolved.destination)
        }
        self.plans = plans
    }

    func write(_ text: String, for agency: String, to path: String, written: inout [String]) throws -> PackDestination {
        guard let plan = plans[agency] else { throw CaseError(.invalid, field: "agency", "no key was found for \(agency) before writing") }
        written.append(path)
        try AgencyPack.writeWhole(text, to: path, recipients: plan.recipients)
        return plan.destination
    }

    func sending<T>(_ body: (inout [String]) throws -> T) throws -> T {
        var written: [String] = []
        do { return try body(&written) } catch {
            for path in written { try? FileManager.default.removeItem(atPath: path) }
            throw error
        }
    }
}
