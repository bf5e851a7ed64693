import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

/// The perpetrator picture (issue 24).
struct PerpetratorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perpetrator", abstract: "A perpetrator's page: every victim in your scope, risk over time, actions, the serial flag.",
        subcommands: [Show.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show",
            abstract: "Show one perpetrator: the referrals naming them that you may see, and whether they are serial.",
            discussion: """
                ID is the perpetrator's id (`referral show REF --format json`: perpetrator_id). Serial: recorded \
                against 2 or more different victims within 3 years (MATAC; settings serial-victims and \
                serial-window-years); the count covers every victim, the cases listed only those in your scope.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The perpetrator's id.") var id: Int64
        @Option var format: OutputFormat = .table
        @OptionGroup var output: PlainOutput

        func validate() throws {
            guard id > 0 else { throw ValidationError("ID must be a perpetrator's id, a whole number above 0") }
        }

        func run() throws {
            try output.check()
            let session = try openSession(global)
            let page = try guarded { try session.perpetrator(id) }
            write(PerpetratorPrinter.render(page, format: format))
        }
    }
}

enum PerpetratorPrinter {
    static func render(_ page: PerpetratorPage, format: OutputFormat) -> String {
        let p = page.perpetrator
        let referrals = page.referrals.map { r -> JSON in
            .object([("ref", .string(r.ref)), ("referred_on", .string(r.referredOn.description)), ("victim_id", .int(Int(r.victimID))),
                     ("victim_name", .string(r.victimName)), ("risk_band", .string(r.band.rawValue)), ("ric_score", .optional(r.score)),
                     ("repeat", .bool(r.isRepeat)), ("status", .string(r.status.rawValue)), ("heard_on", .optional(r.heardOn?.description))])
        }
        let fields: [(String, JSON)] = [
            ("perpetrator_id", .int(Int(p.id))), ("name", .string(p.name)), ("dob", .optional(p.dob?.description)),
            ("gender", .string(p.gender.rawValue)),
            ("serial", .bool(page.serial.isSerial)), ("serial_victims", .int(page.serial.differentVictims)),
            ("victims_in_scope", .int(page.victimsInScope.count)),
            ("referrals", .array(referrals)),
            ("actions", .array(page.actions.map(ActionPrinter.json))),
        ]
        switch format {
        case .json:
            return JSON.object(fields).render() + "\n"
        case .csv:
            // One row per referral, the perpetrator's own columns repeated: a sheet to filter.
            return Table(columns: ["perpetrator_id", "serial", "serial_victims", "ref", "referred_on", "victim_id", "risk_band", "ric_score", "repeat", "status"],
                         rows: page.referrals.map { r in
                             [String(p.id), page.serial.isSerial ? "true" : "false", String(page.serial.differentVictims), r.ref,
                              r.referredOn.description, String(r.victimID), r.band.rawValue, r.score.map(String.init) ?? "",
                              r.isRepeat ? "true" : "false", r.status.rawValue]
                         }).render(format: .csv)
        case .table:
            var rows: [[String]] = [
                ["perpetrator", "\(p.name) (id \(p.id))" + (p.dob.map { ", born \($0)" } ?? "")],
                ["serial", page.serial.words ?? "no: \(page.serial.differentVictims) \(page.serial.differentVictims == 1 ? "victim" : "victims") in the window"],
                ["victims you may see", String(page.victimsInScope.count)],
            ]
            // Risk over time: each referral, oldest first, so a rising score reads left to right down the page.
            for r in page.referrals.reversed() {
                rows.append(["referral", [r.referredOn.description, r.ref, truncated(r.victimName, 24), r.band.words,
                                          r.score.map { "score \($0)" } ?? "no score", r.isRepeat ? "repeat" : "", r.status.rawValue]
                                            .filter { !$0.isEmpty }.joined(separator: " · ")])
            }
            for a in page.actions {
                rows.append(["action", ["#\(a.id)", a.referralRef, a.agency, "due \(a.due)", a.status.rawValue, truncated(a.description, 40)]
                                .joined(separator: " · ")])
            }
            if page.referrals.count == PerpetratorPage.limit { rows.append(["note", "the newest \(PerpetratorPage.limit) referrals are shown"]) }
            return Table(columns: ["field", "value"], rows: rows).render(format: .table)
        }
    }
}
