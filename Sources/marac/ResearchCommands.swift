import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

/// Research before the meeting: confirming who comes, the research lists
/// agencies check their records against, and the returns they send back.
extension MeetingCommand {
    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "confirm", 
            abstract: "Record agencies that confirmed they will attend (before the meeting): they are expected to return research.")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Argument(help: "The agencies' codes; none: an agency user confirms its own agency.") var agencies: [String] = []
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            if agencies.isEmpty {
                // The same use case as the agency home's `c` (issue 22).
                try guarded { try session.confirmOwnAttendance(on: when) }
                note("confirmed for \(when): your agency")
                return
            }
            try guarded { try session.confirmAttendance(on: when, agencies: agencies.map { $0.lowercased() }) }
            note("confirmed for \(when): \(agencies.count) agenc\(agencies.count == 1 ? "y" : "ies")")
        }
    }

    struct Research: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "research", 
            abstract: "An agency's research list: for each case on the agenda, only what it needs to match its records, with blank return columns.",
            discussion: "The CSV is what `marac meeting research-return` reads back. Without --out it is printed for your own screen.")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Option(help: "The agency the list is for (it is encrypted to this agency's key).") var agency: String
        @Option(help: "Write the list to this file (a pack encrypted to the agency's key).") var out: String?
        @OptionGroup(title: "Protection (a file or pipe needs the agency's key, --passphrase or --plain)") var pack: AgencyPackOptions
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            let code = agency.lowercased()
            let output = try AgencyPack(pack, agencies: [code], toFile: out != nil, session: session)
            guard !output.toScreen else {
                // The coordinator's own screen: a read, not a sending.
                write(ResearchListCSV.render(try guarded { try session.researchList(on: when, agency: code) }))
                return
            }
            try guarded {
                try session.sendResearchList(on: when, agency: code) { list in
                    try output.write(ResearchListCSV.render(list), for: list.agency, to: out)
                }
            }
            if let out { note("research list for \(code) written: \(out)") }
        }
    }

    struct ResearchReturn: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "research-return",
            abstract: "Load a returned research list (CSV): all or nothing, every bad row named.",
            discussion: "Columns: \(ResearchReturnInput.columns.joined(separator: ", ")). Required: \(ResearchReturnInput.requiredColumns.joined(separator: ", ")). The matching columns are ignored; rows with every return column blank are skipped. See docs/agencies.md.")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Argument(help: "The returned CSV file, plain or an age file encrypted to the MARAC's key (marac key show).") var file: String
        @Flag(help: "The file is an age file protected by a passphrase: ask for it (or $MARAC_PASSPHRASE with no terminal).") var passphrase = false
        func run() throws {
            let when = try day(date, "date")
            let (text, session) = try Delivery.returnedText(file, passphrase: passphrase) { try openSession(global) }
            let load = try guarded { try session.importResearchReturns(on: when, csv: text, fileName: file) }
            note("recorded \(load.recorded) research return(s) from \(file)" + (load.blank > 0 ? "; \(load.blank) row(s) left blank skipped" : ""))
        }
    }

    struct ResearchRecord: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "research-record",
            abstract: "Record an agency's research return for a case on the agenda (an agency user: its own; the coordinator: on an agency's behalf).")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Argument var ref: String
        @Option(help: "The agency returning (default: your own agency).") var agency: String?
        @Option(help: "yes: the agency knows the victim, perpetrator or children; no: not known.") var known: String
        @Option(help: "What the agency holds (required when known).") var summary: String = ""
        @Option(help: "Current risks, or the safeguarding in place.") var risks: String = ""
        @Option(help: "The day it was returned, YYYY-MM-DD (default today).") var returnedOn: String?
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            var fields = ["referral_ref": ref, "known": known, "summary": summary, "current_risks": risks]
            if let agency { fields["agency"] = agency }
            if let returnedOn { fields["returned_on"] = returnedOn }
            let recorded = try guarded { try session.recordResearch(on: when, fields) }
            note("research return recorded: \(recorded.ref), \(recorded.agency), \(ResearchReturnInput.knownWords(recorded.known))")
        }
    }

    struct Returns: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "returns", 
            abstract: "The research returned for a meeting's cases: each agency's current return (an agency user: its own).")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Option(help: "One case.") var ref: String?
        @Option var format: OutputFormat = .table
        @OptionGroup var output: PlainOutput
        func run() throws {
            try output.check()
            let session = try openSession(global)
            let when = try day(date, "date")
            let returns = try guarded { try session.researchReturns(on: when, ref: ref) }
            if format == .json {
                write(JSON.array(returns.map(ResearchPrinter.json)).render() + "\n")
                return
            }
            let rows = returns.map { r in
                [r.ref, r.agency, ResearchReturnInput.knownWords(r.known), format == .table ? truncated(r.summary, 40) : r.summary,
                 format == .table ? truncated(r.currentRisks, 30) : r.currentRisks, r.returnedOn.description, r.recordedBy,
                 r.onBehalf ? "yes" : "no", String(r.earlier)]
            }
            write(Table(columns: ["ref", "agency", "known", "summary", "current_risks", "returned_on", "recorded_by", "on_behalf", "earlier"],
                        rows: rows).render(format: format))
        }
    }

    struct ActionLog: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "action-log",
            abstract: "The actions agreed at a meeting, by agency, with owner and due date: one file per agency.",
            discussion: "With --agency, --out is that agency's file; without, --out is a folder holding marac-actions-DATE-AGENCY.csv for each agency with actions. Without --out the log is printed.")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Option(help: "One agency's actions (its file is encrypted to its key).") var agency: String?
        @Option(help: "The file (with --agency) or folder to write to: one pack per agency, encrypted to its key.") var out: String?
        @OptionGroup(title: "Protection (a file or pipe needs each agency's key, --passphrase or --plain)") var pack: AgencyPackOptions
        func validate() throws {
            if out == nil, agency == nil, !pack.plain, isatty(STDOUT_FILENO) != 1 {
                throw ValidationError("to a pipe the action log goes one agency at a time (--agency) or --plain")
            }
        }
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            let code = agency?.lowercased()
            let recipients = try guarded { try session.actionLogRecipients(on: when, agency: code) }
            let output = try AgencyPack(pack, agencies: recipients, toFile: out != nil, session: session)
            guard let out else {
                if output.toScreen {
                    write(ActionLogCSV.render(try guarded { try session.actionLog(on: when, agency: code) }))
                } else {
                    _ = try guarded {
                        try session.sendActionLogs(on: when, agency: code) { agency, actions in
                            try output.write(ActionLogCSV.render(actions), for: agency, to: nil)
                        }
                    }
                }
                return
            }
            if agency == nil { try Delivery.folder(out) }
            let sent = try output.sending {
                try guarded {
                    try session.sendActionLogs(on: when, agency: code) { agency, actions in
                        let path = code == nil ? (out as NSString).appendingPathComponent("marac-actions-\(when)-\(agency).csv\(output.suffix)") : out
                        return try output.write(ActionLogCSV.render(actions), for: agency, to: path)
                    }
                }
            }
            note(sent.isEmpty ? "no actions were agreed at the meeting on \(when)\(agency.map { " for \($0)" } ?? "")"
                              : "action log written for \(sent.joined(separator: ", "))")
        }
    }
}

enum ResearchPrinter {
    static func json(_ r: ResearchReturnRecord) -> JSON {
        .object([("ref", .string(r.ref)), ("agency", .string(r.agency)), ("known", .bool(r.known)), ("summary", .string(r.summary)),
                 ("current_risks", .string(r.currentRisks)), ("returned_on", .string(r.returnedOn.description)),
                 ("recorded_by", .string(r.recordedBy)), ("on_behalf", .bool(r.onBehalf)), ("from_file", .bool(r.fromFile)),
                 ("earlier_returns", .int(r.earlier))])
    }
}

/// One agency's action log as CSV: what it agreed to do, who owns it, when it is due.
enum ActionLogCSV {
    static func render(_ actions: [ActionRecord]) -> String {
        ([CSV.row(["agency", "action", "ref", "owner", "due_on", "status", "description"])] + actions.map {
            CSV.safeRow([$0.agency, String($0.id), $0.referralRef, $0.owner, $0.due.description, $0.status.rawValue, $0.description])
        }).joined()
    }
}
