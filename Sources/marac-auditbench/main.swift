import Foundation
import MaracCore
@_spi(Benchmark) import MaracStore

// Fills a database with N chained audit rows, and after every 10th an access
// row as well (N/10 more), so the verify walk merges both tables, for timing `marac audit verify`.
// Rows are written by the same code marac uses (Audit.record, Access.record),
// in transactions of 10,000.
//   marac-auditbench DB N
let arguments = CommandLine.arguments
guard arguments.count == 3, let n = Int(arguments[2]), n > 0 else {
    FileHandle.standardError.write(Data("usage: marac-auditbench DB N\n".utf8))
    exit(64)
}
let database = try MaracDatabase(path: arguments[1])
let actors = (1...40).map { Actor("user\($0)") }
let actions = ["create", "update", "status"]
let start = ContinuousClock.now
var written = 0
while written < n {
    let batch = min(10_000, n - written)
    try database.writer.write { db in
        for k in 0..<batch {
            let i = written + k
            let at = String(format: "2026-%02d-%02dT%02d:%02d:%02d.%03dZ", 1 + i % 12, 1 + i % 28, i % 24, i % 60, (i / 60) % 60, i % 1000)
            try Audit.record(db, at: at, actor: actors[i % 40], action: actions[i % 3], entity: "referral",
                             entityID: Int64(i % 5000 + 1), detail: "status=received->screened_in")
            if i % 10 == 9 {
                try Access.record(db, actor: actors[i % 40], useCase: "referral.show", referralIDs: [Int64(i % 5000 + 1)],
                                  personIDs: [Int64(i % 7000 + 1), Int64(i % 7000 + 2)], reason: nil)
            }
        }
    }
    written += batch
}
let elapsed = start.duration(to: .now)
print("wrote \(n) audit rows and \(n / 10) access rows in \(elapsed)")
