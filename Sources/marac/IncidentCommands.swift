import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

/// Incidents heard of between meetings (issue 23): logged, listed, referred back.
struct IncidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident", abstract: "Log and list incidents heard of between meetings; refer a repeat back to MARAC.",
        subcommands: [Add.self, List.self, Refer.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add",
            abstract: "Log an incident against the victim of a referral; prints the incident's id.",
            discussion: "An agency user logs for their own agency; the coordinator for any. The incident is checked at once against the victim's referrals: within 12 months of the last, with one of its perpetrators, it is a repeat and waits at the top of the triage queue (marac referral queue) to be referred back.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A referral of the victim.") var ref: String
        @Option(help: "The agency that heard of it (an agency code).") var agency: String
        @Option(help: "When it happened, YYYY-MM-DD (not in the future).") var on: String
        @Option(help: ArgumentHelp("; separated: \(AbuseType.allCases.map(\.rawValue).joined(separator: " "))", valueName: "TYPE[;TYPE]"))
        var abuseTypes: String
        @Option(help: "What happened, briefly.") var summary: String
        @Option(help: "Whether a crime was reported: yes or no (default no).") var crimeReported: String?
        @Option(help: "The perpetrator: a person id from the victim's referrals (default: the referral's perpetrator), or unknown.") var perpetrator: String?
        @Option(help: "The agency's own reference for it.") var agencyReference: String?
        @Option(help: "A perpetrator not picked by id: their name (matched as at referral: the same person, a near match to decide, or new).")
        var perpetratorName: String?
        @Option(help: "That perpetrator's date of birth, YYYY-MM-DD.") var perpetratorDob: String?
        @Option(name: .customLong("same-perpetrator-as"), help: "The perpetrator named is this person already recorded (their id).")
        var samePerpetrator: Int64?
        @Flag(name: .customLong("new-perpetrator"), help: "The perpetrator named is a new person, whatever near matches there are.")
        var newPerpetrator = false

        func validate() throws {
            if samePerpetrator != nil, newPerpetrator { throw ValidationError("give --same-perpetrator-as or --new-perpetrator, not both") }
            if let id = samePerpetrator, id <= 0 { throw ValidationError("--same-perpetrator-as must be a person's id, a whole number above 0") }
        }

        func run() throws {
            let session = try openSession(global)
            var fields = ["referral_ref": ref, "agency": agency, "occurred_on": on, "abuse_types": abuseTypes, "summary": summary]
            fields["crime_reported"] = crimeReported
            fields["perpetrator_id"] = perpetrator
            fields["agency_reference"] = agencyReference
            fields["perpetrator_name"] = perpetratorName
            fields["perpetrator_dob"] = perpetratorDob
            let choice = samePerpetrator.map(PersonChoice.existing) ?? (newPerpetrator ? .new : nil)
            let incident = try guarded { try session.logIncident(fields, perpetrator: choice) }
            write("\(incident.id)\n")
            note("incident \(incident.id): \(incident.finding.words)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List incidents, newest first, a page at a time.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "One agency's incidents (an agency user sees their own agency's).") var agency: String?
        @Option(help: "Rows per page.") var limit: Int = 50
        @Option(help: "Cursor printed at the end of the previous page.") var after: String?
        @Option var format: OutputFormat = .table
        @OptionGroup var output: PlainOutput

        func validate() throws { try validateLimit(limit) }

        func run() throws {
            try output.check()
            let session = try openSession(global)
            let code = try agency.map { text in try guarded { () throws -> String in
                do throws(FieldError) { return try AgencyCode(validating: text).rawValue } catch { throw CaseError(error) }
            } }
            let page = try guarded { try session.incidents(agency: code, limit: limit, after: after) }
            write(IncidentPrinter.list(page.items, format: format))
            if let next = page.next { note("more: --after \(next)") }
        }
    }

    struct Refer: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "refer",
            abstract: "Refer an incident to MARAC in one step: a repeat goes back with the repeat criterion whatever the score; any other as a new referral.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The incident's id (marac incident list).") var id: Int64
        @Option(help: "The new referral's reference (default INC-<id>).") var ref: String?

        func run() throws {
            let session = try openSession(global)
            let detail = try guarded { try session.referIncident(id, ref: ref ?? "INC-\(id)") }
            write(detail.referral.ref + "\n")
            note("referral \(detail.referral.ref) made from incident \(id)" + (detail.referral.isRepeat ? " (repeat)" : ""))
        }
    }
}

/// Prints incidents as a table, CSV or JSON.
enum IncidentPrinter {
    static let columns = ["id", "occurred_on", "agency", "ref", "finding", "abuse_types", "crime_reported", "perpetrator_id",
                          "agency_reference", "referred_as", "summary"]

    static func cells(_ n: IncidentSummary) -> [String] {
        [String(n.id), n.occurredOn.description, n.agency, n.ref ?? "", n.finding.rawValue, AbuseType.text(n.abuseTypes),
         n.crimeReported ? "yes" : "no", n.perpetratorID.map(String.init) ?? "", n.agencyReference ?? "", n.referredAs ?? "", n.summary]
    }

    static func json(_ n: IncidentSummary) -> JSON {
        .object([
            ("id", .int(Int(n.id))), ("occurred_on", .string(n.occurredOn.description)), ("agency", .string(n.agency)),
            ("ref", .optional(n.ref)), ("finding", .string(n.finding.rawValue)),
            ("abuse_types", .array(n.abuseTypes.map { .string($0.rawValue) })), ("crime_reported", .bool(n.crimeReported)),
            ("perpetrator_id", .optional(n.perpetratorID.map { Int($0) })), ("agency_reference", .optional(n.agencyReference)),
            ("referred_as", .optional(n.referredAs)), ("summary", .string(n.summary)),
        ])
    }

    static func list(_ items: [IncidentSummary], format: OutputFormat) -> String {
        if format == .json { return JSON.array(items.map(json)).render() + "\n" }
        let width = format == .table ? 40 : Int.max
        return Table(columns: columns, rows: items.map { n in
            var row = cells(n)
            row[row.count - 1] = truncated(n.summary, width)
            return row
        }).render(format: format)
    }
}

/// Flag-and-tag lists (issue 23).
struct FlagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "flag", abstract: "Flag-and-tag lists for an agency.", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list",
            abstract: "The victims an agency should have flagged (heard within the last 12 months), and with --lapsed-since those whose 12 months ran out since then.",
            discussion: "Without --out it is printed for your own screen; a file or pipe gets a pack encrypted to the agency's key (or --passphrase, or --plain on purpose).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The agency the list is for.") var agency: String
        @Option(help: "Also list the cases whose 12 months lapsed on or after this day, YYYY-MM-DD (to unflag).") var lapsedSince: String?
        @Option(help: "Write the list to this file (a pack encrypted to the agency's key).") var out: String?
        @OptionGroup(title: "Protection (a file or pipe needs the agency's key, --passphrase or --plain)") var pack: AgencyPackOptions

        func run() throws {
            let session = try openSession(global)
            let since = try lapsedSince.map { try day($0, "lapsed-since") }
            let code = agency.lowercased()
            let output = try AgencyPack(pack, agencies: [code], toFile: out != nil, session: session)
            guard !output.toScreen else {
                write(FlagListCSV.render(try guarded { try session.flagList(agency: code, lapsedSince: since) }))
                return
            }
            try guarded {
                try session.sendFlagList(agency: code, lapsedSince: since) { list in
                    try output.write(FlagListCSV.render(list), for: list.agency, to: out)
                }
            }
            if let out { note("flag list for \(code) written: \(out)") }
        }
    }
}

/// A flag list as CSV: one row a victim, `flag` for those to keep flagged, `unflag` for those lapsed.
enum FlagListCSV {
    static let columns = ["list", "ref", "victim_name", "victim_dob", "heard_on", "flag_until"]

    static func render(_ list: FlagList) -> String {
        func row(_ word: String, _ e: FlagList.Entry) -> String {
            CSV.safeRow([word, e.ref, e.victimName, e.victimDOB?.description ?? "", e.heardOn.description, e.flagUntil.description])
        }
        return CSV.row(columns) + list.toFlag.map { row("flag", $0) }.joined() + list.lapsed.map { row("unflag", $0) }.joined()
    }
}

/// `marac import incidents FILE`: all or nothing, every bad row named.
struct ImportIncidents: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "incidents",
        abstract: "Load incidents from CSV (all or nothing).",
        discussion: "Columns: \(IncidentInput.columns.joined(separator: ", ")). Required: \(IncidentInput.columns.filter(IncidentInput.required.contains).joined(separator: ", ")). See docs/cli.md.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The CSV file.") var file: String

    func run() throws {
        let opened = try CSVFileChunks.open(file)
        let session = try openSession(global)
        let reader = CSVReader(chunks: { () throws(CSVSyntaxError) in try opened.next() })
        let added = try guarded { try session.importIncidents(csv: reader, fileName: file) }
        note("imported \(added) incident(s) from \(file)")
    }
}
