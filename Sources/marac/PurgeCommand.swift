import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

/// `marac purge`: removes the identities of cases past the retention period.
struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Remove the identities and free text of cases past the retention period (retention-months), keeping the figures.",
        discussion: """
            A victim's case (all their referrals) is due when retention-months have passed since its latest referral, \
            meeting, hearing or action date, and no action is open. Refuses (65) until retention-months is set. \
            --dry-run prints what would go, as counts only. See docs/operations.md.
            """
    )
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print what would be purged (counts only) and change nothing.") var dryRun = false
    @Option var format: OutputFormat = .table

    func run() throws {
        let session = try openSession(global)
        let report = try guarded { dryRun ? try session.purgeDryRun() : try session.purge() }
        let c = report.counts
        let rows: [[String]] = [
            ["retention_months", String(report.retentionMonths)],
            ["cutoff", report.cutoff.description],
            ["victims", String(c.victims)],
            ["referrals", String(c.referrals)],
            [dryRun ? "perpetrators_named" : "perpetrators", String(c.perpetrators)],
            ["children", String(c.children)],
            ["actions", String(c.actions)],
        ]
        if format == .json {
            write(JSON.object([("dry_run", .bool(dryRun))] + rows.map { row in
                (row[0], row[0] == "cutoff" ? JSON.string(row[1]) : JSON.int(Int(row[1]) ?? 0))
            } + [("purge_record", report.record.map { JSON.int(Int($0)) } ?? .null)]).render() + "\n")
        } else {
            write(Table(columns: ["what", dryRun ? "would be purged" : "purged"], rows: rows).render(format: format))
        }
        if !report.walCleared { note("another marac was reading: the write-ahead log is cleared at its next checkpoint") }
    }
}
