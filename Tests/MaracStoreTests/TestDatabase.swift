import Foundation
import GRDB
@testable import MaracCore
@testable import MaracStore

/// A real SQLite file in a fresh temporary folder, removed when the test ends.
final class TestDatabase {
    let folder: URL
    let database: MaracDatabase
    let clock: Clock
    let actor = Actor("test-coordinator")

    init(today: String = "2026-11-24") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("marac-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try MaracDatabase(path: folder.appendingPathComponent("marac.db").path)
        clock = Clock(today: Day(today)!)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var referrals: ReferralService { ReferralService(database: database, clock: clock) }
    var meetings: MeetingService { MeetingService(database: database, clock: clock) }
    var actions: ActionService { ActionService(database: database, clock: clock) }

    /// A valid referral's fields; override any of them.
    static func fields(_ ref: String, on day: String, _ overrides: [String: String] = [:]) -> [String: String] {
        var fields = [
            "referral_ref": ref, "referred_on": day, "referring_agency": "police",
            "victim_name": "Amina Begum", "victim_dob": "1990-05-01", "perpetrator_name": "Daniel Smith",
            "perpetrator_dob": "1988-02-02", "ric_answers": String(repeating: "Y", count: 14) + String(repeating: "N", count: 10),
        ]
        for (key, value) in overrides { fields[key] = value }
        return fields
    }

    @discardableResult
    func add(_ ref: String, on day: String, _ overrides: [String: String] = [:]) throws -> Int64 {
        try referrals.add(try ReferralInput.validate(TestDatabase.fields(ref, on: day, overrides), today: clock.today), by: actor)
    }

    func count(_ sql: String) throws -> Int {
        try database.pool.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }
}
