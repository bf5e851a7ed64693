import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore

/// Figures read again over the same audit chain head are remembered
/// (`FiguresMemo`, issue 11): the same figures come back, an audited change
/// shows at once, and a change made outside marac (no audit row) shows only
/// after the next audited one, which is what proves the memory is used.
@Suite(.serialized) struct FiguresMemoTests {
    @Test func rememberedUntilTheAuditChainMoves() throws {
        let test = try TestDatabase()
        try test.add("M-1", on: "2026-10-05")
        try test.add("M-2", on: "2026-10-06", ["victim_name": "Zoë Kowalska", "victim_dob": "1985-02-03"])
        let quarter = try FiguresPeriod.quarter("2026Q4")
        let first = try test.session.figures(quarter)
        #expect(first.byRisk.total == 2)
        #expect(FiguresParallelTests.canonical(try test.session.figures(quarter)) == FiguresParallelTests.canonical(first))

        // By hand, outside marac: no audit row, so the remembered figures stand.
        try test.database.writer.write { db in try db.execute(sql: "UPDATE referral SET referred_on = '2025-01-01' WHERE ref = 'M-1'") }
        #expect(try test.session.figures(quarter).byRisk.total == 2)
        // Read without the memory, the change is there: the figures above were remembered ones.
        let direct = try test.database.writer.read { db in try FiguresService(today: test.clock.today).figures(db, quarter, population: nil) }
        #expect(direct.byRisk.total == 1)

        // An audited change moves the chain: both changes show.
        try test.add("M-3", on: "2026-11-02", ["victim_name": "Mary Walsh", "victim_dob": "1979-07-07"])
        #expect(try test.session.figures(quarter).byRisk.total == 2)
        // Another population or another day is another key.
        #expect(try test.session.figures(quarter, population: 130_000).population == 130_000)
        let tomorrow = Session(database: test.database, actor: test.actor, clock: Clock(today: Day("2026-11-25")!))
        try test.database.writer.write { db in try db.execute(sql: "UPDATE referral SET referred_on = '2025-01-01' WHERE ref = 'M-2'") }
        #expect(try tomorrow.figures(quarter).byRisk.total == 1)
    }
}
