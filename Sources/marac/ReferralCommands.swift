import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

struct ReferralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referral", abstract: "Log, list, show and screen referrals.",
        subcommands: [Add.self, List.self, Show.self, Edit.self, History.self, Screen.self, Lapse.self, Queue.self, ReverseDeclineCommand.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", 
            abstract: "Log a referral. Prompts for what is missing when run at a terminal.",
            discussion: "Fields (the import columns, see docs/import.md):\n" + ReferralField.all.map { field in
                let option = "  --\(field.flag) VALUE"
                // A field the command fills in when it is left out (the day referred: today) is not "required" (issue 22).
                let required = field.required && !Add.filledIn.contains(field.column)
                return option + String(repeating: " ", count: max(1, 34 - option.count)) + (required ? "(required) " : "") + field.help
            }.joined(separator: "\n")
        )
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("format")) var format: OutputFormat = .table
        @OptionGroup var output: PlainOutput
        @OptionGroup(title: "Possible existing people (issue 20)") var identity: IdentityOptions
        /// The field flags, read from the field table rather than declared one by one.
        @Argument(parsing: .allUnrecognized, help: .hidden) var fieldArguments: [String] = []

        /// `--flag VALUE` or `--flag=VALUE` pairs, by import column.
        func fields() throws -> [String: String] { try Self.fields(fieldArguments) }

        /// The same for any command that takes the field flags (`referral edit` too).
        static func fields(_ fieldArguments: [String]) throws -> [String: String] {
            var fields: [String: String] = [:]
            var index = 0
            while index < fieldArguments.count {
                let argument = fieldArguments[index]
                guard argument.hasPrefix("--") else { throw ValidationError("a value was given with no --option before it (see marac referral add --help)") }
                var name = String(argument.dropFirst(2))
                var value: String
                if let equals = name.firstIndex(of: "=") {
                    value = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                } else {
                    guard index + 1 < fieldArguments.count else { throw ValidationError("--\(TerminalText.escape(name)) needs a value") }
                    index += 1
                    value = fieldArguments[index]
                }
                guard let field = ReferralField.byFlag[name] else {
                    throw ValidationError("unknown option '--\(TerminalText.escape(name))'; see marac referral add --help")
                }
                guard fields[field.column] == nil else { throw ValidationError("--\(name) is given twice") }
                fields[field.column] = value
                index += 1
            }
            return fields
        }

        func validate() throws {
            _ = try fields()
            try identity.validate()
        }

        /// Columns `run` fills in when they are not given.
        static let filledIn: Set<String> = ["referred_on"]

        /// What Core says is wrong with one answer, given the rest so far.
        static func problem(_ column: String, in fields: [String: String], today: Day) -> String? {
            do {
                _ = try ReferralInput.validate(fields, today: today)
                return nil
            } catch {
                return error.problems.first { $0.field == column }.map { TerminalText.escape($0.message) }
            }
        }

        func run() throws {
            // It prints the referral logged: refused to a pipe before anything is written.
            try output.check()
            let session = try openSession(global)
            var fields = try self.fields()
            if fields["referred_on"] == nil { fields["referred_on"] = session.today.description }
            if isatty(STDIN_FILENO) == 1 {
                // Every field the form has, in the form's order (issue 22: only four were asked,
                // and a referral was saved with no date of birth, perpetrator, consent or safety flags).
                var blank: [String] = []
                defer {
                    if !blank.isEmpty { note("left blank: " + blank.joined(separator: ", ")) }
                }
                // The form asks the checklist question by question; here it is the answers in one line, as before.
                let asked = ReferralField.onFormInOrder + [ReferralField.byColumn["ric_answers"]].compactMap { $0 }
                    .filter { answers in !ReferralField.onFormInOrder.contains { $0.column == answers.column } }
                for field in asked where fields[field.column] == nil {
                    let column = field.column
                    var problem: String?
                    // Each answer is checked as it is given; a wrong one is asked
                    // again, and what was typed before is kept (issue 10).
                    repeat {
                        let question = "\(field.label) — \(field.help)\(field.required ? "" : " (blank if none)")\(problem.map { " — \($0)" } ?? ""): "
                        FileHandle.standardError.write(Data(question.utf8))
                        guard let line = readLine() else { break }
                        fields[column] = line.isEmpty ? nil : line
                        problem = Self.problem(column, in: fields, today: session.today)
                        if problem != nil { fields[column] = nil }
                    } while problem != nil
                    if fields[column] == nil { blank.append(field.label) }
                }
            }
            try guarded { try session.requireRealDatabase() }
            var choices = identity.choices
            // At a terminal a near match is asked about; in a script it is refused until decided.
            if isatty(STDIN_FILENO) == 1 { choices = try IdentityQuestion.ask(session, fields, choices) }
            let detail = try guarded { try session.logReferral(fields, identity: choices) }
            write(ReferralPrinter.detail(detail, format: format))
            // Said on stderr too, so a script or a person logging many sees it at once.
            if let words = detail.serial?.words { note("perpetrator \(words)") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List referrals, newest first, a page at a time.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "received, screened_in, declined, listed, heard, actions_open, closed, lapsed") var status: String?
        @Option(help: "high, medium, standard, not_completed") var band: String?
        @Option(help: "Referring (or second) agency code.") var agency: String?
        @Option(help: "Referred on or after YYYY-MM-DD.") var since: String?
        @Option(help: "Rows per page.") var limit: Int = 50
        @Option(help: "Cursor printed at the end of the previous page.") var after: String?
        @Option var format: OutputFormat = .table
        @OptionGroup var output: PlainOutput

        func validate() throws {
            try validateLimit(limit)
        }

        func run() throws {
            try output.check()
            let session = try openSession(global)
            var filter = ReferralFilter()
            do {
                filter.status = try status.map { text throws(FieldError) in try Vocabulary.parse(text, as: ReferralStatus.self, field: "status") }
                filter.band = try band.map { text throws(FieldError) in try Vocabulary.parse(text, as: RiskBand.self, field: "band") }
                filter.agency = try agency.map { text throws(FieldError) in try AgencyCode(validating: text).rawValue }
                filter.since = try since.map { text throws(FieldError) in try ReferralInput.parseDay(text, field: "since") }
            } catch {
                try guarded { throw error }
            }
            let page = try guarded { try session.referrals(filter, limit: limit, after: after) }
            write(ReferralPrinter.list(page.items, format: format))
            if let next = page.next { note("more: --after \(next)") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one referral in full.")
        @OptionGroup var global: GlobalOptions
        @Argument var ref: String
        @Option(help: "Open a case outside your scope, giving the reason (logged for the coordinator's review).") var breakGlass: String?
        @Option var format: OutputFormat = .table
        @OptionGroup var output: PlainOutput

        func run() throws {
            try output.check()
            let session = try openSession(global)
            let detail = try guarded { try session.referral(ref, breakGlass: breakGlass) }
            write(ReferralPrinter.detail(detail, format: format))
        }
    }

    struct Screen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "screen", abstract: "Screen a received referral in for MARAC, or decline it with a reason.")
        @OptionGroup var global: GlobalOptions
        @Argument var ref: String
        @Flag(help: "Screen in for MARAC.") var accept = false
        @Flag(help: "Decline (needs --reason).") var decline = false
        @Option(help: "Why it is declined.") var reason: String?
        @Option(help: "With --accept: the meeting to list it on, YYYY-MM-DD (default: the next planned meeting).") var meeting: String?

        func validate() throws {
            guard accept != decline else { throw ValidationError("give exactly one of --accept or --decline") }
            if decline, (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--decline needs --reason TEXT")
            }
        }

        func run() throws {
            let session = try openSession(global)
            let meetingDay = try meeting.map { try day($0, "meeting") }
            if accept {
                let listed = try guarded { try session.screenIn(ref, listingOn: meetingDay) }
                note("\(ref) screened in and listed for the meeting on \(listed)")
            } else {
                try guarded { try session.decline(ref, reason: reason ?? "") }
                note("\(ref) declined")
            }
        }
    }

    struct Lapse: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "lapse", abstract: "Mark as lapsed the cases with no referral for 12 months.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let session = try openSession(global)
            let count = try guarded { try session.lapseDueCases() }
            note("\(count) case(s) lapsed")
        }
    }

    struct Queue: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "queue", abstract: "The triage queue: waiting to be screened, highest risk first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: PlainOutput

        func run() throws {
            try output.check()
            try TriageQueuePrinter.print(try openSession(global))
        }
    }
}

enum ReferralPrinter {
    static let listColumns = ["ref", "referred_on", "status", "band", "score", "criteria", "repeat", "children", "agency", "victim"]

    static func list(_ items: [ReferralSummary], format: OutputFormat) -> String {
        if format == .json {
            return JSON.array(items.map(json)).render() + "\n"
        }
        let width = format == .table ? 28 : Int.max
        return Table(columns: listColumns, rows: items.map { r in
            [r.ref, r.referredOn.description, r.status.rawValue, r.band.rawValue, r.score.map(String.init) ?? "",
             r.criteria.map(\.rawValue).joined(separator: ";"), r.isRepeat ? "yes" : "no", String(r.childrenInHousehold),
             r.referringAgency + (r.secondAgency.map { "+" + $0 } ?? ""), truncated(r.victimName, width)]
        }).render(format: format)
    }

    static func json(_ r: ReferralSummary) -> JSON {
        .object([
            ("ref", .string(r.ref)), ("referred_on", .string(r.referredOn.description)),
            ("referring_agency", .string(r.referringAgency)), ("second_agency", .optional(r.secondAgency)),
            ("risk_band", .string(r.band.rawValue)), ("ric_score", .optional(r.score)), ("dara_grade", .optional(r.daraGrade?.rawValue)),
            ("criteria", .array(r.criteria.map { .string($0.rawValue) })), ("repeat", .bool(r.isRepeat)),
            ("status", .string(r.status.rawValue)), ("children_in_household", .int(r.childrenInHousehold)),
            ("heard_on", .optional(r.heardOn?.description)), ("victim_name", .string(r.victimName)),
        ])
    }

    static func detail(_ d: ReferralDetail, format: OutputFormat) -> String {
        let r = d.referral
        var fields: [(String, JSON)] = [
            ("ref", .string(r.ref)), ("referred_on", .string(r.referredOn.description)),
            ("referring_agency", .string(r.referringAgency)), ("second_agency", .optional(r.secondAgency)),
            ("referrer", .optional(r.referrer)),
            ("risk_band", .string(r.band.rawValue)), ("ric_version", .string(r.ricVersion.rawValue)),
            ("ric_score", .optional(r.ricScore)), ("ric_answers", .optional(r.ricAnswers)),
            ("criteria", .array(r.criteria.map { .string($0.rawValue) })),
            ("professional_judgement_reason", .optional(r.judgementReason)),
            ("police_incidents_12m", .optional(r.policeIncidents12m)),
            ("repeat", .bool(r.isRepeat)), ("status", .string(r.status.rawValue)),
            ("decline_reason", .optional(r.declineReason)), ("heard_on", .optional(r.heardOn?.description)),
            ("children_in_household", .int(r.childrenInHousehold)),
            ("consent", .string(r.consent.rawValue)), ("consent_note", .optional(r.consentNote)),
            ("sharing_reason", .optional(r.sharingReason?.rawValue)), ("lawful_basis", .optional(r.lawfulBasis)),
            ("consent_decided_by", .optional(r.consentDecidedBy)), ("consent_decided_at", .optional(r.consentDecidedAt)),
            // The people's ids, for `audit access --person` and `person export`.
            ("victim_id", .int(Int(r.victimID))), ("perpetrator_id", .optional(r.perpetratorID.map { Int($0) })),
            ("victim", person(d.victim)), ("perpetrator", d.perpetrator.map(person) ?? .null),
            ("children", .array(d.children.map { c in
                .object([("name", .string(c.name)), ("dob", .optional(c.dob?.description)), ("lives_with", .optional(c.livesWith))])
            })),
            ("relationship", .optional(r.relationship)),
            ("aliases", .array(d.aliases.map(JSON.string))),
            ("meetings", .array(d.meetings.map { .string($0.description) })),
            // The victim's referrals, newest first: the repeat chain at a glance.
            ("victim_history", .array(d.victimHistory.map { h in
                .object([("ref", .string(h.ref)), ("referred_on", .string(h.referredOn.description)),
                         ("risk_band", .string(h.band.rawValue)), ("repeat", .bool(h.isRepeat)), ("status", .string(h.status.rawValue))])
            })),
            ("actions", .array(d.actions.map(ActionPrinter.json))),
            // Other victims' referrals with the same perpetrator (within your scope).
            ("linked_cases", .array(d.linkedCases.map { c in
                .object([("ref", .string(c.ref)), ("referred_on", .string(c.referredOn.description)),
                         ("risk_band", .string(c.band.rawValue)), ("status", .string(c.status.rawValue))])
            })),
            // The perpetrator against the serial rule (MATAC: 2 or more victims in
            // 3 years): the fact and the count, whoever the other victims are.
            ("serial", .bool(d.serial?.isSerial ?? false)),
            ("serial_victims", .int(d.serial?.differentVictims ?? 0)),
            ("created", .string("\(r.createdAt) by \(r.createdBy)")), ("updated", .string("\(r.updatedAt) by \(r.updatedBy)")),
        ]
        // Plain fields come from the field table: a new one shows here with no code.
        let plainFields: [(String, JSON)] = ReferralField.plain.map { field in (field.column, JSON.optional(r.plain[field.column])) }
        fields.insert(contentsOf: plainFields, at: fields.firstIndex { $0.0 == "relationship" } ?? fields.endIndex)
        switch format {
        case .json:
            return JSON.object(fields).render() + "\n"
        case .csv, .table:
            var rows: [[String]] = []
            for (key, value) in fields {
                switch value {
                case .object(let inner): for (k, v) in inner { rows.append(["\(key).\(k)", plain(v)]) }
                case .array(let items) where key == "children":
                    for case .object(let inner) in items { rows.append(["child", inner.map { plain($0.1) }.filter { !$0.isEmpty }.joined(separator: " · ")]) }
                case .array(let items) where key == "linked_cases":
                    for case .object(let inner) in items { rows.append(["linked case", inner.map { plain($0.1) }.joined(separator: " · ")]) }
                case .array(let items) where key == "victim_history":
                    for case .object(let inner) in items {
                        rows.append(["history", inner.map { plain($0.1) }.joined(separator: " · ")])
                    }
                case .array(let items) where key == "actions":
                    for case .object(let inner) in items {
                        let f = Dictionary(inner, uniquingKeysWith: { a, _ in a })
                        rows.append(["action", ["id", "agency", "owner", "due_on", "status", "description"].map { plain(f[$0] ?? .null) }.joined(separator: " · ")])
                    }
                default: rows.append([key, plain(value)])
                }
            }
            // The safety flags in words for people (their codes are in the rows above, as in CSV and JSON).
            if format == .table {
                let safety = SafetyFlags(plain: r.plain).words
                rows.insert(["safety", safety.isEmpty ? "none recorded" : safety.joined(separator: "; ")], at: min(rows.count, 1))
            }
            if format == .table, let q = r.ricAnswers {
                for (i, letter) in q.enumerated() where letter == "Y" {
                    rows.append(["  Q\(i + 1) yes", truncated(r.ricVersion.questions[i], 70)])
                }
            }
            return Table(columns: ["field", "value"], rows: rows).render(format: format)
        }
    }

    static func person(_ p: PersonRecord) -> JSON {
        .object([("name", .string(p.name)), ("dob", .optional(p.dob?.description)), ("gender", .string(p.gender.rawValue)),
                 ("ethnicity", .string(p.ethnicity.rawValue)), ("disability", .string(p.disability.rawValue)),
                 ("lgbt", .string(p.lgbt.rawValue)), ("postcode", .optional(p.postcode))])
    }

    static func plain(_ value: JSON) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .number(let d): return String(d)
        case .bool(let b): return b ? "yes" : "no"
        case .null: return ""
        case .array(let items): return items.map(plain).joined(separator: ";")
        case .object: return ""
        }
    }
}
