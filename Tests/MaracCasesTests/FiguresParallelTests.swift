import Foundation
import GRDB
import Testing
import MaracTestSupport
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore

/// The figures read through a pool (the terminal UI's connections, and the
/// memo) are the figures read in one transaction, field for field, and a
/// change landing while they are read never mixes two states of the
/// database. (They were once read on two connections at once, issue 11; since
/// issue 21 always in one read transaction.)
@Suite struct FiguresParallelTests {
    /// Every stored property, recursively, dictionaries in key order: two
    /// values print alike exactly when they are equal, whatever fields the
    /// figures gain later.
    static func canonical(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .dictionary:
            return "[" + mirror.children.map { canonical($0.value) }.sorted().joined(separator: ", ") + "]"
        case .struct, .tuple, .class, .collection, .optional, .enum, .set:
            if mirror.children.isEmpty { return "\(value)" }
            let parts = mirror.children.map { "\($0.label ?? ""): \(canonical($0.value))" }
            return "\(mirror.subjectType)(" + (mirror.displayStyle == .set ? parts.sorted() : parts).joined(separator: ", ") + ")"
        default:
            return "\(value)"
        }
    }

    @Test(arguments: ["2025", "2026Q3", "2026Q4", "2024Q1"])
    func twoConnectionsGiveTheSameFiguresAsOne(_ period: String) throws {
        let test = try TestDatabase()
        _ = try test.session.fillDemo(seed: 11, size: .small)
        let span = period.count == 4 ? try FiguresPeriod.year(Int(period)!) : try FiguresPeriod.quarter(period)
        let service = FiguresService(today: test.clock.today)
        let one = try test.database.writer.read { db in try service.figures(db, span, population: 130_000) }
        let two = try service.figures(test.database.writer, span, population: 130_000)
        #expect(Self.canonical(two) == Self.canonical(one))
        #expect(one.casesHeard > 0 || period == "2024Q1")
    }

    /// While figures are read again and again, another connection adds
    /// referrals heard in the period, one transaction each with its audit
    /// row. Every result must be one state of the database: the cases heard
    /// (first half) and the 8-quarter trend's last quarter (second half)
    /// always agree.
    @Test func aChangeWhileReadingNeverMixesTwoStates() throws {
        let test = try TestDatabase()
        _ = try test.session.fillDemo(seed: 11, size: .small)
        let span = try FiguresPeriod.quarter("2026Q4")
        let service = FiguresService(today: test.clock.today)
        let pool = test.database.writer, clock = test.clock, actor = test.actor
        let inputs = try (0..<60).map { i in
            try ReferralInput.validate(TestDatabase.fields("P-\(i)", on: "2026-10-01", ["victim_name": "Parallel \(i)", "heard_on": "2026-10-08"]),
                                       today: clock.today)
        }
        let done = DispatchSemaphore(value: 0)
        let writer = Thread {
            for input in inputs {
                _ = try? pool.write { db in try ReferralWriter(actor: actor, clock: clock).add(db, input) }
            }
            done.signal()
        }
        writer.start()
        var mismatches = 0
        for _ in 0..<60 {
            let f = try service.figures(pool, span, population: nil)
            if f.trend.last?.casesHeard != f.casesHeard { mismatches += 1 }
        }
        done.wait()
        #expect(mismatches == 0)
        #expect(try test.count("SELECT COUNT(*) FROM referral WHERE ref LIKE 'P-%'") == 60)
        let final = try service.figures(test.database.writer, span, population: nil)
        #expect(final.trend.last?.casesHeard == final.casesHeard)
    }
}
