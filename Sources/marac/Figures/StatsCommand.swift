import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

/// The period options shared by `stats` and `report`.
struct PeriodOptions: ParsableArguments {
    @Option(help: "Start, YYYY-MM-DD (with --to).") var from: String?
    @Option(help: "End, YYYY-MM-DD, inclusive.") var to: String?
    @Option(help: "A quarter, e.g. 2016Q2.") var quarter: String?
    @Option(help: "A calendar year.") var year: Int?
    @Option(help: "A financial year April–March, e.g. 2022 for 2022-23.") var financialYear: Int?
    @Option(help: "Adult women (16+) in the area; default: `marac config set adult-female-population N`.")
    var adultFemalePopulation: Int?

    func validate() throws {
        let chosen = [from != nil || to != nil, quarter != nil, year != nil, financialYear != nil].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("give one period: --from and --to, --quarter, --year or --financial-year") }
        if from != nil || to != nil, from == nil || to == nil { throw ValidationError("--from and --to go together") }
        if let population = adultFemalePopulation, population <= 0 { throw ValidationError("--adult-female-population must be more than 0") }
        if let population = adultFemalePopulation, population > 100_000_000 { throw ValidationError("--adult-female-population must be at most 100000000") }
        // Every period is checked here, so an odd one is exit 64 with a message, never a crash.
        if let problem = FiguresPeriod.problem(quarter: quarter, year: year, financialYear: financialYear, from: from, to: to) {
            throw ValidationError("--\(problem.field) \(problem.message)")
        }
    }

    func period() throws -> FiguresPeriod {
        try guarded { 
            do {
                if let quarter { return try FiguresPeriod.quarter(quarter) }
                if let year { return try FiguresPeriod.year(year) }
                if let financialYear { return try FiguresPeriod.financialYear(financialYear) }
                return try FiguresPeriod(from: try ReferralInput.parseDay(from!, field: "from"), to: try ReferralInput.parseDay(to!, field: "to"))
            } catch {
                throw CaseError.from(error)
            }
        }
    }

    /// The suppression threshold: `marac config set suppression-threshold N`, 5 by default.
    func threshold(_ session: Session) throws -> Int {
        try guarded { try session.suppressionThreshold() }
    }

    /// Rounding instead of suppression: `marac config set figures-rounding 5`.
    func rounding(_ session: Session) throws -> Int? {
        try guarded { try session.figuresRounding() }
    }

    func figures(_ session: Session) throws -> Figures {
        let period = try period()
        return try guarded { try session.figures(period, population: adultFemalePopulation) }
    }
}

/// Whether small counts are hidden: on for anything meant to leave the MARAC,
/// off for the coordinator's own screen unless asked; an override of the
/// default for an export is recorded in the audit trail.
struct SuppressionOptions: ParsableArguments {
    @Flag(help: "Show counts of 1 to 4 as \"<5\" and cells hidden to protect them as \"[c]\".") var suppress = false
    @Flag(help: "Exact counts even in CSV and the report (recorded in the audit trail).") var noSuppress = false

    func validate() throws {
        if suppress && noSuppress { throw ValidationError("--suppress and --no-suppress contradict each other") }
    }

    func resolve(leavesTheMarac: Bool, session: Session, what: String) throws -> Bool {
        // Exact small counts go only to those the policy lets see them (the coordinator).
        if try guarded({ try session.mustSuppressFigures() }) {
            if noSuppress {
                report("\(session.actor.name) may not see exact figures; they are suppressed for your role")
                throw ExitCode(77)
            }
            return true
        }
        if suppress { return true }
        if noSuppress {
            if leavesTheMarac {
                try guarded { try session.recordExactFigures(what) }
            }
            return false
        }
        return leavesTheMarac
    }
}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "The steering group's figures for a period: referrals, cases heard, coverage, repeats, routes, equality, actions.",
        discussion: "Counts only; never identities. Periods are inclusive. CSV is suppressed by default. See docs/figures.md."
    )
    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: PeriodOptions
    @OptionGroup var suppression: SuppressionOptions
    @Flag(help: "The SafeLives MARAC data return: one row per meeting held in the period, the form's counts, and the total.")
    var dataReturn = false
    @Option var format: OutputFormat = .table

    func run() throws {
        // One connection: the figures are read in one transaction (FiguresService).
        let session = try openSession(global)
        let figures = try period.figures(session)
        let suppress = try suppression.resolve(leavesTheMarac: format == .csv, session: session,
                                               what: "stats \(dataReturn ? "data return " : "")csv \(figures.period.from)..\(figures.period.to)")
        let threshold = try period.threshold(session)
        if dataReturn {
            let document = DataReturnDocument(figures, suppress: suppress, threshold: threshold, rounding: try period.rounding(session))
            switch format {
            case .json: write(document.json().render() + "\n")
            case .csv: write(Table(columns: DataReturnDocument.header, rows: document.rows).render(format: .csv))
            case .table: write(FiguresText.dataReturn(document, names: try guarded { try session.figuresNames() }))
            }
            return
        }
        // Issue 23's tables (incidents, abuse types, Clare's Law) are protected with the rest.
        let between = try guarded { try session.betweenMeetingsFigures(figures.period, repeatReferrals: figures.repeatReferrals) }
        // Issue 25's transfers in and out per quarter: a table of its own, protected with the rest.
        let transfers = try guarded { try session.transferFigures(figures.period) }
        let document = FiguresDocument(figures, suppress: suppress, threshold: threshold, rounding: try period.rounding(session),
                                       between: between, transfers: transfers)
        switch format {
        case .json: write(document.json().render() + "\n")
        case .csv: write(FiguresText.csv(document))
        case .table:
            let names = try guarded { try session.figuresNames() }
            write(FiguresText.table(document.named(names), names: names) + (document.between.map(IncidentFiguresText.table) ?? ""))
        }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "One self-contained HTML report for the board: tables and charts, no scripts, suppressed by default."
    )
    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: PeriodOptions
    @OptionGroup var suppression: SuppressionOptions
    @Option(help: "The HTML file to write.") var out: String

    func run() throws {
        // One connection: the figures are read in one transaction (FiguresService).
        let session = try openSession(global)
        let figures = try period.figures(session)
        let suppress = try suppression.resolve(leavesTheMarac: true, session: session,
                                               what: "report \(figures.period.from)..\(figures.period.to)")
        let threshold = try period.threshold(session)
        let between = try guarded { try session.betweenMeetingsFigures(figures.period, repeatReferrals: figures.repeatReferrals) }
        let transfers = try guarded { try session.transferFigures(figures.period) }
        let document = FiguresDocument(figures, suppress: suppress, threshold: threshold, rounding: try period.rounding(session),
                                       between: between, transfers: transfers)
        let names = try guarded { try session.figuresNames() }
        let html = ReportHTML.render(document.named(names), names: names, generatedOn: session.today,
                                     comparisons: try comparisons(session, figures.period, suppress: suppress, threshold: threshold))
        guard (try? LocalFiles.create(atPath: out, contents: Data(html.utf8))) != nil else {
            report("\(out): cannot be written")
            throw ExitCode(74)
        }
        note("report written: \(out)\(suppress ? " (counts under 5 suppressed)" : " (EXACT counts: handle as OFFICIAL-SENSITIVE)")")
    }

    /// The quarter before and the same period a year before, read and
    /// suppressed as this one is, so the board sees the period beside them.
    func comparisons(_ session: Session, _ current: FiguresPeriod, suppress: Bool, threshold: Int) throws -> [FiguresDocument] {
        try [current.quarterBefore, current.yearBefore].compactMap { $0 }.map { other in
            FiguresDocument(try guarded { try session.figures(other, population: period.adultFemalePopulation) }, suppress: suppress, threshold: threshold,
                             rounding: try period.rounding(session))
        }
    }
}
