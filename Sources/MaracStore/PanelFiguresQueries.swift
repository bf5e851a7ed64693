import GRDB
import MaracCore

/// The perpetrator panel's figures for a period (issue 24), each an index
/// range: referrals by `referred_on`, decisions by `decided_on`,
/// interventions by `start_on`; and for perpetrators decided into a
/// programme, their victims' referrals and incidents either side of the
/// decision, by `referral_by_victim` and `incident_by_victim`.
package enum PanelFiguresQueries {
    package static func figures(_ db: Database, from: Day, to: Day, today: Day) throws -> PanelFigures {
        var f = PanelFigures(from: from, to: to)
        let range: StatementArguments = [from.description, to.description]
        for criteria in try String.fetchAll(db, sql: "SELECT criteria FROM panel_referral WHERE referred_on BETWEEN ? AND ?", arguments: range) {
            f.referrals += 1
            for criterion in PanelCriterion.parse(criteria) { f.referralsByCriterion[criterion, default: 0] += 1 }
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT decision, COUNT(*) AS n FROM panel_decision WHERE decided_on BETWEEN ? AND ? GROUP BY decision
            """, arguments: range) {
            if let kind = PanelDecisionKind(rawValue: row["decision"]) { f.decisionsByType[kind] = row["n"] }
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT type, outcome, COUNT(*) AS n FROM panel_intervention WHERE start_on BETWEEN ? AND ? GROUP BY type, outcome
            """, arguments: range) {
            let n: Int = row["n"]
            if let type = PanelInterventionType(rawValue: row["type"]) { f.interventionsByType[type, default: 0] += n }
            if let outcome = PanelInterventionOutcome(rawValue: row["outcome"] ?? "") { f.outcomes[outcome, default: 0] += n }
        }
        let programmes = try Row.fetchAll(db, sql: """
            SELECT pr.perpetrator_id, MIN(d.decided_on) AS decided_on FROM panel_decision d JOIN panel_referral pr ON pr.id = d.panel_referral_id
            WHERE d.decided_on BETWEEN ? AND ? AND d.decision IN ('drive', 'other_programme') GROUP BY pr.perpetrator_id
            """, arguments: range)
        let victims = try db.cachedStatement(sql: "SELECT DISTINCT victim_id FROM referral WHERE perpetrator_id = ?")
        let referrals = try db.cachedStatement(sql: "SELECT COUNT(*) FROM referral WHERE victim_id = ? AND referred_on BETWEEN ? AND ?")
        let incidents = try db.cachedStatement(sql: "SELECT COUNT(*) FROM incident WHERE victim_id = ? AND occurred_on BETWEEN ? AND ?")
        for row in programmes {
            guard let decided = Day(row["decided_on"] as String) else { continue }
            f.inProgramme += 1
            let (before, after) = (PanelRules.windowBefore(decided), PanelRules.windowAfter(decided))
            if after.to <= today { f.afterWindowComplete += 1 }
            for victim in try Int64.fetchAll(victims, arguments: [row["perpetrator_id"] as Int64]) {
                func count(_ statement: Statement, _ window: (from: Day, to: Day)) throws -> Int {
                    try Int.fetchOne(statement, arguments: [victim, window.from.description, window.to.description]) ?? 0
                }
                f.referralsBefore += try count(referrals, before)
                f.referralsAfter += try count(referrals, after)
                f.incidentsBefore += try count(incidents, before)
                f.incidentsAfter += try count(incidents, after)
            }
        }
        return f
    }
}
