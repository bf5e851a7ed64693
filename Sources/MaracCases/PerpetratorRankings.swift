internal import MaracStore
internal import GRDB
import MaracCore

/// The harm ranking of perpetrators (issue 24): recency, frequency and
/// gravity from every referral and incident in the window (Core
/// `PerpetratorRanking` decides; the formula is in docs/figures.md).
extension Session {
    /// The MARAC's ranking, from its settings: the weights, and the serial rule's window.
    func perpetratorRanking(_ db: Database) throws -> PerpetratorRanking {
        let weights = try PerpetratorRanking.Weights(storedRecency: try SettingStore.value(db, Settings.rankingWeightRecency),
                                                     storedFrequency: try SettingStore.value(db, Settings.rankingWeightFrequency),
                                                     storedGravity: try SettingStore.value(db, Settings.rankingWeightGravity))
        return PerpetratorRanking(weights: weights, windowYears: try serialRule(db).windowYears)
    }

    /// The `limit` highest-scoring perpetrators, named, each with the parts of
    /// the score and the serial standing. Every perpetrator in the window is
    /// scored in one pass that holds no lock against writers (a read
    /// transaction); the names are read, and the reading recorded, in a short
    /// write afterwards. The ranking spans every case, so it is the
    /// coordinator's (the policy's `rankPerpetrators`).
    /// `notReferredOnly`: the highest harm perpetrators not yet referred to the
    /// perpetrator panel (ever), the list the panel's coordinator works from.
    public func rankPerpetrators(limit: Int = PerpetratorRankingPage.defaultLimit,
                                 notReferredOnly: Bool = false) throws(CaseError) -> PerpetratorRankingPage {
        guard (1...PerpetratorRankingPage.maximumLimit).contains(limit) else {
            throw CaseError(.invalid, field: "limit", "must be from 1 to \(PerpetratorRankingPage.maximumLimit)")
        }
        let (ranking, top, counted) = try read(.rankPerpetrators) { db, _ in
            let ranking = try perpetratorRanking(db)
            var top = TopScores(limit: limit)
            let panel = PanelService(clock: clock)
            let counted = try PerpetratorActivityScan.each(db, from: ranking.windowStart(today: today), through: today,
                                                           yearStart: ranking.yearStart(today: today)) { activity in
                let harm = ranking.score(activity, today: today)
                // The panel is asked only about those who would make the list: one seek each.
                guard top.wouldKeep(harm, activity) else { return }
                if notReferredOnly, try panel.everReferred(db, perpetratorID: activity.perpetratorID) { return }
                top.offer(harm, activity)
            }
            return (ranking, top.inOrder, counted)
        }
        return try write(.rankPerpetrators) { db, permit in
            let rule = try serialRule(db)
            let panel = PanelService(clock: clock)
            var ranked: [RankedPerpetrator] = []
            for (index, entry) in top.enumerated() {
                let id = entry.activity.perpetratorID
                guard let name = try PerpetratorActivityScan.name(db, perpetratorID: id) else { continue }
                ranked.append(RankedPerpetrator(rank: index + 1, perpetratorID: id, name: name, activity: entry.activity,
                                                harm: entry.harm, serial: try serialStanding(db, perpetratorID: id, rule: rule),
                                                referredToPanel: try panel.everReferred(db, perpetratorID: id)))
            }
            try recordAccess(db, permit, referralIDs: [], personIDs: ranked.map(\.perpetratorID))
            return PerpetratorRankingPage(ranked: ranked, perpetratorsRanked: counted,
                                          windowStart: ranking.windowStart(today: today), ranking: ranking, notReferredOnly: notReferredOnly)
        }
    }
}
