import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "Meetings: create, list, build the agenda, record attendance, hear cases.",
        subcommands: [Create.self, List.self, AddCase.self, RemoveCase.self, ReorderCase.self, Agenda.self, Confirm.self, Attend.self, Heard.self, Minutes.self,
                      Research.self, ResearchReturn.self, ResearchRecord.self, Returns.self, ActionLog.self,
                      Share.self, Shared.self, ShareCorrect.self, ShareWithdraw.self, Unhear.self, Cancel.self, Move.self, Chair.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a meeting on DATE.")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            try guarded { try session.createMeeting(on: when) }
            note("meeting created: \(when)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List meetings, newest first.")
        @OptionGroup var global: GlobalOptions
        @Option var limit: Int = 50
        func validate() throws { try validateLimit(limit) }
        @Option(help: "Cursor printed at the end of the previous page.") var after: String?
        @Option var format: OutputFormat = .table
        func run() throws {
            let session = try openSession(global)
            let cursor = try after.map { try day($0, "after") }
            let page = try guarded { try session.meetings(limit: max(1, limit), before: cursor) }
            let rows = page.items.map { [$0.heldOn.description, $0.status.words, String($0.cases), String($0.heard)] }
            write(Table(columns: ["date", "status", "cases", "heard"], rows: rows).render(format: format))
            if let next = page.next { note("more: --after \(next)") }
        }
    }

    struct AddCase: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-case", abstract: "List a screened-in case for the meeting on DATE.")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Argument var ref: String
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            try guarded { try session.listCase(ref, on: when) }
            note("\(ref) listed for \(when)")
        }
    }

    struct RemoveCase: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove-case", abstract: "Take a case off the agenda before it is heard.")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Argument var ref: String
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            try guarded { try session.removeCase(ref, from: when) }
            note("\(ref) removed from \(when)")
        }
    }

    struct ReorderCase: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reorder-case",
            abstract: "Put a case in a new place within its agenda section (the SafeLives section order never changes).",
            discussion: "The order is kept: the agenda, minutes and meeting screen show it until it is changed again.")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Argument var ref: String
        @Option(help: "The place within the case's section, 1 = first.") var to: Int?
        @Flag(help: "One place up within the section.") var up = false
        @Flag(help: "One place down within the section.") var down = false
        func validate() throws {
            guard [to != nil, up, down].filter({ $0 }).count == 1 else { throw ValidationError("give exactly one of --to N, --up or --down") }
            if let to, to < 1 { throw ValidationError("--to must be 1 or more (1 = first in the section)") }
        }
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            let place: Session.AgendaPlace = to.map { .place($0) } ?? (up ? .up : .down)
            let placed = try guarded { try session.reorderCase(ref, on: when, to: place) }
            note("\(ref) is now \(placed.place) of \(placed.count) in its section on \(when)")
        }
    }

    struct Agenda: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "agenda", abstract: "Print the agenda in SafeLives order (md, csv or json).")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Option(help: "md, csv or json (table is the same as md).") var format: String = "md"
        @Option(help: "Write to this file (created readable by you only) instead of standard output.") var out: String?
        @OptionGroup(title: "Protection (a file or pipe needs one)") var pack: PackOptions
        func validate() throws {
            guard ["md", "csv", "json", "table"].contains(format) else { throw ValidationError("--format must be md, csv or json") }
        }
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            let output = try PackOutput(pack, out: out, session: session)
            let agenda = try guarded { try session.agenda(on: when, destination: output.destination) }
            try output.writeWhole(AgendaPrinter.render(agenda, format: format, today: session.today))
        }
    }

    struct Attend: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "attend", abstract: "Record the agencies present (each signs the confidentiality statement).")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Argument var agencies: [String]
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            try guarded { try session.recordAttendance(on: when, agencies: agencies.map { $0.lowercased() }) }
            note("attendance recorded for \(when): \(agencies.count) agenc\(agencies.count == 1 ? "y" : "ies")")
        }
    }

    struct Heard: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "heard", abstract: "Mark a listed case heard at the meeting on DATE.")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Argument var ref: String
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            try guarded { try session.hearCase(ref, on: when) }
            note("\(ref) heard \(when)")
        }
    }

    struct Minutes: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "minutes", abstract: "Print the minutes: attendance, cases heard, what was shared, actions agreed (md or csv).")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Option(help: "md or csv (the action log).") var format: String = "md"
        @Option(help: "Write to this file (created readable by you only) instead of standard output.") var out: String?
        @OptionGroup(title: "Protection (a file or pipe needs one)") var pack: PackOptions
        func validate() throws {
            guard ["md", "csv"].contains(format) else { throw ValidationError("--format must be md or csv") }
        }
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            let output = try PackOutput(pack, out: out, session: session)
            let minutes = try guarded { try session.minutes(on: when, destination: output.destination) }
            // Agencies by name in the minutes (whoever may write minutes may see the agency table).
            let names = FiguresNames(agencies: Dictionary(try guarded { try session.agencies() }.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }))
            try output.writeWhole(MinutesPrinter.render(minutes, format: format, names: names))
        }
    }
}

enum MinutesPrinter {
    static func render(_ m: MaracCases.Minutes, format: String, names: FiguresNames = FiguresNames()) -> String {
        format == "csv" ? MeetingDocuments.actionLogCSV(m) : MeetingDocuments.minutesMarkdown(m, names: names)
    }
}

enum AgendaPrinter {
    static func render(_ agenda: MaracCases.Agenda, format: String, today: Day) -> String {
        switch format {
        case "json":
            return JSON.object([
                ("meeting", .string(agenda.meeting.heldOn.description)),
                ("status", .string(agenda.meeting.status.rawValue)),
                ("attendance", .array(agenda.attendance.map(JSON.string))),
                ("open_action_count", .int(agenda.openActionCount)),
                ("open_actions", .array(agenda.openActions.map { action in
                    let escalated = agenda.chase.isEscalated(status: action.status, due: action.due, today: today)
                    guard case .object(let pairs) = ActionPrinter.json(action) else { return ActionPrinter.json(action) }
                    return .object(pairs + [("escalated", .bool(escalated)),
                                            ("days_overdue", .int(action.isOverdue(today: today) ? action.due.days(until: today) : 0))])
                })),
                ("confirmed", .array(agenda.confirmed.map(JSON.string))),
                ("escalated_action_count", .int(agenda.escalatedCount)),
                ("escalation_days", .int(agenda.chase.escalationDays)),
                ("cases", .array(agenda.cases.enumerated().map { index, c in
                    .object([("item", .int(index + 1)), ("section", .string(c.item.section.code)), ("ref", .string(c.referral.ref)),
                             ("risk_band", .string(c.referral.band.rawValue)), ("ric_score", .optional(c.referral.score)),
                             ("dara_grade", .optional(c.referral.daraGrade?.rawValue)),
                             ("repeat", .bool(c.referral.isRepeat)), ("children_in_household", .int(c.referral.childrenInHousehold)),
                             ("referring_agency", .string(c.referral.referringAgency)), ("heard", .bool(c.heard)),
                             ("research_returned", .int(c.research.returned)), ("research_expected", .int(c.research.expected)),
                             ("defer_suggested", .bool(c.research.deferSuggested)),
                             // Linked cases: the other items with the same perpetrator.
                             ("same_perpetrator_as", .array(c.samePerpetratorAs.map(JSON.int))),
                             // The perpetrator against the serial rule: the fact and the count only.
                             ("serial", .bool(c.referral.serial?.isSerial ?? false)),
                             ("serial_victims", .int(c.referral.serial?.differentVictims ?? 0)),
                             // The place within the section set by hand (null: ordered by risk).
                             ("hand_position", .optional(c.item.handPosition))])
                })),
            ]).render() + "\n"
        case "csv":
            let rows = agenda.cases.enumerated().map { index, c in
                [String(index + 1), c.item.section.code, c.referral.ref, c.referral.band.rawValue, c.referral.score.map(String.init) ?? "",
                 c.referral.isRepeat ? "yes" : "no", String(c.referral.childrenInHousehold), c.referral.referringAgency, c.heard ? "yes" : "no",
                 String(c.research.returned), String(c.research.expected), c.research.deferSuggested ? "yes" : "no",
                 c.item.handPosition.map(String.init) ?? "", c.referral.serial?.isSerial == true ? "yes" : "no",
                 String(c.referral.serial?.differentVictims ?? 0)]
            }
            return Table(columns: ["item", "section", "ref", "risk_band", "ric_score", "repeat", "children", "referring_agency", "heard",
                                   "research_returned", "research_expected", "defer_suggested", "hand_position", "serial", "serial_victims"],
                         rows: rows).render(format: .csv)
        default:
            return MeetingDocuments.agendaMarkdown(agenda, today: today)
        }
    }
}
