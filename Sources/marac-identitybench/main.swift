import Foundation
import GRDB
import MaracCore
import MaracStore
import MaracCases

// Issue 20, one person one record, at scale. Builds its database once, at
// PATH, with N referrals (default 1,000,000): a victim and a perpetrator per
// referral, dates of birth spread over 1950–2005, and 1% of victims entered
// again a letter out (so duplicates has pairs to find), written set-based.
// Then, in the engine (no process
// start, no rendering):
//   intake   p50/p95/max of matching one new identity: the exact lookup and
//            the near-match candidates (PersonMatching), ROUNDS times
//   merge    Session.mergePeople of two people with 50 referrals each, and
//            unmergePeople, ROUNDS/20 times each
// `marac person duplicates` is timed as the real command (docs/benchmarks.md).
//   marac-identitybench PATH [N] [ROUNDS]
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: marac-identitybench PATH [N] [ROUNDS]\n".utf8))
    exit(64)
}
let path = arguments[1]
let n = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 1000 : 1000

struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let given = ["Amina", "Grace", "Olivia", "Fatima", "Zofia", "Priya", "Chloe", "Aisha", "Niamh", "Mei", "Yetunde", "Sofia",
             "Hannah", "Leila", "Siobhán", "Ewa", "Nkechi", "Emily", "Rukhsana", "Ana", "Charlotte", "Deepa", "Maryam",
             "Ioana", "Kezia", "Bríd", "Thandiwe", "Sarah", "Zoë", "Renée", "Daniel", "Mohammed", "Tomasz", "Kwame",
             "James", "Ravi", "Liam", "Ahmed", "Marco", "Wei", "Chidi", "Connor", "Bilal", "Andrei", "Seán", "Łukasz"]
let syllables = ["ab", "ba", "ca", "da", "el", "fi", "go", "ha", "in", "jo", "ka", "lo", "ma", "ne", "o'", "pa", "qu", "ri",
                 "sa", "te", "ul", "va", "wa", "xi", "ya", "zo", "ch", "sh", "th", "ñe", "ó", "ski", "son", "ley", "ton", "ová"]
func surname(_ g: inout Generator) -> String {
    let parts = (0..<Int.random(in: 2...4, using: &g)).map { _ in syllables.randomElement(using: &g)! }.joined()
    return parts.prefix(1).uppercased() + parts.dropFirst()
}
func fullName(_ g: inout Generator) -> String { "\(given.randomElement(using: &g)!) \(surname(&g))" }
let firstDay = Day("1950-01-01")!.ordinal, lastDay = Day("2005-12-31")!.ordinal
func dob(_ g: inout Generator) -> Day { Day(ordinal: Int.random(in: firstDay...lastDay, using: &g)) }
/// A near miss of a name: one letter changed, or the words swapped.
func misspelt(_ name: String, _ g: inout Generator) -> String {
    if Bool.random(using: &g) { return name.split(separator: " ").reversed().joined(separator: " ") }
    var letters = Array(name)
    let at = Int.random(in: 1..<letters.count, using: &g)
    letters[at] = letters[at] == "e" ? "a" : "e"
    return String(letters)
}

let database = try MaracDatabase(path: path)
let existing = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM referral") ?? 0 }
if existing < n {
    guard existing == 0 else { FileHandle.standardError.write(Data("\(path) holds \(existing) referrals, not \(n)\n".utf8)); exit(65) }
    FileHandle.standardError.write(Data("building \(path) with \(n) referrals...\n".utf8))
    let start = ContinuousClock.now
    // Set-based, 100,000 referrals a transaction. Names are ASCII (a given
    // name and a surname of three syllables, from a hash of the row), so
    // lower() is exactly NameFolding.fold and name_key is right; every 100th
    // victim is the victim 50 rows earlier with one letter changed (a
    // similar_name pair for duplicates). The full-text index is not filled:
    // matching and duplicates never read it.
    let ascii = given.map { $0.decomposedStringWithCanonicalMapping.unicodeScalars.filter(\.isASCII).map(String.init).joined() }
    let plainSyllables = syllables.filter { $0.unicodeScalars.allSatisfy { $0.isASCII && $0 != "'" } }
    func json(_ items: [String]) -> String { "[" + items.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
    let batch = 100_000
    for first in stride(from: 1, through: n, by: batch) {
        let last = min(n, first + batch - 1)
        try database.writer.write { db in
            try db.execute(sql: """
                CREATE TEMP TABLE IF NOT EXISTS g (n INTEGER PRIMARY KEY, v TEXT);
                CREATE TEMP TABLE IF NOT EXISTS s (n INTEGER PRIMARY KEY, v TEXT);
                DELETE FROM g; DELETE FROM s;
                INSERT INTO g SELECT key, value FROM json_each(?);
                INSERT INTO s SELECT key, value FROM json_each(?);
                """, arguments: [json(ascii), json(plainSyllables)])
            let gn = ascii.count, sn = plainSyllables.count
            let nameOf = { (x: String) in """
                (SELECT v FROM g WHERE n = (\(x)) % \(gn)) || ' ' || upper(substr(
                  (SELECT v FROM s WHERE n = (\(x) / 64) % \(sn)) || (SELECT v FROM s WHERE n = (\(x) / 4096) % \(sn))
                  || (SELECT v FROM s WHERE n = (\(x) / 262144) % \(sn)), 1, 1)) || substr(
                  (SELECT v FROM s WHERE n = (\(x) / 64) % \(sn)) || (SELECT v FROM s WHERE n = (\(x) / 4096) % \(sn))
                  || (SELECT v FROM s WHERE n = (\(x) / 262144) % \(sn)), 2)
                """ }
            try db.execute(sql: """
                WITH RECURSIVE k(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM k WHERE i < ?),
                h AS (SELECT i, (CASE WHEN i % 100 = 99 THEN i - 50 ELSE i END) * 2654435761 % 4294967296 AS x,
                             (i * 7 + 3) * 2654435761 % 4294967296 AS y FROM k),
                named AS (SELECT i, x, y, \(nameOf("x")) AS victim, \(nameOf("y")) AS perpetrator FROM h),
                typed AS (SELECT i, x, y, perpetrator, CASE WHEN i % 100 = 99
                              THEN substr(victim, 1, length(victim) - 1) || CASE WHEN substr(victim, -1) = 'q' THEN 'z' ELSE 'q' END
                              ELSE victim END AS victim FROM named)
                INSERT INTO person (id, role, name, name_key, dob)
                SELECT 2 * i - 1, 'victim', victim, lower(victim), date('1950-01-01', '+' || (x % 20453) || ' days') FROM typed
                UNION ALL
                SELECT 2 * i, 'perpetrator', perpetrator, lower(perpetrator),
                       CASE WHEN y % 2 = 0 THEN date('1945-01-01', '+' || (y % 20453) || ' days') END FROM typed
                """, arguments: [first, last])
            try db.execute(sql: """
                WITH RECURSIVE k(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM k WHERE i < ?)
                INSERT INTO referral (id, ref, referred_on, referring_agency, victim_id, perpetrator_id, risk_band, status,
                                      created_at, created_by, updated_at, updated_by)
                SELECT i, 'B-' || i, date('2020-01-01', '+' || (i % 2000) || ' days'), 'police', 2 * i - 1, 2 * i, 'high', 'closed',
                       't', 'bench', 't', 'bench' FROM k
                """, arguments: [first, last])
        }
        FileHandle.standardError.write(Data("  \(last) referrals\n".utf8))
    }
    try database.writer.write { db in try db.execute(sql: "ANALYZE") }
    FileHandle.standardError.write(Data("built in \(start.duration(to: .now))\n".utf8))
}

func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }
func percentile(_ sorted: [Double], _ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
/// `what` is a fixed label in this file (StaticString): the bench prints
/// labels and timings, never a name it generated or read from the database.
func row(_ what: StaticString, _ samples: [Double], _ extra: String) {
    let sorted = samples.sorted()
    print("| \(what) | \(samples.count) | \(String(format: "%.2f", percentile(sorted, 0.5))) | \(String(format: "%.2f", percentile(sorted, 0.95))) | \(String(format: "%.2f", sorted.last ?? 0)) | \(extra) |")
}

// Intake: identities as a referral brings them: a person already recorded
// typed again (exact), a near miss of one (candidates found), or someone new.
var g = Generator(state: 7)
let maxPerson = try database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM person") ?? 1 }
print("| intake matching (victim) | identities | p50 ms | p95 ms | max ms | mean candidates |")
print("|---|---|---|---|---|---|")
/// The three ways a victim arrives at intake, each a row of the table.
enum Intake: CaseIterable {
    case recorded, nearMiss, someoneNew
    var label: StaticString {
        switch self {
        case .recorded: "recorded, typed again"
        case .nearMiss: "near miss of someone recorded"
        case .someoneNew: "someone new"
        }
    }
}
for kind in Intake.allCases {
    var samples: [Double] = [], found = 0
    for _ in 0..<rounds {
        var name = fullName(&g), born = dob(&g)
        if kind != .someoneNew, let stored = try database.writer.read({ db in
            try Row.fetchOne(db, sql: "SELECT name, dob FROM person WHERE id >= ? AND role = 'victim' LIMIT 1", arguments: [Int64.random(in: 1...maxPerson, using: &g)])
        }) {
            name = kind == .recorded ? NameFolding.fold(stored[0] as String).uppercased() : misspelt(stored[0], &g)
            born = Day(stored[1] as String) ?? born
        }
        let input = PersonInput(name: name, dob: born)
        let start = ContinuousClock.now
        let candidates = try database.writer.read { db -> Int in
            if try PersonMatching.exact(db, input.identity, role: .victim) != nil { return 0 }
            return try PersonMatching.candidates(db, NearMatch.Identity(name: name, dob: born), role: .victim).count
        }
        samples.append(ms(start.duration(to: .now)))
        found += candidates
    }
    row(kind.label, samples, String(format: "%.2f", Double(found) / Double(rounds)))
}

// Merge: two people with 50 referrals each (the second a near miss of the
// first), merged and unmerged through the use case, each one transaction.
let session = try Session.open(path: path, actor: Actor("bench"), connections: .one)
var merges: [Double] = [], unmerges: [Double] = []
for round in 0..<max(1, rounds / 20) {
    let (keep, other) = try database.writer.write { db -> (Int64, Int64) in
        var ids: [Int64] = []
        for name in ["Merge Bench\(round)", "Merge Banch\(round)"] {
            try db.execute(sql: "INSERT INTO person (role, name, name_key, dob) VALUES ('victim', ?, ?, '1980-01-01')",
                           arguments: [name, IdentityKey.normalise(name)])
            let id = db.lastInsertedRowID
            ids.append(id)
            try PersonSearchIndex().add(db, personID: id, .name, name: name)
            for i in 0..<50 {
                try db.execute(sql: """
                    INSERT INTO referral (ref, referred_on, referring_agency, victim_id, perpetrator_id, risk_band, status,
                                          created_at, created_by, updated_at, updated_by)
                    VALUES (?, ?, 'police', ?, 2, 'high', 'closed', 't', 'bench', 't', 'bench')
                    """, arguments: ["MB-\(round)-\(id)-\(i)", Day(ordinal: Day("2024-01-01")!.ordinal + i * 7).description, id])
            }
        }
        return (ids[0], ids[1])
    }
    var start = ContinuousClock.now
    let outcome = try session.mergePeople(keep: keep, other: other, reason: "benchmark")
    merges.append(ms(start.duration(to: .now)))
    start = ContinuousClock.now
    _ = try session.unmergePeople(mergeID: outcome.mergeID)
    unmerges.append(ms(start.duration(to: .now)))
}
print("")
print("| merge (50 + 50 referrals) | runs | p50 ms | p95 ms | max ms | |")
print("|---|---|---|---|---|---|")
row("merge", merges, "")
row("unmerge", unmerges, "")

// An import's review pass (issue 20: never stops, lists the pairs): the near
// matches of the 200,000 people the last 100,000 referrals added.
let reviewStart = ContinuousClock.now
let reviewPairs = try database.writer.read { db in try PersonMatching.pairsOfPeopleAdded(db, after: max(0, maxPerson - 200_000), limit: Int.max).pairs }
print("")
print("import review pass over the last 200,000 people: \(String(format: "%.0f", ms(reviewStart.duration(to: .now)))) ms, \(reviewPairs.count) pairs")
