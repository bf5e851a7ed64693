import Foundation
import GRDB
import MaracCore
import MaracStore
import MaracCases

// Issue 24 at scale, on a database already built (scripts/bench, or
// marac-incidentbench for incidents too; work on a copy: a bench user is
// added). Today is fixed at 2026-11-24. In the engine (no process start, no
// rendering):
//   ranking  Session.rankPerpetrators(limit: 20): every perpetrator with a
//            referral or incident in the window scored; min/median of 5,
//            and the process's peak memory after them
//   page     Session.perpetrator(id) for ROUNDS perpetrators spread over the
//            ids: p50/p95/max
//   marac-perpetratorbench PATH [ROUNDS]
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: marac-perpetratorbench PATH [ROUNDS]\n".utf8))
    exit(64)
}
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 200 : 200
let database = try MaracDatabase(path: arguments[1])
try database.writer.write { db in
    try db.execute(sql: """
        INSERT OR IGNORE INTO app_user (login, name, roles, active, created_at, created_by)
        VALUES ('bench', 'bench', 'coordinator', 1, 't', 'bench')
        """)
}
let session = try Session.open(path: arguments[1], actor: Actor("bench"), clock: Clock(today: Day("2026-11-24")!), connections: .one)

func milliseconds(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }

/// Peak resident memory of this process (VmHWM), in MB.
func peakMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return -1 }
    return kb / 1024
}

/// Each line is written at once (a crash must not swallow the lines before it).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

func report(_ label: StaticString, _ values: [Double]) {
    let sorted = values.sorted()
    func at(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
    say("\(label)\tn=\(sorted.count)\tmin=\(String(format: "%.1f", sorted[0]))\tp50=\(String(format: "%.1f", at(0.5)))\tp95=\(String(format: "%.1f", at(0.95)))\tmax=\(String(format: "%.1f", sorted.last!)) ms")
}

let before = peakMB()
var rankings: [Double] = []
var ranked = 0
for _ in 0..<5 {
    let start = ContinuousClock.now
    let page = try session.rankPerpetrators(limit: 20)
    rankings.append(milliseconds(ContinuousClock.now - start))
    ranked = page.perpetratorsRanked
}
report("ranking (every perpetrator, top 20)", rankings)
say("perpetrators ranked\t\(ranked)\tpeak memory before \(String(format: "%.0f", before)) MB, after \(String(format: "%.0f", peakMB())) MB")

let ids = try database.writer.read { db in
    try Int64.fetchAll(db, sql: """
        SELECT DISTINCT perpetrator_id FROM referral
        WHERE perpetrator_id IS NOT NULL AND id % 4999 = 0 LIMIT ?
        """, arguments: [rounds])
}
var pages: [Double] = []
var notFound = 0
for id in ids {
    let start = ContinuousClock.now
    do { _ = try session.perpetrator(id) } catch { notFound += 1; continue }
    pages.append(milliseconds(ContinuousClock.now - start))
}
if !pages.isEmpty { report("perpetrator page", pages) }
say("perpetrator pages not found\t\(notFound)")
