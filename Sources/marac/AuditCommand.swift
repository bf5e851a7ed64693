import ArgumentParser
import Foundation
import MaracCore
import MaracCases

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The audit trail: who changed what, who saw what, and whether it was tampered with.",
        discussion: "With no subcommand, lists changes (audit list). See docs/audit.md.",
        subcommands: [AuditListCommand.self, AuditVerifyCommand.self, AuditAnchorCommand.self, AuditAccessCommand.self, AuditBreakGlassCommand.self],
        defaultSubcommand: AuditListCommand.self
    )
}

struct AuditListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Read the audit trail: who changed what, when (newest first)."
    )
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only the trail of this referral.") var ref: String?
    @Option(help: "Only this kind of record: referral, action, meeting, setting, figures, agency, user, lawful_basis, purge, person (subject access), pack (files opened), marac_key.") var entity: String?
    @Option var limit: Int = 50
    func validate() throws { try validateLimit(limit) }
    @Option(help: "Cursor printed at the end of the previous page.") var after: String?
    @Option var format: OutputFormat = .table

    func run() throws {
        let session = try openSession(global)
        let cursor = try after.map { text -> Int64 in
            guard let value = Int64(text) else { throw ValidationError("--after is not a cursor from an earlier page") }
            return value
        }
        let page = try guarded { try session.auditTrail(referral: ref, entity: entity, before: cursor, limit: max(1, limit)) }
        write(Table(columns: ["at", "who", "action", "record", "id", "detail"], rows: page.items.map {
            [$0.at, $0.actor, $0.action, $0.entity, $0.entityID.map(String.init) ?? "", $0.detail]
        }).render(format: format))
        if let next = page.next { note("more: --after \(next)") }
    }
}
