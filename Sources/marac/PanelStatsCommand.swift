import ArgumentParser
import Foundation
import MaracCore
import MaracCases
import MaracDocuments

/// `marac panel stats`: the panel's exact figures for a period (issue 24).
struct PanelStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "The panel's figures: referrals by criterion, decisions and interventions by type, outcomes, and for perpetrators in a programme their victims' referrals and incidents 12 months before and after the decision.",
        discussion: """
            Exact for the coordinator at their terminal; CSV, --suppress and the analyst (the steering group) get \
            the controlled figures: every count from 1 to under the suppression threshold reads [c]. No list here \
            prints its own total, so no hidden count can be worked back from the others (docs/figures.md).
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var periodOptions: PeriodOptions
    @OptionGroup var suppression: SuppressionOptions
    @Option var format: OutputFormat = .table

    func run() throws {
        let period = try periodOptions.period()
        let session = try openSession(global)
        let suppress = try suppression.resolve(leavesTheMarac: format == .csv, session: session,
                                               what: "panel stats csv \(period.from)..\(period.to)")
        let threshold = try guarded { try session.suppressionThreshold() }
        let f = try guarded { try session.panelFigures(period, suppressed: suppress) }
        /// A small count hidden when the figures are controlled.
        func hidden(_ n: Int) -> Bool { suppress && Suppression.isPrimary(n, threshold: threshold) }
        func shown(_ n: Int) -> String { hidden(n) ? "[c]" : String(n) }
        var rows: [[String]] = [["serial_perpetrators", "named in the period", shown(f.serialPerpetrators)],
                                ["referrals", "total", shown(f.referrals)]]
        rows += PanelCriterion.allCases.map { ["referrals_by_criterion", $0.rawValue, shown(f.referralsByCriterion[$0] ?? 0)] }
        rows += PanelDecisionKind.allCases.map { ["decisions", $0.rawValue, shown(f.decisionsByType[$0] ?? 0)] }
        rows += PanelInterventionType.allCases.map { ["interventions", $0.rawValue, shown(f.interventionsByType[$0] ?? 0)] }
        rows += PanelInterventionOutcome.allCases.map { ["outcomes", $0.rawValue, shown(f.outcomes[$0] ?? 0)] }
        rows += [["programme", "perpetrators", shown(f.inProgramme)],
                 ["programme", "after_window_complete", shown(f.afterWindowComplete)],
                 ["programme", "victims_referrals_12m_before", shown(f.referralsBefore)],
                 ["programme", "victims_referrals_12m_after", shown(f.referralsAfter)],
                 ["programme", "victims_incidents_12m_before", shown(f.incidentsBefore)],
                 ["programme", "victims_incidents_12m_after", shown(f.incidentsAfter)]]
        guard format == .json else {
            write(Table(columns: ["figure", "of", "count"], rows: rows).render(format: format))
            return
        }
        func count(_ n: Int) -> JSON { hidden(n) ? .string("[c]") : .int(n) }
        func counts<T: RawRepresentable & CaseIterable>(_ all: T.AllCases, _ values: [T: Int]) -> JSON where T.RawValue == String {
            .object(all.map { ($0.rawValue, count(values[$0] ?? 0)) })
        }
        write(JSON.object([
            ("period", .object([("from", .string(f.from.description)), ("to", .string(f.to.description))])),
            ("suppressed", .bool(suppress)),
            ("serial_perpetrators", count(f.serialPerpetrators)),
            ("referrals", .object([("total", count(f.referrals)), ("by_criterion", counts(PanelCriterion.allCases, f.referralsByCriterion))])),
            ("decisions", counts(PanelDecisionKind.allCases, f.decisionsByType)),
            ("interventions", counts(PanelInterventionType.allCases, f.interventionsByType)),
            ("outcomes", counts(PanelInterventionOutcome.allCases, f.outcomes)),
            ("programme", .object([("perpetrators", count(f.inProgramme)), ("after_window_complete", count(f.afterWindowComplete)),
                                   ("victims_referrals_12m_before", count(f.referralsBefore)), ("victims_referrals_12m_after", count(f.referralsAfter)),
                                   ("victims_incidents_12m_before", count(f.incidentsBefore)), ("victims_incidents_12m_after", count(f.incidentsAfter))])),
        ]).render() + "\n")
    }
}
