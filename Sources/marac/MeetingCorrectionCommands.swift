import ArgumentParser
import Foundation
import MaracCore
import MaracCases

/// What was shared, entry by entry, and the corrections made at and after a
/// meeting (issue 20): each correction needs --reason, kept in the history.
extension MeetingCommand {
    struct Share: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "share", abstract: "Record what an agency shared about a case at the meeting on DATE (prints the entry's id).")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Argument var ref: String
        @Option(help: "The agency that shared it (a code, see marac agency list).") var agency: String
        @Option(help: "What was shared.") var text: String
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            let id = try guarded { try session.recordShared(ref, on: when, agency: agency.lowercased(), text: text) }
            write("\(id)\n")
            note("entry \(id) recorded for \(ref) at \(when)")
        }
    }

    struct Shared: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "shared", abstract: "List what was shared at the meeting on DATE, entry by entry, with ids (withdrawn ones marked).")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Option var format: OutputFormat = .table
        @OptionGroup var output: PlainOutput
        func run() throws {
            try output.check()
            let session = try openSession(global)
            let when = try day(date, "date")
            let entries = try guarded { try session.sharedEntries(on: when) }
            let rows = entries.map { e in
                [String(e.id), e.ref, e.agency ?? SharedEntry.agencyNotRecorded, e.recordedOn.description, e.recordedBy,
                 e.withdrawn ? "withdrawn" : "", e.text]
            }
            write(Table(columns: ["id", "ref", "agency", "recorded_on", "recorded_by", "withdrawn", "text"], rows: rows).render(format: format))
        }
    }

    struct ShareCorrect: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "share-correct",
            abstract: "Correct an entry of what was shared: new text, or the right case or agency (the minutes show the correction).",
            discussion: "By whoever recorded it, or the coordinator. The slip is kept in the case's history with the reason.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Option(help: "The corrected text.") var text: String?
        @Option(help: "The case it belongs to (on the same meeting's agenda).") var ref: String?
        @Option(help: "The agency that shared it.") var agency: String?
        @Option(help: "Why (required).") var reason: String
        func validate() throws {
            guard text != nil || ref != nil || agency != nil else { throw ValidationError("give --text, --ref or --agency (what is corrected)") }
        }
        func run() throws {
            let session = try openSession(global)
            try guarded { try session.correctShared(id, text: text, ref: ref, agency: agency?.lowercased(), reason: reason) }
            note("entry \(id) corrected")
        }
    }

    struct ShareWithdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "share-withdraw", abstract: "Withdraw an entry of what was shared (gone from the minutes; kept in the history).")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Option(help: "Why (required).") var reason: String
        func run() throws {
            let session = try openSession(global)
            try guarded { try session.withdrawShared(id, reason: reason) }
            note("entry \(id) withdrawn")
        }
    }

    struct Unhear: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unhear", abstract: "A hearing recorded in error: the case goes back to listed on the meeting on DATE.",
            discussion: "Refused once an action agreed there was closed, or when a later meeting lists the case.")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Argument var ref: String
        @Option(help: "Why (required).") var reason: String
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            try guarded { try session.unhearCase(ref, on: when, reason: reason) }
            note("\(ref) is listed again for \(when)")
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel", abstract: "Cancel the meeting on DATE: its cases go back to screened in, or to --move-cases-to.",
            discussion: "Refused once a case has been heard at it.")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Option(help: "Why (required).") var reason: String
        @Option(help: "List its cases on the meeting on this date instead, in the same step.") var moveCasesTo: String?
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            let target = try moveCasesTo.map { try day($0, "move-cases-to") }
            let count = try guarded { try session.cancelMeeting(on: when, reason: reason, moveCasesTo: target) }
            let cases = "\(count) case\(count == 1 ? "" : "s")"
            note("meeting on \(when) cancelled; " + (target.map { "\(cases) moved to \($0)" } ?? "\(cases) back to screened in"))
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "move", abstract: "Move the planned meeting on DATE to another date, its agenda with it.")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Option(help: "The new date, YYYY-MM-DD.") var to: String
        @Option(help: "Why (required).") var reason: String
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            let newDay = try day(to, "to")
            try guarded { try session.moveMeeting(on: when, to: newDay, reason: reason) }
            note("meeting on \(when) moved to \(newDay)")
        }
    }
}
