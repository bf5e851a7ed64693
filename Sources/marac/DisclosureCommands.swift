import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

/// Clare's Law (the Domestic Violence Disclosure Scheme, issue 23): the
/// police record requests step by step against the 28-day clock; the
/// coordinator sees them.
struct DisclosureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dvds", abstract: "Clare's Law requests (Domestic Violence Disclosure Scheme) and their 28-day clock.",
        subcommands: [Add.self, List.self, Show.self, Step.self, Refer.self, Stats.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a new request (prints its id); you own it.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "right_to_ask or right_to_know.") var route: String
        @Option(help: "The day the request was made, YYYY-MM-DD (default today); the 28-day clock starts here.") var on: String?
        @Option(help: "person_at_risk, third_party, police or other_agency.") var askedBy: String
        @Option(help: "The person at risk's name.") var personAtRisk: String
        @Option(help: "The person at risk's date of birth, YYYY-MM-DD.") var personAtRiskDob: String?
        @Option(help: "The subject's name (the person the request is about).") var subject: String
        @Option(help: "The subject's date of birth, YYYY-MM-DD.") var subjectDob: String?
        @OptionGroup var identity: IdentityOptions

        func run() throws {
            let session = try openSession(global)
            var fields = ["route": route, "asked_by": askedBy, "person_at_risk_name": personAtRisk, "subject_name": subject,
                          "requested_on": on ?? session.today.description]
            fields["person_at_risk_dob"] = personAtRiskDob
            fields["subject_dob"] = subjectDob
            let request = try guarded { try session.addDisclosureRequest(fields, identity: identity.choices) }
            write("\(request.id)\n")
            note("Clare's Law request \(request.id) recorded; due by \(DisclosureClock.due(requestedOn: request.requestedOn))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List requests, oldest first, with their 28-day clocks.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Only open requests due within the due-soon days (setting due-soon-days, 7).") var dueSoon = false
        @Flag(help: "Only open requests past their 28 days.") var overdue = false
        @Option(help: "Rows per page.") var limit: Int = 50
        @Option(help: "Cursor printed at the end of the previous page.") var after: String?
        @Option var format: OutputFormat = .table
        @OptionGroup var output: PlainOutput

        func validate() throws {
            try validateLimit(limit)
            if dueSoon, overdue { throw ValidationError("give --due-soon or --overdue, not both") }
        }

        func run() throws {
            try output.check()
            let session = try openSession(global)
            let page = try guarded { try session.disclosureRequests(overdue ? .overdue : dueSoon ? .dueSoon : .all, limit: limit, after: after) }
            let clock = try guarded { try session.disclosureClock() }
            write(DisclosurePrinter.list(page.items, clock: clock, today: session.today, format: format))
            if let next = page.next { note("more: --after \(next)") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one request: its people, steps and clock.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Option var format: OutputFormat = .table
        @OptionGroup var output: PlainOutput

        func run() throws {
            try output.check()
            let session = try openSession(global)
            let request = try guarded { try session.disclosureRequest(id) }
            let clock = try guarded { try session.disclosureClock() }
            write(DisclosurePrinter.show(request, clock: clock, today: session.today, format: format))
        }
    }

    struct Step: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "step",
            abstract: "Record the next step: contact, face_to_face, assessment, decision, disclosure, outcome (in that order).",
            discussion: """
            contact [--note CHECKS] · face_to_face (identity seen) · assessment --risk standard|medium|high ·
            decision --decision disclose|not_disclose --rationale TEXT · disclosure --how TEXT --to TEXT --safety-plan TEXT ·
            outcome --note TEXT. A step out of order is refused naming the step it needs first.
            """)
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Argument(help: "contact, face_to_face, assessment, decision, disclosure or outcome.") var step: String
        @Option(help: "The step's date, YYYY-MM-DD (default today).") var on: String?
        @Option(help: "contact: the checks made; outcome: how the request ended.") var note: String?
        @Option(help: "assessment: the risk level, standard, medium or high.") var risk: String?
        @Option(help: "decision: disclose or not_disclose.") var decision: String?
        @Option(help: "decision: the forum's rationale.") var rationale: String?
        @Option(help: "disclosure: how it was disclosed.") var how: String?
        @Option(help: "disclosure: to whom.") var to: String?
        @Option(help: "disclosure: the safety plan agreed.") var safetyPlan: String?

        func run() throws {
            let session = try openSession(global)
            var fields: [String: String] = [:]
            for (key, value) in [("on", on), ("note", note), ("risk", risk), ("decision", decision), ("rationale", rationale),
                                 ("how", how), ("to", to), ("safety-plan", safetyPlan)] {
                fields[key] = value
            }
            let request = try guarded { try session.recordDisclosureStep(id, step: step, fields) }
            let clock = try guarded { try session.disclosureClock() }
            let state = clock.state(requestedOn: request.requestedOn, stoppedOn: request.clockStoppedOn, today: session.today)
            marac.note("request \(request.id): \(request.progress.next.map { "next: \($0.rawValue)" } ?? "finished"); clock: \(state.words)")
            if request.riskLevel == .high, request.referralRef == nil {
                marac.note("assessed high risk: refer it to the MARAC with marac dvds refer \(request.id) --ref REF")
            }
        }
    }

    struct Refer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refer", abstract: "Refer a high-risk request to the MARAC in one step (the police referring; prints the reference).")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Option(help: "The new referral's reference, e.g. BR-2026-0042.") var ref: String

        func run() throws {
            let session = try openSession(global)
            let detail = try guarded { try session.referDisclosureRequest(id, ref: ref) }
            write(detail.referral.ref + "\n")
            note("referral \(detail.referral.ref) logged from Clare's Law request \(id), referred by the police")
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats", abstract: "Requests made in a period: by route, decisions, days to disclosure (median, over 28). Exact counts.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "First day, YYYY-MM-DD.") var from: String
        @Option(help: "Last day, YYYY-MM-DD.") var to: String
        @Option var format: OutputFormat = .table

        func run() throws {
            let session = try openSession(global)
            let (first, last): (Day, Day)
            do throws(FieldError) {
                first = try ReferralInput.parseDay(from, field: "from")
                last = try ReferralInput.parseDay(to, field: "to")
                if last < first { throw FieldError("to", "is before from") }
            } catch {
                try guarded { throw error }
                return
            }
            let figures = try guarded { try session.disclosureFigures(from: first, to: last) }
            write(DisclosurePrinter.figures(figures, from: first, to: last, format: format))
        }
    }
}

/// Requests as tables, CSV and JSON. The clock is in words (due soon,
/// overdue), never colour alone.
enum DisclosurePrinter {
    static func list(_ items: [DisclosureRequest], clock: DisclosureClock, today: Day, format: OutputFormat) -> String {
        if format == .json { return JSON.array(items.map { json($0, clock: clock, today: today) }).render() + "\n" }
        return Table(columns: ["id", "requested", "route", "person_at_risk", "subject", "next_step", "due_on", "clock", "owner"],
                     rows: items.map { d in
                         let state = clock.state(requestedOn: d.requestedOn, stoppedOn: d.clockStoppedOn, today: today)
                         return [String(d.id), d.requestedOn.description, d.route.rawValue,
                                 format == .table ? truncated(d.personAtRiskName, 24) : d.personAtRiskName,
                                 format == .table ? truncated(d.subjectName, 24) : d.subjectName,
                                 d.progress.next?.rawValue ?? "finished", DisclosureClock.due(requestedOn: d.requestedOn).description,
                                 format == .table ? state.words : state.code, d.owner]
                     }).render(format: format)
    }

    static func json(_ d: DisclosureRequest, clock: DisclosureClock, today: Day) -> JSON {
        let state = clock.state(requestedOn: d.requestedOn, stoppedOn: d.clockStoppedOn, today: today)
        let daysLeft: Int? = switch state {
        case .onTime(let left), .dueSoon(let left): left
        case .overdue(let over): -over
        case .stopped: nil
        }
        return .object([
            ("id", .int(Int(d.id))), ("route", .string(d.route.rawValue)), ("requested_on", .string(d.requestedOn.description)),
            ("asked_by", .string(d.askedBy.rawValue)),
            ("person_at_risk", .object([("id", .int(Int(d.personAtRiskID))), ("name", .string(d.personAtRiskName))])),
            ("subject", .object([("id", .int(Int(d.subjectID))), ("name", .string(d.subjectName))])),
            ("owner", .string(d.owner)),
            ("contacted_on", .optional(d.contactedOn?.description)), ("checks_note", .optional(d.checksNote)),
            ("face_to_face_on", .optional(d.metOn?.description)),
            ("assessed_on", .optional(d.assessedOn?.description)), ("risk_level", .optional(d.riskLevel?.rawValue)),
            ("decided_on", .optional(d.decidedOn?.description)), ("decision", .optional(d.decision?.rawValue)),
            ("decision_rationale", .optional(d.decisionRationale)),
            ("disclosed_on", .optional(d.disclosedOn?.description)), ("disclosed_how", .optional(d.disclosedHow)),
            ("disclosed_to", .optional(d.disclosedTo)), ("safety_plan", .optional(d.safetyPlan)),
            ("outcome_on", .optional(d.outcomeOn?.description)), ("outcome", .optional(d.outcome)),
            ("next_step", .optional(d.progress.next?.rawValue)),
            ("due_on", .string(DisclosureClock.due(requestedOn: d.requestedOn).description)),
            ("clock", .string(state.code)), ("days_left", daysLeft.map { .int($0) } ?? .null),
            ("clock_stopped_on", .optional(d.clockStoppedOn?.description)),
            ("referral", .optional(d.referralRef)),
        ])
    }

    static func show(_ d: DisclosureRequest, clock: DisclosureClock, today: Day, format: OutputFormat) -> String {
        let document = json(d, clock: clock, today: today)
        if format == .json { return document.render() + "\n" }
        var rows: [[String]] = []
        if case .object(let fields) = document {
            for (key, value) in fields {
                if case .object(let inner) = value {
                    rows.append([key, inner.map { ReferralPrinter.plain($0.1) }.joined(separator: " · ")])
                } else {
                    rows.append([key, ReferralPrinter.plain(value)])
                }
            }
        }
        if format == .table {
            rows.append(["clock in words", clock.state(requestedOn: d.requestedOn, stoppedOn: d.clockStoppedOn, today: today).words])
        }
        return Table(columns: ["field", "value"], rows: rows).render(format: format)
    }

    static func figures(_ f: DisclosureFigures, from: Day, to: Day, format: OutputFormat) -> String {
        let routes = DisclosureRoute.allCases.map { ($0.rawValue, f.byRoute[$0.rawValue] ?? 0) }
        let decisions = (DisclosureDecision.allCases.map(\.rawValue) + [DisclosureFigures.undecided]).map { ($0, f.byDecision[$0] ?? 0) }
        if format == .json {
            return JSON.object([
                ("period", .object([("from", .string(from.description)), ("to", .string(to.description))])),
                ("requests", .int(f.total)),
                ("by_route", .object(routes.map { ($0.0, .int($0.1)) })),
                ("decisions", .object(decisions.map { ($0.0, .int($0.1)) })),
                ("disclosed", .int(f.daysToDisclosure.count)),
                ("median_days_to_disclosure", f.medianDaysToDisclosure.map { .number($0) } ?? .null),
                ("disclosed_over_28_days", .int(f.disclosedOver28)),
            ]).render() + "\n"
        }
        var rows: [[String]] = [["requests", String(f.total)]]
        rows += routes.map { ["route \($0.0)", String($0.1)] }
        rows += decisions.map { ["decision \($0.0)", String($0.1)] }
        rows.append(["disclosed", String(f.daysToDisclosure.count)])
        rows.append(["median days to disclosure", f.medianDaysToDisclosure.map { String(format: "%g", $0) } ?? "-"])
        rows.append(["disclosed over 28 days", String(f.disclosedOver28)])
        return Table(columns: ["figure", "count"], rows: rows).render(format: format)
    }
}
