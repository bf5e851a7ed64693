import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// kill -9 at random moments: during an import, a loop of single commands,
/// `init`, and a lapse. Afterwards the integrity check passes, an import is
/// whole or absent, every acknowledged command is present and every file is
/// owner-only. `MARAC_CRASH_TRIALS` sets the trials per kind (scripts/soak: 200).
@Suite(.serialized) struct ReliabilityCrashTests {
    @Test func killedImportsAreWholeOrAbsent() throws {
        var rng = Seeded(Soak.seed)
        let marac = try MaracRun()
        #expect(try marac("init").status == 0)
        var whole = 0, absent = 0, acknowledged = 0, lost = 0, partial = 0, leaked = 0, crashes = 0, corrupt = 0
        for trial in 0..<Soak.crashTrials {
            let rows = Int.random(in: 50...400, using: &rng)
            let file = try marac.file("import-\(trial).csv", Referrals.csv(prefix: "K\(trial)", count: rows))
            let ending = try Child.run(["--db", marac.db, "import", "referrals", file], folder: marac.folder,
                                       killAfter: Double.random(in: 0...0.9, using: &rng))
            if ending.signalled && !ending.killedByUs { crashes += 1 }
            let present = try SQLite.count(marac.db, "SELECT COUNT(*) FROM referral WHERE ref LIKE 'K\(trial)-%'")
            if present == rows { whole += 1 } else if present == 0 { absent += 1 } else { partial += 1 }
            if ending.status == 0 && !ending.signalled {
                acknowledged += 1
                if present != rows { lost += 1 }
            }
            if !(try SQLite.integrityOK(marac.db)) { corrupt += 1 }
            leaked += FileCheck.leaked(marac.db).count
        }
        Soak.figures("crash-import", [("trials", Soak.crashTrials), ("whole", whole), ("absent", absent), ("acknowledged", acknowledged),
                                      ("partial", partial), ("lost", lost), ("corrupt", corrupt), ("leaked", leaked), ("crashes", crashes)])
        #expect(partial == 0 && lost == 0 && corrupt == 0 && leaked == 0 && crashes == 0)
    }

    @Test func acknowledgedSingleCommandsSurviveKill9() throws {
        var rng = Seeded(Soak.seed &+ 1)
        let marac = try MaracRun()
        #expect(try marac("init").status == 0)
        var acknowledged: [String] = [], killed = 0, crashes = 0, other = 0
        // Each trial runs a few commands back to back and kills the current one at a random moment.
        for trial in 0..<Soak.crashTrials {
            let deadline = Date().addingTimeInterval(Double.random(in: 0.02...0.3, using: &rng))
            var step = 0
            while true {
                let ref = "S\(trial)-\(step)"
                let child = try Child(["--db", marac.db, "referral", "add", "--plain", "--ref", ref, "--agency", "police",
                                       "--victim-name", "Person \(ref)", "--referred-on", "2026-11-01"], folder: marac.folder)
                while child.process.isRunning, Date() < deadline { usleep(300) }
                child.kill9()
                let ending = child.wait()
                if ending.killedByUs { killed += 1; break }
                if ending.signalled { crashes += 1 } else if ending.status == 0 { acknowledged.append(ref) } else { other += 1 }
                step += 1
            }
        }
        let stored = Set(try SQLite.run(marac.db, "SELECT ref FROM referral").split(separator: "\n").map(String.init))
        let lost = acknowledged.filter { !stored.contains($0) }
        let ok = try SQLite.integrityOK(marac.db)
        let leaked = FileCheck.leaked(marac.db)
        Soak.figures("crash-commands", [("trials", Soak.crashTrials), ("acknowledged", acknowledged.count), ("killed", killed),
                                        ("lost", lost.count), ("failed", other), ("integrity", ok ? "ok" : "FAILED"),
                                        ("leaked", leaked.count), ("crashes", crashes)])
        #expect(lost.isEmpty, "\(lost)")
        #expect(ok && leaked.isEmpty && crashes == 0 && other == 0, "\(leaked)")
    }

    @Test func aKilledInitLeavesNothingReadableAndRecovers() throws {
        var rng = Seeded(Soak.seed &+ 2)
        let marac = try MaracRun()
        var leaked = 0, corrupt = 0, unrecovered = 0, crashes = 0
        for trial in 0..<Soak.crashTrials {
            let db = marac.folder.appendingPathComponent("init-\(trial)/marac.db").path
            let ending = try Child.run(["--db", db, "init"], folder: marac.folder, killAfter: Double.random(in: 0...0.06, using: &rng))
            if ending.signalled && !ending.killedByUs { crashes += 1 }
            leaked += FileCheck.leaked(db).count
            if FileManager.default.fileExists(atPath: db), !(try SQLite.integrityOK(db)) { corrupt += 1 }
            // The next command finishes the job.
            if try marac.run(["--db", db, "meeting", "list"]).status != 0 { unrecovered += 1 }
            leaked += FileCheck.leaked(db).count
            if let folderMode = FileCheck.mode((db as NSString).deletingLastPathComponent), folderMode & 0o077 != 0 { leaked += 1 }
        }
        Soak.figures("crash-init", [("trials", Soak.crashTrials), ("leaked", leaked), ("corrupt", corrupt),
                                    ("unrecovered", unrecovered), ("crashes", crashes)])
        #expect(leaked == 0 && corrupt == 0 && unrecovered == 0 && crashes == 0)
    }

    @Test func aKilledLapseIsWholeOrAbsent() throws {
        var rng = Seeded(Soak.seed &+ 3)
        let trials = Soak.crashTrials
        var whole = 0, absent = 0, partial = 0, lost = 0, corrupt = 0, leaked = 0, crashes = 0
        for trial in 0..<trials {
            let marac = try MaracRun()
            let rows = Int.random(in: 100...600, using: &rng)
            #expect(try marac("import", "referrals", try marac.file("old.csv", Referrals.csv(prefix: "P\(trial)", count: rows, heard: true))).status == 0)
            let ending = try Child.run(["--db", marac.db, "referral", "lapse"], folder: marac.folder,
                                       killAfter: Double.random(in: 0.05...0.6, using: &rng))
            if ending.signalled && !ending.killedByUs { crashes += 1 }
            let lapsed = try SQLite.count(marac.db, "SELECT COUNT(*) FROM referral WHERE status = 'lapsed'")
            if lapsed == rows { whole += 1 } else if lapsed == 0 { absent += 1 } else { partial += 1 }
            if ending.status == 0 && !ending.signalled && lapsed != rows { lost += 1 }
            if !(try SQLite.integrityOK(marac.db)) { corrupt += 1 }
            leaked += FileCheck.leaked(marac.db).count
        }
        Soak.figures("crash-lapse", [("trials", trials), ("whole", whole), ("absent", absent), ("partial", partial),
                                     ("lost", lost), ("corrupt", corrupt), ("leaked", leaked), ("crashes", crashes)])
        #expect(partial == 0 && lost == 0 && corrupt == 0 && leaked == 0 && crashes == 0)
    }
}
