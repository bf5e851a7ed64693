import Foundation
import Synchronization
import Testing
import MaracTestSupport
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore

/// The second thread that checks an import's rows while the first writes
/// (issue 11): order, errors and stopping, then a whole import through it.
@Suite struct HandoverTests {
    struct Produced: Error, Equatable { let after: Int }
    struct Refused: Error, Equatable {}

    @Test func itemsArriveInOrderThenTheProducersError() throws {
        var seen: [Int] = []
        // Not a multiple of the batch size, so the last batch is a part one.
        let count = Handover.batchSize * Handover.depth * 3 + 17
        #expect(throws: Produced(after: count)) {
            try Handover.run(produce: { emit in
                for i in 0..<count { try emit(i) }
                throw Produced(after: count)
            }, consume: { (i: Int) in seen.append(i) })
        }
        #expect(seen == Array(0..<count))
    }

    @Test func aProducerThatEndsWellEndsTheRun() throws {
        var total = 0
        try Handover.run(produce: { emit in for i in 1...1_000 { try emit(i) } }, consume: { (i: Int) in total += i })
        #expect(total == 500_500)
        try Handover.run(produce: { _ in }, consume: { (_: Int) in Issue.record("nothing was produced") })
    }

    @Test func aConsumersErrorStopsTheProducerBeforeRunReturns() throws {
        let produced = Atomic<Int>(0), ended = Atomic<Bool>(false)
        #expect(throws: Refused()) {
            try Handover.run(produce: { emit in
                defer { ended.store(true, ordering: .sequentiallyConsistent) }
                // Without being stopped this would never end.
                while true { try emit(produced.add(1, ordering: .sequentiallyConsistent).newValue) }
            }, consume: { (i: Int) in if i == 1_000 { throw Refused() } })
        }
        // The producer's thread has ended by the time run returns, a few batches past the refusal at most.
        let hasEnded = ended.load(ordering: .sequentiallyConsistent), count = produced.load(ordering: .sequentiallyConsistent)
        #expect(hasEnded)
        #expect(count <= 1_000 + Handover.batchSize * (Handover.depth + 2))
    }

    /// A file longer than many handover batches: every bad row is listed in
    /// file order, the repeated reference found across batches, and nothing written.
    @Test func aLongFileListsEveryProblemInOrderAndWritesNothing() throws {
        let test = try TestDatabase()
        let session = test.session
        var rows = ["referral_ref,referred_on,referring_agency,victim_name,ric_score"]
        for i in 1...3_000 {
            switch i {
            case 700: rows.append("L-\(i),2026-13-01,police,Victim \(i),15")      // no 13th month
            case 1_900: rows.append("L-5,2026-11-01,police,Victim \(i),15")      // repeats line 6's reference
            case 2_600: rows.append("L-\(i),2026-11-01,police")                  // fields missing
            default: rows.append("L-\(i),2026-11-01,police,Victim \(i),15")
            }
        }
        let before = try test.count("SELECT COUNT(*) FROM referral") + test.count("SELECT COUNT(*) FROM audit")
        do {
            _ = try session.importReferrals(csv: rows.joined(separator: "\n"), fileName: "long.csv", update: false)
            Issue.record("a file with bad rows was imported")
        } catch {
            let fields = error.problems.map(\.description)
            #expect(fields.count == 3)
            #expect(fields.count == 3 && fields[0].hasPrefix("long.csv:701: referred_on"))
            #expect(fields.count == 3 && fields[1].hasPrefix("long.csv:1901: referral_ref"))
            #expect(fields.count == 3 && fields[2].hasPrefix("long.csv:2601:"))
        }
        #expect(try test.count("SELECT COUNT(*) FROM referral") + test.count("SELECT COUNT(*) FROM audit") == before)
    }

    /// A syntax error far down a file is reported with its line after every
    /// row before it was read, and nothing is written.
    @Test func aSyntaxErrorPastManyBatchesRollsEverythingBack() throws {
        let test = try TestDatabase()
        var rows = ["referral_ref,referred_on,referring_agency,victim_name,ric_score"]
        for i in 1...2_000 { rows.append("S-\(i),2026-11-01,police,Victim \(i),15") }
        rows.append("S-2001,2026-11-01,police,\"Victim never closed,15")
        #expect {
            _ = try test.session.importReferrals(csv: rows.joined(separator: "\n"), fileName: "quote.csv", update: false)
        } throws: { error in
            (error as? CaseError)?.problems.first?.field?.hasPrefix("quote.csv:2002:") == true
        }
        #expect(try test.count("SELECT COUNT(*) FROM referral") == 0)
        // The same file without the broken row goes in whole.
        let summary = try test.session.importReferrals(csv: rows.dropLast().joined(separator: "\n"), fileName: "quote.csv", update: false)
        #expect(summary.added == 2_000)
        #expect(try test.count("SELECT COUNT(*) FROM referral") == 2_000)
    }
}
