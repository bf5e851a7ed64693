import Foundation
import GRDB
@testable import MaracCases
@testable import MaracCore
@testable import MaracStore

/// A real SQLite file in a fresh temporary folder, removed when the test ends.
public final class TestDatabase {
    public let folder: URL
    public let database: MaracDatabase
    public let clock: Clock
    public let actor = Actor("test-coordinator")

    public init(today: String = "2026-11-24") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("marac-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try MaracDatabase(path: folder.appendingPathComponent("marac.db").path)
        clock = Clock(today: Day(today)!)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    public var session: Session { Session(database: database, actor: actor, clock: clock) }

    /// Screens a referral in without listing it: a state the use cases never
    /// leave a case in, but one an upgraded database or a removal can.
    public func screenInOnly(_ ref: String) throws {
        let changes = StatusChanges(actor: actor, clock: clock)
        try database.writer.write { db in try changes.screenIn(db, try ReferralLookup.record(db, ref: ref)) }
    }

    /// A valid referral's fields; override any of them.
    public static func fields(_ ref: String, on day: String, _ overrides: [String: String] = [:]) -> [String: String] {
        var fields = [
            "referral_ref": ref, "referred_on": day, "referring_agency": "police",
            "victim_name": "Amina Begum", "victim_dob": "1990-05-01", "perpetrator_name": "Daniel Smith",
            "perpetrator_dob": "1988-02-02", "ric_answers": String(repeating: "Y", count: 14) + String(repeating: "N", count: 10),
        ]
        for (key, value) in overrides { fields[key] = value }
        return fields
    }

    @discardableResult
    public func add(_ ref: String, on day: String, _ overrides: [String: String] = [:]) throws -> Int64 {
        // Straight into the store, as the referral use case writes it: the audit chain tests count every row.
        let input = try ReferralInput.validate(TestDatabase.fields(ref, on: day, overrides), today: clock.today)
        return try database.writer.write { db in try ReferralWriter(actor: actor, clock: clock).add(db, input) }
    }

    public func count(_ sql: String) throws -> Int {
        try database.writer.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }
}

extension MaracDatabase {
    /// A setting written as the use case writes it (with its audit row), for tests that need many changes.
    public func setSetting(_ key: String, _ value: String, by actor: Actor) throws {
        try writer.write { db in
            try SettingStore.set(db, key, value)
            try Audit.record(db, actor: actor, action: "set", entity: "setting", entityID: nil, detail: "\(key)=\(value)")
        }
    }
}
