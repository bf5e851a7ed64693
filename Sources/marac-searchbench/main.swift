import Foundation
import GRDB
import MaracCore
import MaracStore

// Times name search in the engine (SearchService over the v8 index, no
// process start, no rendering) at scale. Builds its database once, at PATH,
// with N referrals (default 1,000,000): varied names (given names × generated
// surnames, accents and apostrophes), aliases and children, every name in the
// index as the store writes it. Reused when it already holds N referrals.
//   marac-searchbench PATH [N] [ROUNDS]
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: marac-searchbench PATH [N] [ROUNDS]\n".utf8))
    exit(64)
}
let path = arguments[1]
let n = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 200 : 200
let database = try MaracDatabase(path: path)

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

let existing = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM referral") ?? 0 }
if existing != n {
    guard existing == 0 else { FileHandle.standardError.write(Data("\(path) holds \(existing) referrals, not \(n)\n".utf8)); exit(65) }
    FileHandle.standardError.write(Data("building \(path) with \(n) referrals...\n".utf8))
    var g = Generator(state: 42)
    let start = ContinuousClock.now
    let index = PersonSearchIndex()
    let batch = 20_000
    for first in stride(from: 0, to: n, by: batch) {
        try database.writer.write { db in
            let person = try db.makeStatement(sql: "INSERT INTO person (role, name, name_key, dob, postcode, postcode_district) VALUES (?, ?, ?, ?, ?, ?)")
            let referral = try db.makeStatement(sql: """
                INSERT INTO referral (ref, referred_on, referring_agency, victim_id, perpetrator_id, risk_band, status,
                                      created_at, created_by, updated_at, updated_by)
                VALUES (?, ?, 'police', ?, ?, 'high', 'closed', 't', ?, 't', 'bench')
                """)
            let alias = try db.makeStatement(sql: "INSERT INTO person_alias (person_id, name, name_key) VALUES (?, ?, ?)")
            let child = try db.makeStatement(sql: "INSERT INTO child (referral_id, name) VALUES (?, ?)")
            for i in first..<min(n, first + batch) {
                let name = fullName(&g)
                let dob = Day(year: 1950 + i % 55, month: 1 + i % 12, day: 1 + i % 28)!.description
                let district = "BR\(1 + i % 8)"
                try person.execute(arguments: ["victim", name, IdentityKey.normalise(name), dob, "\(district) \(1 + i % 9)AB", district])
                let victim = db.lastInsertedRowID
                try index.add(db, personID: victim, .name, name: name)
                let perpName = fullName(&g)
                try person.execute(arguments: ["perpetrator", perpName, IdentityKey.normalise(perpName), nil, nil, nil])
                let perpetrator = db.lastInsertedRowID
                try index.add(db, personID: perpetrator, .name, name: perpName)
                // An IDVA with a large caseload (1%, 10,000 cases) and one with a usual one (200).
                let creator = i % 100 == 0 ? "idva1" : i % 5000 == 1 ? "idva2" : "bench"
                try referral.execute(arguments: ["B-\(i)", "2020-01-01", victim, perpetrator, creator])
                let referralID = db.lastInsertedRowID
                if i % 10 == 0 {
                    let other = fullName(&g)
                    try alias.execute(arguments: [victim, other, IdentityKey.normalise(other)])
                    try index.add(db, personID: victim, .alias, name: other, aliasID: db.lastInsertedRowID)
                }
                if i % 3 == 0 {
                    let kid = fullName(&g)
                    try child.execute(arguments: [referralID, kid])
                    try index.add(db, personID: victim, .child, name: kid, childID: db.lastInsertedRowID)
                }
            }
        }
    }
    try database.writer.write { db in try db.execute(sql: "ANALYZE") }
    FileHandle.standardError.write(Data("built in \(start.duration(to: .now))\n".utf8))
}

// Queries as typed: whole names, surnames, fragments of 3–5 letters from the
// middle of names, 1–2 letters, accented and apostrophe forms, dates of
// birth, postcodes and names no one has.
var g = Generator(state: 7)
let sample = try database.writer.read { db in
    try String.fetchAll(db, sql: "SELECT name FROM person WHERE id % 997 = 0 LIMIT 400")
}
func fragment(_ name: String, _ g: inout Generator) -> String {
    let folded = NameFolding.fold(name)
    let length = Int.random(in: 3...5, using: &g)
    guard folded.count > length else { return folded }
    let start = Int.random(in: 0...(folded.count - length), using: &g)
    return String(folded.dropFirst(start).prefix(length))
}
let kinds: [(String, (inout Generator) -> String)] = [
    ("whole name", { g in sample.randomElement(using: &g)! }),
    ("surname", { g in String(sample.randomElement(using: &g)!.split(separator: " ").last!) }),
    ("3–5 letters inside a name", { g in fragment(sample.randomElement(using: &g)!, &g) }),
    ("1–2 letters", { g in String(NameFolding.fold(sample.randomElement(using: &g)!).prefix(Int.random(in: 1...2, using: &g))) }),
    ("accented given name", { g in ["Siobhán", "siobhan", "Zoë", "renee", "Bríd", "seán", "lukasz"].randomElement(using: &g)! }),
    ("date of birth", { g in Day(year: 1950 + Int.random(in: 0...54, using: &g), month: 1 + Int.random(in: 0...11, using: &g), day: 3)!.description }),
    ("postcode", { g in "BR\(Int.random(in: 1...8, using: &g)) \(Int.random(in: 1...9, using: &g))" }),
    ("no one has it", { g in ["zzqx", "qqqq walsh", "xylophone"].randomElement(using: &g)! }),
]
// The scopes as the use case passes them (ScopeSQL): everything, and an IDVA's own cases.
let idva = Grant(scopes: [.ownCases])
let scopes: [(String, (sql: String, arguments: StatementArguments), (sql: String, arguments: StatementArguments)?)] = [
    ("coordinator (all cases)", ScopeSQL.referral(.all, login: "c", today: Day("2026-11-24")!), nil),
    ("IDVA (200 own cases)", ScopeSQL.referral(idva, login: "idva2", today: Day("2026-11-24")!), ScopeSQL.ownCaseIDs(idva, login: "idva2")),
    ("IDVA (10,000 own cases)", ScopeSQL.referral(idva, login: "idva1", today: Day("2026-11-24")!), ScopeSQL.ownCaseIDs(idva, login: "idva1")),
]
func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }
func percentile(_ sorted: [Double], _ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }

print("| scope | query | searches | p50 ms | p95 ms | max ms | mean results |")
print("|---|---|---|---|---|---|---|")
for (scopeName, scope, scopeIDs) in scopes {
    var all: [Double] = []
    for (kind, make) in kinds {
        var samples: [Double] = []
        var results = 0
        for _ in 0..<rounds {
            let query = make(&g)
            let start = ContinuousClock.now
            let found = try database.writer.read { db in try SearchService().people(db, matching: query, limit: 50, scope: scope, scopeIDs: scopeIDs) }
            samples.append(ms(start.duration(to: .now)))
            results += found.count
        }
        samples.sort()
        all += samples
        print(String(format: "| %@ | %@ | %d | %.2f | %.2f | %.2f | %.1f |", scopeName, kind, samples.count,
                     percentile(samples, 0.5), percentile(samples, 0.95), samples.last ?? 0, Double(results) / Double(rounds)))
    }
    all.sort()
    print(String(format: "| %@ | **all** | %d | %.2f | %.2f | %.2f | |", scopeName, all.count,
                 percentile(all, 0.5), percentile(all, 0.95), all.last ?? 0))
}
