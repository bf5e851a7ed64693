import Foundation
import GRDB
import Testing
@testable import MaracCore
@testable import MaracStore

/// v15: what was shared moves from one text per case into entries; not a
/// word is lost, and what has no agency says so.
@Suite struct SharedByAgencyMigrationTests {
    @Test func theOldTextBecomesEntriesWithNothingLost() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("marac-v15-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("v12.db").path)
        try Migrations.migrator.migrate(queue, upTo: HistorySchema.name)
        let twoEntries = "2026-11-20: Police: two call-outs\n2026-11-21: Housing: transfer offered\nsecond line of the offer"
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO person (id, role, name, name_key, dob) VALUES (1, 'victim', 'Amina Begum', 'amina begum', NULL);
                INSERT INTO referral (id, ref, referred_on, referring_agency, victim_id, risk_band, status, created_at, created_by, updated_at, updated_by)
                VALUES (1, 'R-1', '2026-11-01', 'police', 1, 'high', 'heard', 't', 'me', 't', 'me'),
                       (2, 'R-2', '2026-11-01', 'police', 1, 'high', 'heard', 't', 'me', 't', 'me');
                INSERT INTO meeting (id, held_on, created_at, created_by) VALUES (1, '2026-11-20', 't', 'me');
                INSERT INTO agenda_item (meeting_id, referral_id, position, heard, information_shared) VALUES (1, 1, 1, 1, ?), (1, 2, 2, 1, 'typed with no date');
                """, arguments: [twoEntries])
        }
        try Migrations.migrator.migrate(queue)
        try queue.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT referral_id, agency, text, recorded_on, recorded_by FROM information_shared ORDER BY id")
            #expect(rows.map { $0["text"] as String } == ["Police: two call-outs", "Housing: transfer offered\nsecond line of the offer", "typed with no date"])
            #expect(rows.map { $0["recorded_on"] as String } == ["2026-11-20", "2026-11-21", "2026-11-20"])
            #expect(rows.allSatisfy { ($0["agency"] as String?) == nil && ($0["recorded_by"] as String) == "(before v15)" })
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM agenda_item WHERE information_shared IS NOT NULL") == 0)
            // The minutes read as before.
            let minutes = SharedEntry.byRef(try SharedEntries.ofMeeting(db, meetingID: 1))
            #expect(minutes["R-1"] == twoEntries)
            #expect(minutes["R-2"] == "2026-11-20: typed with no date")
        }
    }
}
