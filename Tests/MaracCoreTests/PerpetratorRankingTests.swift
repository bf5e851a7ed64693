import Testing
@testable import MaracCore

/// Recency, frequency and gravity (issue 24): each part on 0–1, the weighted
/// score 0–100, and the top of the list kept without holding everyone.
@Suite struct PerpetratorRankingTests {
    let today = Day("2026-12-07")!

    func activity(_ id: Int64, last: String, events: Int = 1, score: Int? = nil, types: Set<AbuseType> = []) -> PerpetratorActivity {
        PerpetratorActivity(perpetratorID: id, lastSeen: Day(last)!, eventsInYear: events, highestScore: score, abuseTypes: types)
    }

    @Test func recencyFallsFromOneTodayToNearlyNothingOnTheWindowsFirstDay() {
        let ranking = PerpetratorRanking()
        #expect(ranking.windowStart(today: today) == Day("2023-12-08"))
        #expect(ranking.score(activity(1, last: "2026-12-07"), today: today).recency == 1)
        let first = ranking.score(activity(1, last: "2023-12-08"), today: today).recency
        #expect(first > 0 && first < 0.001, "\(first)")
    }

    @Test func frequencyStopsAtSixAYear() {
        let ranking = PerpetratorRanking()
        #expect(ranking.score(activity(1, last: "2026-12-01", events: 3), today: today).frequency == 0.5)
        #expect(ranking.score(activity(1, last: "2026-12-01", events: 6), today: today).frequency == 1)
        #expect(ranking.score(activity(1, last: "2026-12-01", events: 40), today: today).frequency == 1)
        #expect(ranking.score(activity(1, last: "2026-12-01", events: 0), today: today).frequency == 0)
    }

    @Test func gravityIsTheGraverOfTheScoreAndTheGravestType() {
        let ranking = PerpetratorRanking()
        #expect(ranking.score(activity(1, last: "2026-12-01", score: 27), today: today).gravity == 1)
        #expect(ranking.score(activity(1, last: "2026-12-01", score: 9, types: [.unwantedContact]), today: today).gravity == 1.0 / 3)
        #expect(ranking.score(activity(1, last: "2026-12-01", score: 9, types: [.unwantedContact, .sexual]), today: today).gravity == 1)
        #expect(ranking.score(activity(1, last: "2026-12-01"), today: today).gravity == 0, "nothing known is not grave")
        // Every type has a place on the scale, and the homicide markers are at its top.
        for type in AbuseType.allCases { #expect((0.3...1).contains(PerpetratorRanking.typeGravity(type))) }
        #expect(PerpetratorRanking.typeGravity(.threats) > PerpetratorRanking.typeGravity(.unwantedContact))
    }

    @Test func theScoreWeighsThePartsAndShowsItsFormula() {
        let even = PerpetratorRanking().score(activity(1, last: "2026-12-07", events: 3, types: [.threats]), today: today)
        #expect(even.score == 83 && even.formula == "83 = 100 × (1×R 1.00 + 1×F 0.50 + 1×G 1.00) / 3")
        let graveFirst = PerpetratorRanking(weights: .init(recency: 1, frequency: 1, gravity: 2))
            .score(activity(1, last: "2026-12-07", events: 0, types: [.threats]), today: today)
        #expect(graveFirst.score == 75 && graveFirst.formula == "75 = 100 × (1×R 1.00 + 1×F 0.00 + 2×G 1.00) / 4")
    }

    @Test func storedWeightsAreReadAndABadOneNamesItsSetting() throws {
        let weights = try PerpetratorRanking.Weights(storedRecency: nil, storedFrequency: "2", storedGravity: "3")
        #expect(weights == .init(recency: 1, frequency: 2, gravity: 3))
        #expect(throws: FieldError.self) { try PerpetratorRanking.Weights(storedRecency: "0", storedFrequency: nil, storedGravity: nil) }
        #expect(throws: FieldError.self) { try PerpetratorRanking.Weights(storedRecency: nil, storedFrequency: "many", storedGravity: nil) }
    }

    @Test func referralsAndIncidentsJoinIntoOneActivity() {
        let joined = activity(7, last: "2026-01-01", events: 1, score: 12, types: [.coerciveControl])
            .joined(with: activity(7, last: "2026-11-30", events: 2, types: [.physical]))
        #expect(joined == activity(7, last: "2026-11-30", events: 3, score: 12, types: [.coerciveControl, .physical]))
    }

    @Test func theTopIsKeptHighestFirstAndTiesByIdWhateverTheOrderOffered() {
        let ranking = PerpetratorRanking()
        var offered: [(HarmScore, PerpetratorActivity)] = []
        for id in Int64(1)...200 {
            let a = activity(id, last: Day("2026-12-07")!.adding(days: -Int(id % 37) * 20).description, events: Int(id % 7),
                             score: Int(id % 28), types: id % 5 == 0 ? [.threats] : [])
            offered.append((ranking.score(a, today: today), a))
        }
        let expected = offered.sorted { a, b in a.0.score != b.0.score ? a.0.score > b.0.score : a.1.perpetratorID < b.1.perpetratorID }
            .prefix(10).map(\.1.perpetratorID)
        for order in [offered, offered.reversed(), offered.shuffled()] {
            var top = TopScores(limit: 10)
            for (harm, a) in order { top.offer(harm, a) }
            #expect(top.inOrder.map(\.activity.perpetratorID) == Array(expected))
        }
        var none = TopScores(limit: 0)
        none.offer(offered[0].0, offered[0].1)
        #expect(none.inOrder.isEmpty)
    }
}
