import Foundation
import GRDB
import Testing
import MaracCore
import MaracTestSupport
@testable import MaracStore

/// The record's history keeps earlier values for good: no row can be changed
/// or removed, except that purge blanks identifying values.
@Suite struct ChangeHistoryTests {
    func recordOne(_ test: TestDatabase, identifying: Bool) throws -> Int64 {
        let referral = try test.add("BR-2026-0001", on: "2026-03-02")
        try test.database.writer.write { db in
            try ChangeHistory().record(db, actor: test.actor, entity: "referral", entityID: referral, referralID: referral,
                                       changes: [FieldChange(field: "victim_name", from: "Old Name", to: "New Name", identifying: identifying)],
                                       reason: "typed against the wrong case")
        }
        return referral
    }

    @Test func aCaseHistoryReadsBackNewestFirstWithItsReason() throws {
        let test = try TestDatabase()
        let referral = try recordOne(test, identifying: true)
        try test.database.writer.write { db in
            try ChangeHistory().record(db, actor: test.actor, entity: "referral", entityID: referral, referralID: referral,
                                       changes: [FieldChange(field: "consent", from: "unknown", to: "given", identifying: false)],
                                       reason: "consent obtained")
        }
        let page = try test.database.writer.read { try ChangeHistory().page($0, referralID: referral, limit: 1) }
        #expect(page.items.map(\.change.field) == ["consent"])
        #expect(page.items.first?.reason == "consent obtained")
        let rest = try test.database.writer.read { try ChangeHistory().page($0, referralID: referral, before: Int64(page.next!)!, limit: 5) }
        #expect(rest.items.map(\.change) == [FieldChange(field: "victim_name", from: "Old Name", to: "New Name", identifying: true)])
        #expect(rest.next == nil)
    }

    @Test func noRowCanBeChangedOrRemoved() throws {
        let test = try TestDatabase()
        _ = try recordOne(test, identifying: false)
        for sql in ["DELETE FROM change_history", "UPDATE change_history SET reason = 'other'",
                    "UPDATE change_history SET old_value = 'forged'", "UPDATE change_history SET old_value = NULL"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try test.database.writer.write { try $0.execute(sql: sql) } }
        }
        // An identifying value may be blanked, never rewritten.
        let identifying = try TestDatabase()
        _ = try recordOne(identifying, identifying: true)
        #expect(throws: DatabaseError.self) {
            try identifying.database.writer.write { try $0.execute(sql: "UPDATE change_history SET new_value = 'forged'") }
        }
        try identifying.database.writer.write { try $0.execute(sql: "UPDATE change_history SET old_value = NULL") }
    }

    @Test func purgeBlanksIdentifyingValuesAndKeepsTheRow() throws {
        let test = try TestDatabase()
        let referral = try recordOne(test, identifying: true)
        try test.database.writer.write { try ChangeHistory().blankIdentifying($0, referralIDs: [referral]) }
        let entry = try test.database.writer.read { try ChangeHistory().page($0, referralID: referral, limit: 5) }.items
        #expect(entry.count == 1)
        #expect(entry.first?.change.from == nil && entry.first?.change.to == nil)
        #expect(entry.first?.reason == "typed against the wrong case")
    }
}
