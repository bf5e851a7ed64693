import Foundation
import GRDB
import MaracCore
import MaracStore
import MaracCases

// Issue 23 at scale. Builds its database once, at PATH, set-based: N
// referrals (default 1,000,000) of N/2 victims (two referrals each, 200 days
// apart, each with its perpetrator), 60% heard 14 days after referral, dates
// spread over 2018–2026, and M incidents (default 2,000,000) against random
// victims (their types filled by the trigger, as in use). Today is fixed at
// 2026-11-24. Then, in the engine (no process start, no rendering):
//   entry    p50/p95/max of the repeat check alone (the victim's referrals
//            read and RepeatRule applied), and of Session.logIncident whole
//            (checks, the check, the insert with its types, the audit row)
//   flags    Session.flagList for one agency, with and without --lapsed-since
//   figures  Session.incidentFigures for a quarter, and betweenMeetingsFigures
//            (the counts stats and report protect with the rest)
//   marac-incidentbench PATH [N] [M] [ROUNDS]
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: marac-incidentbench PATH [N] [M] [ROUNDS]\n".utf8))
    exit(64)
}
let path = arguments[1]
let n = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
let m = arguments.count > 3 ? Int(arguments[3]) ?? 2_000_000 : 2_000_000
let rounds = arguments.count > 4 ? Int(arguments[4]) ?? 1000 : 1000
let today = Day("2026-11-24")!
let victims = n / 2

let database = try MaracDatabase(path: path)
let existing = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM referral") ?? 0 }
if existing < n {
    guard existing == 0 else { FileHandle.standardError.write(Data("\(path) holds \(existing) referrals, not \(n)\n".utf8)); exit(65) }
    FileHandle.standardError.write(Data("building \(path): \(n) referrals, \(m) incidents...\n".utf8))
    let start = ContinuousClock.now
    try database.writer.write { db in
        try db.execute(sql: """
            INSERT OR IGNORE INTO app_user (login, name, roles, active, created_at, created_by)
            VALUES ('bench', 'bench', 'coordinator', 1, 't', 'bench')
            """)
    }
    let batch = 100_000
    for first in stride(from: 1, through: victims, by: batch) {
        let last = min(victims, first + batch - 1)
        try database.writer.write { db in
            // Victim v is person 2v-1, their perpetrator 2v; names are fixed labels with the number (no real names).
            try db.execute(sql: """
                WITH RECURSIVE k(v) AS (SELECT ? UNION ALL SELECT v + 1 FROM k WHERE v < ?)
                INSERT INTO person (id, role, name, name_key, dob)
                SELECT 2 * v - 1, 'victim', 'Victim ' || v, 'victim ' || v, date('1960-01-01', '+' || (v * 7919 % 14000) || ' days') FROM k
                UNION ALL SELECT 2 * v, 'perpetrator', 'Perpetrator ' || v, 'perpetrator ' || v, NULL FROM k
                """, arguments: [first, last])
            try db.execute(sql: """
                WITH RECURSIVE k(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM k WHERE i < ?),
                d AS (SELECT i, (i + 1) / 2 AS v, date('2018-01-01', '+' || (((i + 1) / 2) * 2654435761 % 3000 + (i % 2) * 200) || ' days') AS day FROM k)
                INSERT INTO referral (id, ref, referred_on, referring_agency, victim_id, perpetrator_id, risk_band, status, heard_on,
                                      abuse_types, created_at, created_by, updated_at, updated_by)
                SELECT i, 'B-' || i, day, 'police', 2 * v - 1, 2 * v, 'high', 'closed',
                       CASE WHEN i % 5 < 3 AND date(day, '+14 days') <= '2026-11-24' THEN date(day, '+14 days') END,
                       CASE i % 4 WHEN 0 THEN 'physical' WHEN 1 THEN 'coercive_control;threats' WHEN 2 THEN 'unwanted_contact' END,
                       't', 'bench', 't', 'bench' FROM d WHERE day <= '2026-11-24'
                """, arguments: [2 * first - 1, 2 * last])
        }
    }
    FileHandle.standardError.write(Data("  referrals in \(start.duration(to: .now))\n".utf8))
    let agencies = ReferralRoute.allCases.map(\.rawValue)
    for first in stride(from: 1, through: m, by: batch) {
        let last = min(m, first + batch - 1)
        try database.writer.write { db in
            try db.execute(sql: """
                WITH RECURSIVE k(j) AS (SELECT ? UNION ALL SELECT j + 1 FROM k WHERE j < ?),
                w AS (SELECT j, j * 48271 % ? + 1 AS v FROM k)
                INSERT INTO incident (victim_id, referral_id, occurred_on, agency, abuse_types, crime_reported, perpetrator_id, summary,
                                      finding, created_at, created_by)
                SELECT 2 * v - 1, 2 * v - 1, date('2018-06-01', '+' || (j * 7 % 3000) || ' days'),
                       json_extract(?, '$[' || (j % \(agencies.count)) || ']'),
                       CASE j % 3 WHEN 0 THEN 'unwanted_contact' WHEN 1 THEN 'physical;threats' ELSE 'breach_of_order_or_bail' END,
                       j % 2, 2 * v, 'summary', CASE WHEN j % 4 = 0 THEN 'repeat' ELSE 'lapsed' END, 't', 'bench'
                FROM w WHERE date('2018-06-01', '+' || (j * 7 % 3000) || ' days') <= '2026-11-24'
                """, arguments: [first, last, victims, "[" + agencies.map { "\"\($0)\"" }.joined(separator: ",") + "]"])
        }
    }
    // The bench's incidents waiting to be referred back are marked referred, as a live MARAC keeps up with them.
    try database.writer.write { db in
        try db.execute(sql: "UPDATE incident SET referred_as_id = referral_id WHERE finding = 'repeat'")
        try db.execute(sql: "ANALYZE")
    }
    FileHandle.standardError.write(Data("built in \(start.duration(to: .now))\n".utf8))
}

func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }
func percentile(_ sorted: [Double], _ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
/// `what` is a fixed label (StaticString): the bench prints labels and timings only.
func row(_ what: StaticString, _ samples: [Double], _ extra: String) {
    let sorted = samples.sorted()
    print("| \(what) | \(samples.count) | \(String(format: "%.2f", percentile(sorted, 0.5))) | \(String(format: "%.2f", percentile(sorted, 0.95))) | \(String(format: "%.2f", sorted.last ?? 0)) | \(extra) |")
}

let session = try Session.open(path: path, actor: Actor("bench"), clock: Clock(today: today), connections: .one)
let service = IncidentService(clock: Clock(today: today))
var g = SystemRandomNumberGenerator()
print("| measured | runs | p50 ms | p95 ms | max ms | note |")
print("|---|---|---|---|---|---|")
var checks: [Double] = [], repeats = 0
for _ in 0..<rounds {
    let v = Int64.random(in: 1...Int64(victims), using: &g)
    let day = Day("2025-01-01")!.adding(days: Int.random(in: 0...690, using: &g))
    let start = ContinuousClock.now
    let finding = try database.writer.read { db in
        RepeatRule.finding(incidentOn: day, perpetrator: IncidentService.key(2 * v), priors: try service.priors(db, victimID: 2 * v - 1).map(\.prior))
    }
    checks.append(ms(start.duration(to: .now)))
    if finding == .repeat { repeats += 1 }
}
row("repeat check at incident entry", checks, "\(repeats) repeats")
var entries: [Double] = []
for _ in 0..<rounds {
    let i = Int.random(in: 1...n, using: &g)
    guard let ref = try database.writer.read({ db in try String.fetchOne(db, sql: "SELECT ref FROM referral WHERE id = ?", arguments: [i]) }) else { continue }
    let fields = ["referral_ref": ref, "agency": "police", "occurred_on": "2026-11-01", "abuse_types": "unwanted_contact", "summary": "bench"]
    let start = ContinuousClock.now
    _ = try session.logIncident(fields)
    entries.append(ms(start.duration(to: .now)))
}
row("incident add (use case, one transaction)", entries, "")
var flags: [Double] = [], listed = 0
for _ in 0..<5 {
    let start = ContinuousClock.now
    let list = try session.flagList(agency: "police", lapsedSince: nil)
    flags.append(ms(start.duration(to: .now)))
    listed = list.toFlag.count
}
row("flag list, one agency", flags, "\(listed) to flag")
var lapsing: [Double] = [], lapsed = 0
for _ in 0..<5 {
    let start = ContinuousClock.now
    let list = try session.flagList(agency: "police", lapsedSince: today.adding(months: -1))
    lapsing.append(ms(start.duration(to: .now)))
    lapsed = list.lapsed.count
}
row("flag list with --lapsed-since a month ago", lapsing, "\(lapsed) lapsed")
var figures: [Double] = []
for _ in 0..<5 {
    let start = ContinuousClock.now
    _ = try session.incidentFigures(try FiguresPeriod.quarter("2026Q2"))
    figures.append(ms(start.duration(to: .now)))
}
row("incident figures, one quarter", figures, "")
var between: [Double] = []
for _ in 0..<5 {
    let start = ContinuousClock.now
    _ = try session.betweenMeetingsFigures(try FiguresPeriod.quarter("2026Q2"))
    between.append(ms(start.duration(to: .now)))
}
row("figures' incident and Clare's Law counts, one quarter", between, "")
