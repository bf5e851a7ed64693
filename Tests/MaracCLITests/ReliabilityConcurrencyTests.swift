import Foundation
import Testing

/// N writers and R readers for T seconds against one database, each a real
/// marac process: every acknowledged write is present, nothing is lost, and
/// no busy error reaches a user. `MARAC_WRITERS`, `MARAC_READERS`,
/// `MARAC_WRITE_SECONDS` set the size (scripts/soak: 8 writers, 60 s).
@Suite struct ReliabilityConcurrencyTests {
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        var acknowledged: [String] = []
        var busy = 0, failed = 0, crashes = 0, reads = 0
        var failures: [String] = []
        func record(_ body: (Tally) -> Void) { lock.lock(); body(self); lock.unlock() }
    }

    @Test func writersAndReadersLoseNothingAndNeverSeeBusy() throws {
        let marac = try MaracRun()
        #expect(try marac("init").status == 0)
        let writers = Soak.writers, readers = Soak.readers
        let end = Date().addingTimeInterval(Double(Soak.writeSeconds))
        let tally = Tally()
        let db = marac.db, folder = marac.folder
        // One thread per worker (concurrentPerform would cap them at the core count).
        let group = DispatchGroup()
        for worker in 0..<(writers + readers) {
            group.enter()
            Thread {
                defer { group.leave() }
                var step = 0
                while Date() < end {
                    let arguments: [String]
                    let ref = "W\(worker)-\(step)"
                    if worker < writers {
                        // Mostly single adds; every fifth write is a small import (a longer transaction).
                        if step % 5 == 4 {
                            let path = folder.appendingPathComponent("w\(worker)-\(step).csv").path
                            try? Referrals.csv(prefix: ref, count: 20).write(toFile: path, atomically: true, encoding: .utf8)
                            arguments = ["--db", db, "import", "referrals", path]
                        } else {
                            arguments = ["--db", db, "referral", "add", "--plain", "--ref", ref, "--agency", "police",
                                         "--victim-name", "Person \(ref)", "--referred-on", "2026-11-01"]
                        }
                    } else {
                        arguments = ["--db", db] + (step % 2 == 0 ? ["referral", "list", "--plain", "--limit", "100"] : ["stats", "--year", "2026", "--format", "json"])
                    }
                    guard let ending = try? Child.run(arguments, folder: folder) else { continue }
                    tally.record { t in
                        if ending.signalled { t.crashes += 1; return }
                        if ending.status == 75 || ending.err.contains("busy") || ending.err.contains("locked") { t.busy += 1 }
                        if ending.status != 0 { t.failed += 1; t.failures.append(ending.err); return }
                        if worker >= writers { t.reads += 1; return }
                        if step % 5 == 4 {
                            t.acknowledged += (1...20).map { "\(ref)-\($0)" }
                        } else {
                            t.acknowledged.append(ref)
                        }
                    }
                    step += 1
                }
            }.start()
        }
        group.wait()
        let stored = Set(try SQLite.run(db, "SELECT ref FROM referral").split(separator: "\n").map(String.init))
        let lost = tally.acknowledged.filter { !stored.contains($0) }
        let ok = try SQLite.integrityOK(db)
        Soak.figures("concurrency", [("writers", writers), ("readers", readers), ("seconds", Soak.writeSeconds),
                                     ("acknowledged_writes", tally.acknowledged.count), ("reads", tally.reads), ("lost", lost.count),
                                     ("busy", tally.busy), ("failed", tally.failed), ("crashes", tally.crashes),
                                     ("integrity", ok ? "ok" : "FAILED"), ("leaked", FileCheck.leaked(db).count)])
        #expect(lost.isEmpty, "\(lost.prefix(10))")
        #expect(tally.busy == 0 && tally.failed == 0 && tally.crashes == 0, "\(tally.failures.prefix(3))")
        #expect(ok && FileCheck.leaked(db).isEmpty)
        #expect(tally.acknowledged.count > 0)
    }
}
