import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

/// `marac panel …`: the perpetrator panel (issue 24).
struct PanelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panel",
        abstract: "The perpetrator panel: its meetings, referrals of perpetrators, decisions, interventions and figures.",
        subcommands: [PanelMeetingCommand.self, Refer.self, Decide.self, Close.self, PanelInterventionCommand.self, Chase.self, PanelStatsCommand.self])

    struct Refer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refer", abstract: "Refer a perpetrator to the panel, with the reason; the criteria met are worked out from MARAC data.",
            discussion: "With --from REF the referral is recorded as made from that MARAC case (its perpetrator when no id is given). Listed as new on the next planned panel meeting.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The perpetrator's id (as marac perpetrator show takes).") var perpetrator: Int64?
        @Option(help: "Why the perpetrator is referred.") var reason: String
        @Option(help: "The MARAC case the referral comes from.") var from: String?
        @Option var format: OutputFormat = .table
        func validate() throws {
            if perpetrator == nil, from == nil { throw ValidationError("give the perpetrator's id, or --from REF") }
        }
        func run() throws {
            let session = try openSession(global)
            let made = try guarded { try session.referToPanel(perpetratorID: perpetrator, from: from, reason: reason) }
            write(Table(columns: ["panel_referral", "perpetrator", "criteria", "state"],
                        rows: [[String(made.id), String(made.perpetratorID), made.criteria.map(\.rawValue).joined(separator: ";"), made.state.rawValue]])
                .render(format: format))
        }
    }

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decide", abstract: "Record the panel's decision on a panel referral, with its reason.",
            discussion: "Decisions: \(PanelDecisionKind.codes). No further action closes the referral.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The panel referral's id.") var id: Int64
        @Option(help: "\(PanelDecisionKind.codes)") var decision: String
        @Option(help: "Why (required).") var reason: String?
        @Option(help: "The panel meeting it was decided at (default: the latest listing it).") var meeting: String?
        func run() throws {
            let kind: PanelDecisionKind = try coded(decision, "decision")
            let session = try openSession(global)
            let at = try meeting.map { try day($0, "meeting") }
            try guarded { try session.decidePanelReferral(id, decision: kind, reason: reason, at: at) }
            note("panel referral \(id): \(kind.words)")
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a decided panel referral, with the reason.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Option var reason: String?
        func run() throws {
            let session = try openSession(global)
            try guarded { try session.closePanelReferral(id, reason: reason) }
            note("panel referral \(id) closed")
        }
    }

    struct Chase: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chase", abstract: "Interventions whose review date has passed with no final outcome, longest overdue first.")
        @OptionGroup var global: GlobalOptions
        @Option var format: OutputFormat = .table
        @Option var limit: Int = 1000
        func validate() throws { try validateLimit(limit) }
        func run() throws {
            let session = try openSession(global)
            let list = try guarded { try session.panelChaseList(limit: limit) }
            write(PanelPrinter.interventions(list, today: session.today, format: format))
        }
    }
}

/// Parses a coded option; a bad value is named by its option, never repeated.
func coded<T: RawRepresentable & CaseIterable>(_ text: String, _ option: String) throws -> T where T.RawValue == String {
    guard let value = T(rawValue: text.lowercased()) else {
        report("--\(option): must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        throw ExitCode(64)
    }
    return value
}

struct PanelMeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "Panel meetings: create, list, agenda, attendance, minutes; list a referral for review or closure.",
        subcommands: [Create.self, List.self, Agenda.self, Attend.self, Minutes.self, AddReferral.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a panel meeting on DATE; open referrals not yet listed and reviews due by then are listed.")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Option(help: "Who chairs it.") var chair: String?
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            try guarded { try session.createPanelMeeting(on: when, chair: chair) }
            note("panel meeting created: \(when)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Panel meetings, newest first.")
        @OptionGroup var global: GlobalOptions
        @Option var limit: Int = 50
        func validate() throws { try validateLimit(limit) }
        @Option(help: "Cursor printed at the end of the previous page.") var after: String?
        @Option var format: OutputFormat = .table
        func run() throws {
            let session = try openSession(global)
            let cursor = try after.map { try day($0, "after") }
            let page = try guarded { try session.panelMeetings(limit: limit, before: cursor) }
            write(Table(columns: ["date", "status", "listed"], rows: page.items.map { [$0.heldOn.description, $0.status, String($0.listed)] })
                .render(format: format))
            if let next = page.next { note("more: --after \(next)") }
        }
    }

    struct Agenda: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agenda", abstract: "The panel agenda: new referrals, reviews, closures (md or json); a file or pipe needs a pack option.")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Option(help: "md or json.") var format: String = "md"
        @Option(help: "Write to this file (created readable by you only) instead of standard output.") var out: String?
        @OptionGroup(title: "Protection (a file or pipe needs one)") var pack: PackOptions
        func validate() throws { guard ["md", "json"].contains(format) else { throw ValidationError("--format must be md or json") } }
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            let output = try PackOutput(pack, out: out, session: session)
            let agenda = try guarded { try session.panelAgenda(on: when, destination: output.destination) }
            try output.writeWhole(format == "json" ? PanelPrinter.json(agenda) : PanelDocuments.agendaMarkdown(agenda, today: session.today))
        }
    }

    struct Minutes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "minutes", abstract: "The panel minutes: who was present, each referral's decision and interventions; a file or pipe needs a pack option.")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Option(help: "Write to this file (created readable by you only) instead of standard output.") var out: String?
        @OptionGroup(title: "Protection (a file or pipe needs one)") var pack: PackOptions
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            let output = try PackOutput(pack, out: out, session: session)
            let minutes = try guarded { try session.panelMinutes(on: when, destination: output.destination) }
            try output.writeWhole(PanelDocuments.minutesMarkdown(minutes, today: session.today))
        }
    }

    struct Attend: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "attend", abstract: "Record the agencies at a panel meeting (and mark it held).")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Argument var agencies: [String]
        func run() throws {
            let session = try openSession(global)
            let when = try day(date, "date")
            try guarded { try session.recordPanelAttendance(on: when, agencies: agencies.map { $0.lowercased() }) }
            note("panel attendance recorded for \(when): \(agencies.count) agenc\(agencies.count == 1 ? "y" : "ies")")
        }
    }

    struct AddReferral: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-referral", abstract: "List a panel referral on a panel meeting's agenda for review or closure.")
        @OptionGroup var global: GlobalOptions
        @Argument var date: String
        @Argument var id: Int64
        @Option(help: "review or closure (new referrals are listed when referred).") var kind: String = "review"
        func run() throws {
            let listing: PanelListingKind = try coded(kind, "kind")
            let session = try openSession(global)
            let when = try day(date, "date")
            try guarded { try session.listOnPanel(id, on: when, kind: listing) }
            note("panel referral \(id) listed for \(listing.rawValue) on \(when)")
        }
    }
}

struct PanelInterventionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intervention", abstract: "Interventions the panel set going: add, record an outcome, list.",
        subcommands: [Add.self, Outcome.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add an intervention to a decided panel referral; its owner agency must have been at the deciding meeting.",
            discussion: "Types: \(PanelInterventionType.codes).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The panel referral's id.") var id: Int64
        @Option(help: "\(PanelInterventionType.codes)") var type: String
        @Option(help: "The owner agency's code.") var agency: String
        @Option var start: String
        @Option var end: String?
        @Option(help: "When the panel reviews it (chased after).") var reviewDue: String
        func run() throws {
            let kind: PanelInterventionType = try coded(type, "type")
            let session = try openSession(global)
            let (from, to, review) = (try day(start, "start"), try end.map { try day($0, "end") }, try day(reviewDue, "review-due"))
            let made = try guarded {
                try session.addPanelIntervention(id, type: kind, agency: agency.lowercased(), start: from, end: to, reviewDue: review)
            }
            write("\(made)\n")
        }
    }

    struct Outcome: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "outcome", abstract: "Record an intervention's outcome: \(PanelInterventionOutcome.codes).",
            discussion: "engaged keeps it running (give --review-due for the next review); the others end it.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The intervention's id.") var id: Int64
        @Option(help: "\(PanelInterventionOutcome.codes)") var outcome: String
        @Option var end: String?
        @Option var reviewDue: String?
        func run() throws {
            let value: PanelInterventionOutcome = try coded(outcome, "outcome")
            let session = try openSession(global)
            let (to, review) = (try end.map { try day($0, "end") }, try reviewDue.map { try day($0, "review-due") })
            try guarded { try session.recordPanelOutcome(id, outcome: value, end: to, nextReview: review) }
            note("intervention \(id): \(value.rawValue)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Interventions, newest first.")
        @OptionGroup var global: GlobalOptions
        @Option var limit: Int = 100
        func validate() throws { try validateLimit(limit) }
        @Option(help: "Cursor printed at the end of the previous page.") var after: Int64?
        @Option var format: OutputFormat = .table
        func run() throws {
            let session = try openSession(global)
            let page = try guarded { try session.panelInterventions(limit: limit, before: after) }
            write(PanelPrinter.interventions(page.items, today: session.today, format: format))
            if let next = page.next { note("more: --after \(next)") }
        }
    }
}

enum PanelPrinter {
    static func interventions(_ list: [PanelInterventionRecord], today: Day, format: OutputFormat) -> String {
        Table(columns: ["id", "panel_referral", "type", "agency", "start", "end", "outcome", "review_due", "days_overdue"],
              rows: list.map { i in
                  [String(i.id), String(i.panelReferralID), i.type.rawValue, i.ownerAgency, i.startOn.description, i.endOn?.description ?? "",
                   i.outcome?.rawValue ?? "", i.reviewDue.description, String(i.daysOverdue(today: today))]
              }).render(format: format)
    }

    static func json(_ agenda: PanelAgenda) -> String {
        JSON.object([
            ("meeting", .string(agenda.meeting.heldOn.description)),
            ("status", .string(agenda.meeting.status)),
            ("attendance", .array(agenda.attendance.map(JSON.string))),
            ("items", .array(agenda.items.enumerated().map { index, item in
                let r = item.referral
                return .object([
                    ("item", .int(index + 1)), ("kind", .string(item.kind.rawValue)), ("panel_referral", .int(Int(r.id))),
                    ("perpetrator", .int(Int(r.perpetratorID))), ("referred_on", .string(r.referredOn.description)),
                    ("from", .optional(r.fromReferralRef)), ("criteria", .array(r.criteria.map { .string($0.rawValue) })),
                    ("serial", .bool(item.serial.isSerial)), ("serial_victims", .int(item.serial.differentVictims)),
                    ("state", .string(r.state.rawValue)), ("decision", .optional(r.decision?.rawValue)),
                    ("victims", .array(item.victims.map { v in
                        .object([("risk_band", .string(v.band.rawValue)), ("children_in_household", .int(v.childrenInHousehold)),
                                 ("safety", .array(v.safety.words.map(JSON.string)))])
                    })),
                    ("interventions", .array(item.interventions.map { i in
                        .object([("id", .int(Int(i.id))), ("type", .string(i.type.rawValue)), ("agency", .string(i.ownerAgency)),
                                 ("outcome", .optional(i.outcome?.rawValue)), ("review_due", .string(i.reviewDue.description))])
                    })),
                ])
            })),
        ]).render() + "\n"
    }
}
