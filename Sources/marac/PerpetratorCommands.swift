import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

/// The perpetrator picture (issue 24).
struct PerpetratorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perpetrator", abstract: "A perpetrator's page: every victim in your scope, risk over time, actions, the serial flag.",
        subcommands: [Show.self, Rank.self]
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

extension PerpetratorCommand {
    struct Rank: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rank",
            abstract: "Rank perpetrators by recency, frequency and gravity (MATAC's RFG), highest harm first.",
            discussion: """
                Every perpetrator with a referral or incident in the serial window (3 years by default) is scored \
                0–100: 100 × (wR·R + wF·F + wG·G) / (wR + wF + wG). R falls from 1 (seen today) to 0 (the window's \
                first day); F is referrals and incidents in 12 months, up to 6; G is the graver of the highest DASH \
                score / 27 and the gravest abuse type. Weights: settings ranking-weight-recency, -frequency, -gravity \
                (default 1). Each line shows its own formula. See docs/figures.md, "Ranking perpetrators".
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "How many to show, highest first (1–\(PerpetratorRankingPage.maximumLimit)).")
        var limit: Int = PerpetratorRankingPage.defaultLimit
        @Flag(help: "Only those never referred to the perpetrator panel: the highest harm not yet referred.")
        var notReferred = false
        @Option var format: OutputFormat = .table
        @OptionGroup var output: PlainOutput

        func validate() throws {
            guard (1...PerpetratorRankingPage.maximumLimit).contains(limit) else {
                throw ValidationError("--limit must be from 1 to \(PerpetratorRankingPage.maximumLimit)")
            }
        }

        func run() throws {
            try output.check()
            let session = try openSession(global)
            let page = try guarded { try session.rankPerpetrators(limit: limit, notReferredOnly: notReferred) }
            write(PerpetratorRankingPrinter.render(page, format: format))
        }
    }
}

enum PerpetratorRankingPrinter {
    static let columns = ["rank", "perpetrator_id", "name", "score", "recency", "frequency", "gravity", "last_seen",
                          "events_12_months", "highest_ric_score", "gravest_abuse_type", "serial", "serial_victims", "referred_to_panel", "formula"]

    static func render(_ page: PerpetratorRankingPage, format: OutputFormat) -> String {
        func gravest(_ p: RankedPerpetrator) -> AbuseType? { p.activity.gravestType }
        switch format {
        case .json:
            let lines = page.ranked.map { p -> JSON in
                .object([("rank", .int(p.rank)), ("perpetrator_id", .int(Int(p.perpetratorID))), ("name", .string(p.name)),
                         ("score", .int(p.harm.score)), ("recency", .string(HarmScore.two(p.harm.recency))),
                         ("frequency", .string(HarmScore.two(p.harm.frequency))), ("gravity", .string(HarmScore.two(p.harm.gravity))),
                         ("last_seen", .string(p.activity.lastSeen.description)), ("events_12_months", .int(p.activity.eventsInYear)),
                         ("highest_ric_score", .optional(p.activity.highestScore)), ("gravest_abuse_type", .optional(gravest(p)?.rawValue)),
                         ("serial", .bool(p.serial.isSerial)), ("serial_victims", .int(p.serial.differentVictims)),
                         ("referred_to_panel", .bool(p.referredToPanel)), ("formula", .string(p.harm.formula))])
            }
            return JSON.object([("window_start", .string(page.windowStart.description)), ("perpetrators_ranked", .int(page.perpetratorsRanked)),
                                ("not_referred_only", .bool(page.notReferredOnly)),
                                ("weights", .object([("recency", .int(page.ranking.weights.recency)), ("frequency", .int(page.ranking.weights.frequency)),
                                                     ("gravity", .int(page.ranking.weights.gravity))])),
                                ("ranked", .array(lines))]).render() + "\n"
        case .csv:
            return Table(columns: columns, rows: page.ranked.map { p in
                [String(p.rank), String(p.perpetratorID), p.name, String(p.harm.score), HarmScore.two(p.harm.recency),
                 HarmScore.two(p.harm.frequency), HarmScore.two(p.harm.gravity), p.activity.lastSeen.description,
                 String(p.activity.eventsInYear), p.activity.highestScore.map(String.init) ?? "", gravest(p)?.rawValue ?? "",
                 p.serial.isSerial ? "true" : "false", String(p.serial.differentVictims), p.referredToPanel ? "true" : "false", p.harm.formula]
            }).render(format: .csv)
        case .table:
            let rows = page.ranked.map { p in
                [String(p.rank), String(p.perpetratorID), truncated(p.name, 24), String(p.harm.score),
                 "R \(HarmScore.two(p.harm.recency)) F \(HarmScore.two(p.harm.frequency)) G \(HarmScore.two(p.harm.gravity))",
                 p.activity.lastSeen.description, String(p.activity.eventsInYear), p.activity.highestScore.map(String.init) ?? "-",
                 gravest(p)?.words ?? "-", p.serial.words ?? "no", p.referredToPanel ? "referred" : "-"]
            }
            let w = page.ranking.weights
            return Table(columns: ["#", "id", "perpetrator", "score", "parts", "last seen", "12 months", "DASH", "gravest type", "serial", "panel"],
                         rows: rows).render(format: .table)
                + "\(Count.of(page.perpetratorsRanked, "perpetrator")) ranked since \(page.windowStart); "
                + "score = 100 × (\(w.recency)×R + \(w.frequency)×F + \(w.gravity)×G) / \(w.total); see docs/figures.md\n"
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
            // The perpetrator panel's history (issue 24): only for those who may see the panel.
            ("panel", .array(page.panel.map { entry in
                let r = entry.referral
                return .object([("panel_referral_id", .int(Int(r.id))), ("referred_on", .string(r.referredOn.description)),
                                ("criteria", .array(r.criteria.map { .string($0.rawValue) })), ("state", .string(r.state.rawValue)),
                                ("decision", .optional(r.decision?.rawValue)), ("decided_on", .optional(r.decidedOn?.description)),
                                ("interventions", .array(entry.interventions.map { i in
                                    .object([("type", .string(i.type.rawValue)), ("agency", .string(i.ownerAgency)),
                                             ("start", .string(i.startOn.description)), ("end", .optional(i.endOn?.description)),
                                             ("outcome", .optional(i.outcome?.rawValue)), ("review_due", .string(i.reviewDue.description))])
                                }))])
            })),
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
            for entry in page.panel {
                let r = entry.referral
                rows.append(["panel", (["referred \(r.referredOn)", r.criteria.map(\.rawValue).joined(separator: "+"), r.state.rawValue]
                                       + (r.decision.map { ["decided \($0.rawValue)" + (r.decidedOn.map { " on \($0)" } ?? "")] } ?? []))
                                        .joined(separator: " · ")])
                for i in entry.interventions {
                    rows.append(["intervention", [i.type.rawValue, i.ownerAgency, "from \(i.startOn)", i.outcome?.rawValue ?? "no outcome yet",
                                                  "review \(i.reviewDue)"].joined(separator: " · ")])
                }
            }
            if page.referrals.count == PerpetratorPage.limit { rows.append(["note", "the newest \(PerpetratorPage.limit) referrals are shown"]) }
            return Table(columns: ["field", "value"], rows: rows).render(format: .table)
        }
    }
}
