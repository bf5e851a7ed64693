import ArgumentParser
import Foundation
import MaracCore
import MaracStore

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "The steering group's figures for a period: referrals by risk and month, cases heard, coverage, routes.",
        discussion: "Counts only; never identities. Periods are inclusive. See docs/figures.md."
    )
    @OptionGroup var global: GlobalOptions
    @Option(help: "Start, YYYY-MM-DD.") var from: String?
    @Option(help: "End, YYYY-MM-DD.") var to: String?
    @Option(help: "A quarter, e.g. 2016Q2.") var quarter: String?
    @Option(help: "A calendar year.") var year: Int?
    @Option(help: "A financial year April–March, e.g. 2022 for 2022-23.") var financialYear: Int?
    @Option(help: "Adult women (16+) in the area; default: the stored setting.") var adultFemalePopulation: Int?
    @Flag(help: "Show counts of 1 to 4 as \"<5\".") var suppress = false
    @Option var format: OutputFormat = .table

    func validate() throws {
        let chosen = [from != nil || to != nil, quarter != nil, year != nil, financialYear != nil].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("give one period: --from and --to, --quarter, --year or --financial-year") }
        if from != nil || to != nil, from == nil || to == nil { throw ValidationError("--from and --to go together") }
        if let population = adultFemalePopulation, population <= 0 { throw ValidationError("--adult-female-population must be more than 0") }
    }

    func run() throws {
        let period: FiguresPeriod = try guarded {
            if let quarter { return try FiguresPeriod.quarter(quarter) }
            if let year { return try FiguresPeriod.year(year) }
            if let financialYear { return try FiguresPeriod.financialYear(financialYear) }
            return try FiguresPeriod(from: try ReferralInput.parseDay(from!, field: "from"), to: try ReferralInput.parseDay(to!, field: "to"))
        }
        let context = try Context.open(global)
        let stored = try guarded { try context.database.setting(Settings.adultFemalePopulation) }.flatMap(Int.init)
        let figures = try guarded { try FiguresService(database: context.database).figures(period, population: adultFemalePopulation ?? stored) }
        write(FiguresPrinter.render(figures, format: format, suppress: suppress))
    }
}

enum FiguresPrinter {
    static func count(_ n: Int, _ suppress: Bool) -> JSON {
        suppress && Suppression.isHidden(n) ? .string("<5") : .int(n)
    }

    static func bands(_ b: FiguresService.BandCounts, _ s: Bool) -> [(String, JSON)] {
        [("high", count(b.high, s)), ("medium", count(b.medium, s)), ("standard", count(b.standard, s)), ("not_completed", count(b.notCompleted, s))]
    }

    static func json(_ f: FiguresService.Figures, suppress s: Bool) -> JSON {
        // A rate over a hidden count would reveal it.
        let repeatHidden = s && (Suppression.isHidden(f.repeatCases) || Suppression.isHidden(f.casesHeard))
        return .object([
            ("period", .object([("from", .string(f.period.from.description)), ("to", .string(f.period.to.description))])),
            ("referrals", .object([
                ("total", count(f.byRisk.total, s)),
                ("by_risk", .object(bands(f.byRisk, s))),
                ("by_month", .array(f.byMonth.map { .object([("month", .string($0.month))] + bands($0.counts, s)) })),
            ])),
            ("marac", .object([
                ("cases_heard", count(f.casesHeard, s)),
                ("repeat_cases", count(f.repeatCases, s)),
                ("repeat_rate", repeatHidden ? .null : .optional(f.repeatRate)),
                ("children_in_households", count(f.childrenInHouseholds, s)),
                ("recommended_cases", .optional(f.recommendedCases)),
                ("coverage", s && Suppression.isHidden(f.casesHeard) ? .null : .optional(f.coverage)),
                ("cases_per_10k_adult_women", s && Suppression.isHidden(f.casesHeard) ? .null : .optional(f.casesPer10kAdultWomen)),
                ("adult_female_population", .optional(f.population)),
            ])),
            ("referral_routes", .object(ReferralRoute.allCases.map { route in
                let value = f.routes[route.rawValue] ?? 0
                return (route.rawValue, s && value > 0 && value < Double(Suppression.threshold) ? .string("<5") : .number(value))
            })),
        ])
    }

    static func render(_ f: FiguresService.Figures, format: OutputFormat, suppress: Bool) -> String {
        let doc = json(f, suppress: suppress)
        switch format {
        case .json:
            return doc.render() + "\n"
        case .csv:
            var rows: [[String]] = []
            flatten(doc, prefix: "", into: &rows)
            return Table(columns: ["figure", "value"], rows: rows).render(format: .csv)
        case .table:
            func text(_ v: JSON) -> String { ReferralPrinter.plain(v) }
            var out = "MARAC figures \(f.period.from) to \(f.period.to)\n\n"
            let b = f.byRisk
            out += Table(columns: ["referrals", "high", "medium", "standard", "not completed", "total"], rows:
                f.byMonth.map { m in [m.month] + bands(m.counts, suppress).map { text($0.1) } + [text(count(m.counts.total, suppress))] }
                + [["all"] + bands(b, suppress).map { text($0.1) } + [text(count(b.total, suppress))]]).render(format: .table)
            out += "\n"
            if case .object(let marac) = (try? member(doc, "marac")) ?? .null {
                out += Table(columns: ["cases heard", "value"], rows: marac.map { [$0.0.replacingOccurrences(of: "_", with: " "), text($0.1)] })
                    .render(format: .table)
            }
            out += "\n"
            if case .object(let routes) = (try? member(doc, "referral_routes")) ?? .null {
                out += Table(columns: ["route (cases heard)", "cases"], rows: routes.map { [$0.0, text($0.1)] }).render(format: .table)
            }
            return out
        }
    }

    static func member(_ doc: JSON, _ key: String) throws -> JSON {
        if case .object(let pairs) = doc, let found = pairs.first(where: { $0.0 == key }) { return found.1 }
        return .null
    }

    static func flatten(_ value: JSON, prefix: String, into rows: inout [[String]]) {
        switch value {
        case .object(let pairs): for (k, v) in pairs { flatten(v, prefix: prefix.isEmpty ? k : prefix + "." + k, into: &rows) }
        case .array(let items): for (i, v) in items.enumerated() { flatten(v, prefix: prefix + "[\(i)]", into: &rows) }
        default: rows.append([prefix, ReferralPrinter.plain(value)])
        }
    }
}
