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
        discussion: "Exact figures (the coordinator's): counts are not suppressed, so they stay within the partnership.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var periodOptions: PeriodOptions
    @Option var format: OutputFormat = .table

    func run() throws {
        let period = try periodOptions.period()
        let session = try openSession(global)
        let f = try guarded { try session.panelFigures(period) }
        var rows: [[String]] = [["referrals", "total", String(f.referrals)]]
        rows += PanelCriterion.allCases.map { ["referrals_by_criterion", $0.rawValue, String(f.referralsByCriterion[$0] ?? 0)] }
        rows += PanelDecisionKind.allCases.map { ["decisions", $0.rawValue, String(f.decisionsByType[$0] ?? 0)] }
        rows += PanelInterventionType.allCases.map { ["interventions", $0.rawValue, String(f.interventionsByType[$0] ?? 0)] }
        rows += PanelInterventionOutcome.allCases.map { ["outcomes", $0.rawValue, String(f.outcomes[$0] ?? 0)] }
        rows += [["programme", "perpetrators", String(f.inProgramme)],
                 ["programme", "after_window_complete", String(f.afterWindowComplete)],
                 ["programme", "victims_referrals_12m_before", String(f.referralsBefore)],
                 ["programme", "victims_referrals_12m_after", String(f.referralsAfter)],
                 ["programme", "victims_incidents_12m_before", String(f.incidentsBefore)],
                 ["programme", "victims_incidents_12m_after", String(f.incidentsAfter)]]
        guard format == .json else {
            write(Table(columns: ["figure", "of", "count"], rows: rows).render(format: format))
            return
        }
        func counts<T: RawRepresentable & CaseIterable>(_ all: T.AllCases, _ values: [T: Int]) -> JSON where T.RawValue == String {
            .object(all.map { ($0.rawValue, .int(values[$0] ?? 0)) })
        }
        write(JSON.object([
            ("period", .object([("from", .string(f.from.description)), ("to", .string(f.to.description))])),
            ("referrals", .object([("total", .int(f.referrals)), ("by_criterion", counts(PanelCriterion.allCases, f.referralsByCriterion))])),
            ("decisions", counts(PanelDecisionKind.allCases, f.decisionsByType)),
            ("interventions", counts(PanelInterventionType.allCases, f.interventionsByType)),
            ("outcomes", counts(PanelInterventionOutcome.allCases, f.outcomes)),
            ("programme", .object([("perpetrators", .int(f.inProgramme)), ("after_window_complete", .int(f.afterWindowComplete)),
                                   ("victims_referrals_12m_before", .int(f.referralsBefore)), ("victims_referrals_12m_after", .int(f.referralsAfter)),
                                   ("victims_incidents_12m_before", .int(f.incidentsBefore)), ("victims_incidents_12m_after", .int(f.incidentsAfter))])),
        ]).render() + "\n")
    }
}
