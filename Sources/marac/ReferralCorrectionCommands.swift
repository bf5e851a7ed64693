import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

extension ReferralCommand {
    /// Correcting a slip in the open (issue 20): the fields given, each kept
    /// in the case's history with the reason.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit",
            abstract: "Correct a referral's fields, giving the reason; the earlier values are kept in its history.",
            discussion: "Takes any field option of `marac referral add` (see its --help); an empty value clears a field. "
                + "Changing the checklist's version, or giving a score or answers that leave answers given earlier unanswered, "
                + "is refused unless --replace-answers says it is meant.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The referral's reference.") var ref: String
        @Option(help: "Why the change is made (required; kept with each field changed).") var reason: String?
        @Flag(help: "Clear checklist answers given earlier, on purpose (a new version, or a score in their place).") var replaceAnswers = false
        /// The field flags, read from the field table as `referral add` reads them.
        @Argument(parsing: .allUnrecognized, help: .hidden) var fieldArguments: [String] = []

        func validate() throws { _ = try Add.fields(fieldArguments) }

        func run() throws {
            let session = try openSession(global)
            let given = try Add.fields(fieldArguments)
            _ = try guarded { try session.correctReferral(ref, given, reason: reason ?? "", replaceAnswers: replaceAnswers) }
            // Nothing identifying is printed: the values are in the history.
            note("\(TerminalText.escape(ref)) corrected; its history: marac referral history REF")
        }
    }

    /// What was corrected on a case, from what to what, who, when, why.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "history",
            abstract: "A case's history of corrections, newest first: what changed, from what to what, who, when and why.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The referral's reference.") var ref: String
        @Option(help: "Open a case outside your scope, giving the reason (logged for the coordinator's review).") var breakGlass: String?
        @Option(help: "Rows per page.") var limit: Int = 50
        @Option(help: "Cursor printed at the end of the previous page.") var after: String?
        @Option var format: OutputFormat = .table
        @OptionGroup var output: PlainOutput

        func validate() throws { try validateLimit(limit) }

        func run() throws {
            // The values may name people: refused to a pipe without --plain, before anything is read.
            try output.check()
            let session = try openSession(global)
            let page = try guarded { try session.referralHistory(ref, limit: limit, after: after, breakGlass: breakGlass) }
            write(HistoryPrinter.list(page.items, format: format))
            if let next = page.next { note("more: --after \(next)") }
        }
    }
}

enum HistoryPrinter {
    static let columns = ["id", "at", "actor", "entity", "entity_id", "field", "from", "to", "reason"]

    static func list(_ items: [HistoryEntry], format: OutputFormat) -> String {
        if format == .json { return JSON.array(items.map(json)).render() + "\n" }
        let width = format == .table ? 24 : Int.max
        return Table(columns: columns, rows: items.map { e in
            [String(e.id), e.at, e.actor, e.entity, String(e.entityID), e.change.field,
             truncated(e.change.from ?? "", width), truncated(e.change.to ?? "", width), truncated(e.reason, width * 2)]
        }).render(format: format)
    }

    static func json(_ e: HistoryEntry) -> JSON {
        .object([
            ("id", .int(Int(e.id))), ("at", .string(e.at)), ("actor", .string(e.actor)), ("entity", .string(e.entity)),
            ("entity_id", .int(Int(e.entityID))), ("field", .string(e.change.field)),
            ("from", .optional(e.change.from)), ("to", .optional(e.change.to)),
            ("identifying", .bool(e.change.identifying)), ("reason", .string(e.reason)),
        ])
    }
}
