internal import MaracStore
internal import GRDB
import MaracCore

/// The serial perpetrator flag (issue 24) on what a person reads: a case in
/// full, the triage queue and the agenda. Core's `SerialRule` decides; the
/// count is of every victim recorded against the perpetrator, so a viewer
/// whose scope leaves out the other cases still learns the fact and the
/// count, and never who (the linked cases stay in scope).
extension Session {
    /// The MARAC's rule, from its settings.
    func serialRule(_ db: Database) throws -> SerialRule {
        try SerialRule(storedWindowYears: try SettingStore.value(db, Settings.serialWindowYears),
                       storedVictims: try SettingStore.value(db, Settings.serialVictims))
    }

    /// Where one perpetrator stands today.
    func serialStanding(_ db: Database, perpetratorID: Int64, rule: SerialRule) throws -> SerialStanding {
        let count = try PerpetratorVictims.count(db, perpetratorID: perpetratorID, from: rule.windowStart(today: today), through: today)
        return SerialStanding(rule: rule, differentVictims: count.differentVictims, perpetratorBorn: count.perpetratorBorn, today: today)
    }

    /// Each summary's perpetrator, flagged: one index range per perpetrator on the page.
    func flagSerial(_ db: Database, _ summaries: [ReferralSummary]) throws -> [ReferralSummary] {
        guard !summaries.isEmpty else { return summaries }
        let rule = try serialRule(db)
        let perpetrators = try PerpetratorVictims.perpetrators(db, referralIDs: summaries.map(\.id))
        var standings: [Int64: SerialStanding] = [:]
        for id in Set(perpetrators.values) {
            standings[id] = try serialStanding(db, perpetratorID: id, rule: rule)
        }
        return summaries.map { summary in
            var flagged = summary
            flagged.serial = perpetrators[summary.id].flatMap { standings[$0] }
            return flagged
        }
    }

    /// The agenda's cases, flagged.
    func flagSerial(_ db: Database, _ agenda: Agenda) throws -> Agenda {
        var flagged = agenda
        let referrals = try flagSerial(db, agenda.cases.map(\.referral))
        for index in flagged.cases.indices { flagged.cases[index].referral = referrals[index] }
        return flagged
    }
}
