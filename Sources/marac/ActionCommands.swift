import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action", abstract: "Actions agreed at MARAC: add, list, complete, record why incomplete, move, reassign, reopen, chase.",
        subcommands: [Add.self, List.self, Complete.self, Incomplete.self, Move.self, Reassign.self, Reopen.self, Chase.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Agree an action on a case.")
        @OptionGroup var global: GlobalOptions
        @Argument var ref: String
        @Option(help: "The agency that owns it.") var agency: String
        @Option(help: "The person responsible.") var owner: String
        @Option(help: "Due date, YYYY-MM-DD.") var due: String
        @Option(help: "The meeting it was agreed at (default: the case's latest).") var meeting: String?
        @Argument(help: "What is to be done.") var text: [String]

        func run() throws {
            let session = try openSession(global)
            let dueDay = try day(due, "due")
            let meetingDay = try meeting.map { try day($0, "meeting") }
            let id = try guarded { () throws(CaseError) in
                try session.agreeAction(on: ref, agency: agency.lowercased(), owner: owner, due: dueDay,
                                        description: text.joined(separator: " "), meeting: meetingDay)
            }
            write("\(id)\n")
            note("action \(id) added to \(ref), due \(dueDay)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List actions, earliest due first (overdue lead).")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Open actions only.") var open = false
        @Flag(help: "Open actions past their due date only.") var overdue = false
        @Option(help: "One agency's actions.") var agency: String?
        @Option var limit: Int = 100
        func validate() throws { try validateLimit(limit) }
        @Option(help: "Cursor printed at the end of the previous page.") var after: String?
        @Option var format: OutputFormat = .table
        @OptionGroup var output: PlainOutput

        func run() throws {
            try output.check()
            let session = try openSession(global)
            let filter = ActionFilter(openOnly: open, overdueOnly: overdue, agency: agency?.lowercased())
            let page = try guarded { try session.actions(filter, limit: max(1, limit), after: after) }
            let today = session.today
            // Escalated actions are marked as such, not as any overdue one (issue 22).
            let rules = try guarded { try session.chaseRules() }
            if format == .json {
                write(JSON.array(page.items.map(ActionPrinter.json)).render() + "\n")
            } else {
                let rows = page.items.map { a in
                    [String(a.id), a.referralRef, a.agency, truncated(a.owner, 20), a.due.description,
                     rules.listWord(status: a.status, due: a.due, today: today), format == .table ? truncated(a.description, 40) : a.description]
                }
                write(Table(columns: ["id", "ref", "agency", "owner", "due", "status", "action"], rows: rows).render(format: format))
            }
            if let next = page.next { note("more: --after \(next)") }
        }
    }

    struct Complete: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "complete", abstract: "Mark an action done, with a note.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Option(help: "What was done.") var note: String
        func run() throws {
            let session = try openSession(global)
            try guarded { try session.completeAction(id, note: self.note) }
            MaracCLI.note("action \(id) done")
        }
    }

    struct Incomplete: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "incomplete", abstract: "Record that an action could not be completed, and why.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Option(help: "Why it was not done.") var reason: String
        func run() throws {
            let session = try openSession(global)
            try guarded { try session.recordActionIncomplete(id, reason: reason) }
            note("action \(id) recorded as incomplete")
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "move", abstract: "Move an open action's due date, saying why.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Option(help: "New due date, YYYY-MM-DD.") var due: String
        @Option(help: "Why it moves (required; kept in the case's history).") var reason: String
        func run() throws {
            let session = try openSession(global)
            let dueDay = try day(due, "due")
            try guarded { try session.moveActionDue(id, to: dueDay, reason: reason) }
            note("action \(id) now due \(dueDay)")
        }
    }

    struct Reassign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reassign", abstract: "Hand an open action to another owner and/or agency, saying why.",
            discussion: "An agency representative reassigns within their own agency only; another agency is the coordinator's.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Option(help: "The person now responsible.") var owner: String
        @Option(help: "The agency now responsible (default: unchanged).") var agency: String?
        @Option(help: "Why (required; kept in the case's history).") var reason: String
        func run() throws {
            let session = try openSession(global)
            try guarded { try session.reassignAction(id, owner: owner, agency: agency?.lowercased(), reason: reason) }
            note("action \(id) reassigned")
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reopen", abstract: "Reopen a done or incomplete action, saying why (a closed case has actions open again).")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Option(help: "Why (required; kept in the case's history).") var reason: String
        func run() throws {
            let session = try openSession(global)
            try guarded { try session.reopenAction(id, reason: reason) }
            note("action \(id) is open again")
        }
    }
}

enum MaracCLI {
    static func note(_ line: String) { marac.note(line) }
}

enum ActionPrinter {
    static func json(_ a: ActionRecord) -> JSON {
        .object([("id", .int(Int(a.id))), ("ref", .string(a.referralRef)), ("agency", .string(a.agency)), ("owner", .string(a.owner)),
                 ("description", .string(a.description)), ("due_on", .string(a.due.description)), ("status", .string(a.status.rawValue)),
                 ("meeting", .optional(a.meetingDate?.description)), ("completion_note", .optional(a.completionNote)),
                 ("incomplete_reason", .optional(a.incompleteReason)), ("closed_on", .optional(a.closedOn?.description))])
    }
}
