import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

extension ActionCommand {
    struct Chase: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "chase", 
            abstract: "Each agency's open actions overdue or due soon, with owners and days overdue; escalated ones marked.",
            discussion: "Due soon: within `due-soon-days` (7). Escalated: `escalation-days` (14) or more overdue. With --out: --agency names the file, otherwise --out is a folder holding marac-chase-AGENCY.csv per agency (the format of each file: --format, csv when table).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "One agency's actions.") var agency: String?
        @Option var format: OutputFormat = .table
        @Option(help: "The file (with --agency) or folder to write chase lists to: one pack per agency, encrypted to its key.") var out: String?
        @OptionGroup(title: "Protection of --out files (each agency's key, --passphrase or --plain)") var pack: AgencyPackOptions
        @Option var limit: Int = 1000
        func validate() throws { try validateLimit(limit) }
        @Option(help: "Cursor printed at the end of the previous page.") var after: String?

        func run() throws {
            // Printed (no --out): owners and actions, so the pack rule for standard output.
            if out == nil { try PlainOutput.check(plain: pack.plain) }
            let session = try openSession(global)
            let today = session.today
            guard let out else {
                let list = try guarded { try session.chaseList(agency: agency?.lowercased(), limit: limit, after: after) }
                write(ChasePrinter.render(list, format: format, today: today))
                if let next = list.next { note("more: --after \(next)") }
                return
            }
            let code = agency?.lowercased()
            let output = try AgencyPack(pack, agencies: try guarded { try session.chaseRecipients(agency: code) }, toFile: true, session: session)
            if code == nil { try Delivery.folder(out) }
            // A file leaving the MARAC is a document, not a screen: CSV unless JSON is asked for.
            let fileFormat: OutputFormat = format == .json ? .json : .csv
            let sent = try output.sending {
                try guarded {
                    try session.sendChaseLists(agency: code) { agency, list in
                        let path = code == nil ? (out as NSString).appendingPathComponent("marac-chase-\(agency).\(fileFormat.rawValue)\(output.suffix)") : out
                        return try output.write(ChasePrinter.render(list, format: fileFormat, today: today, toFile: true), for: agency, to: path)
                    }
                }
            }
            note(sent.isEmpty ? "nothing to chase" : "chase lists written for \(sent.joined(separator: ", "))")
        }
    }
}

/// A chase list as a table, CSV or JSON: agency by agency, earliest due first.
enum ChasePrinter {
    static let columns = ["agency", "id", "ref", "owner", "due_on", "state", "days_overdue", "action"]

    static func render(_ list: Session.ChaseList, format: OutputFormat, today: Day, toFile: Bool = false) -> String {
        let rows = list.actions.map { a -> (ActionRecord, ChaseState?) in (a, list.rules.state(status: a.status, due: a.due, today: today)) }
        switch format {
        case .json:
            let agencies = Dictionary(grouping: rows, by: \.0.agency)
            return JSON.object([
                ("today", .string(today.description)),
                ("due_soon_days", .int(list.rules.dueSoonDays)),
                ("escalation_days", .int(list.rules.escalationDays)),
                ("agencies", .array(agencies.keys.sorted().map { code in
                    let own = agencies[code] ?? []
                    let overdue = own.filter { $0.1?.daysOverdue ?? 0 > 0 }
                    return .object([
                        ("agency", .string(code)),
                        ("overdue", .array(overdue.map(json))),
                        ("due_soon", .array(own.filter { if case .dueSoon? = $0.1 { true } else { false } }.map(json))),
                        ("escalated_count", .int(own.filter { if case .escalated? = $0.1 { true } else { false } }.count)),
                    ])
                })),
            ]).render() + "\n"
        case .csv, .table:
            let cells = rows.map { a, state in
                [a.agency, String(a.id), a.referralRef, format == .table ? truncated(a.owner, 20) : a.owner, a.due.description,
                 state?.code ?? "", String(state?.daysOverdue ?? 0), format == .table ? truncated(a.description, 40) : a.description]
            }
            if format == .table, cells.isEmpty { return "nothing overdue or due within \(list.rules.dueSoonDays) days\n" }
            // A file keeps the data exactly, whatever stdout is.
            if toFile { return ([CSV.row(columns)] + cells.map(CSV.safeRow)).joined() }
            return Table(columns: columns, rows: cells).render(format: format)
        }
    }

    static func json(_ row: (ActionRecord, ChaseState?)) -> JSON {
        let (a, state) = row
        return .object([("id", .int(Int(a.id))), ("ref", .string(a.referralRef)), ("owner", .string(a.owner)),
                        ("due_on", .string(a.due.description)), ("state", .optional(state?.code)),
                        ("days_overdue", .int(state?.daysOverdue ?? 0)), ("escalated", .bool(state?.code == "escalated")),
                        ("meeting", .optional(a.meetingDate?.description)), ("description", .string(a.description))])
    }
}
