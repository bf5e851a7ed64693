import ArgumentParser
import Foundation
import MaracCore
import MaracCases

/// `marac audit verify [--anchor HASH:COUNT]`: recomputes the hash chain.
struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the audit trail has not been edited, cut or added to outside marac.",
        discussion: "Exit 0 when the chain holds; 65 and one line naming the first broken row otherwise. "
            + "With --anchor (from `marac audit anchor`, recorded in the minutes) a trail cut short or rewritten also shows."
    )
    @OptionGroup var global: GlobalOptions
    @Option(help: "HASH:COUNT printed by `marac audit anchor` earlier.") var anchor: String?

    func validate() throws {
        if let anchor, AuditAnchor(anchor) == nil { throw ValidationError("--anchor: expected HASH:COUNT (64 hex digits, a colon, a row count)") }
    }

    func run() throws {
        let session = try openSession(global)
        let result = try guarded { try session.verifyAuditTrail(anchor: anchor.flatMap(AuditAnchor.init)) }
        switch result {
        case .intact(let head):
            write("audit chain holds: \(head.count) rows\(anchor == nil ? "" : ", including the anchor's"); head \(head)\n")
        case .broken(_, let message):
            report("audit chain broken: \(message)")
            throw ExitCode(65)
        }
    }
}

/// `marac audit anchor`: the head of the chain, to record outside marac.
struct AuditAnchorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anchor",
        abstract: "Print HASH:COUNT, the head of the audit chain, to record in the minutes.",
        discussion: "Checks the chain first: a broken chain has no anchor (exit 65)."
    )
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let session = try openSession(global)
        let result = try guarded { try session.verifyAuditTrail() }
        switch result {
        case .intact(let head): write("\(head)\n")
        case .broken(_, let message):
            report("audit chain broken: \(message)")
            throw ExitCode(65)
        }
    }
}

/// `marac audit access REF` or `--person ID`: who saw the record.
struct AuditAccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "Who saw a referral (or a person), when, through what, and why (newest first)."
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The referral's reference.") var ref: String?
    @Option(help: "A person's id instead of a referral.") var person: Int64?
    @Option var limit: Int = 50
    @Option(help: "Cursor printed at the end of the previous page.") var after: Int64?
    @Option var format: OutputFormat = .table

    func validate() throws {
        if (ref == nil) == (person == nil) { throw ValidationError("give a referral reference or --person ID, not both") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let session = try openSession(global)
        let page = try guarded { () -> Page<AccessEntry> in
            if let ref { return try session.accessToReferral(ref, before: after, limit: limit) }
            return try session.accessToPerson(person!, before: after, limit: limit)
        }
        write(Table(columns: ["at", "who", "use_case", "kind", "reason", "shown"], rows: page.items.map {
            [$0.at, $0.actor, $0.useCase, $0.kind.rawValue, $0.reason ?? "", AuditBreakGlassCommand.shown($0)]
        }).render(format: format))
        if let next = page.next { note("more: --after \(next)") }
    }
}

/// `marac audit break-glass`: cases opened outside the reader's scope.
struct AuditBreakGlassCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "break-glass",
        abstract: "Cases opened outside the reader's scope, with the reason given, for the coordinator's review (newest first)."
    )
    @OptionGroup var global: GlobalOptions
    @Option var limit: Int = 50
    @Option(help: "Cursor printed at the end of the previous page.") var after: Int64?
    @Option var format: OutputFormat = .table

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let session = try openSession(global)
        let page = try guarded { try session.breakGlassReads(before: after, limit: limit) }
        write(Table(columns: ["at", "who", "use_case", "reason", "refs"], rows: page.items.map {
            [$0.at, $0.actor, $0.useCase, $0.reason ?? "", $0.refs.joined(separator: " ")]
        }).render(format: format))
        if let next = page.next { note("more: --after \(next)") }
    }

    static func shown(_ entry: AccessEntry) -> String {
        var parts: [String] = []
        if entry.referralsShown > 0 { parts.append("\(entry.referralsShown) referral\(entry.referralsShown == 1 ? "" : "s")") }
        if entry.peopleShown > 0 { parts.append("\(entry.peopleShown) \(entry.peopleShown == 1 ? "person" : "people")") }
        return parts.joined(separator: ", ")
    }
}
