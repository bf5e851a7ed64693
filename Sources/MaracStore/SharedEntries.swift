import Foundation
import GRDB
import MaracCore

/// What was shared at a meeting, entry by entry (v15): reads and writes only,
/// inside the caller's transaction. Who may correct an entry and the history
/// and audit rows are the use-case layer's.
package struct SharedEntries: Sendable {
    package let clock: Clock

    package init(clock: Clock) { self.clock = clock }

    static let selection = """
        s.id, m.held_on, s.referral_id, r.ref, s.agency, g.name AS agency_name, s.text, s.recorded_on, s.recorded_by,
        s.withdrawn_at IS NOT NULL AS withdrawn
        FROM information_shared s JOIN meeting m ON m.id = s.meeting_id JOIN referral r ON r.id = s.referral_id
        LEFT JOIN agency g ON g.code = s.agency
        """

    /// Adds an entry; returns its id.
    package func insert(_ db: Database, meetingID: Int64, referralID: Int64, agency: String?, text: String, by actor: Actor) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO information_shared (meeting_id, referral_id, agency, text, recorded_on, recorded_at, recorded_by)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [meetingID, referralID, agency, text, clock.today.description, clock.timestamp, actor.name])
        return db.lastInsertedRowID
    }

    package static func fetch(_ db: Database, id: Int64) throws -> SharedEntry? {
        try SharedEntry.fetchOne(db, sql: "SELECT \(Self.selection) WHERE s.id = ?", arguments: [id])
    }

    /// A meeting's entries (withdrawn ones too when asked), by case then as recorded; within scope.
    package static func ofMeeting(_ db: Database, meetingID: Int64, includingWithdrawn: Bool = false,
                           scope: (sql: String, arguments: StatementArguments) = ("1", [])) throws -> [SharedEntry] {
        try SharedEntry.fetchAll(db, sql: """
            SELECT \(Self.selection) WHERE s.meeting_id = ? AND (? OR s.withdrawn_at IS NULL) AND \(scope.sql)
            ORDER BY r.ref, s.id
            """, arguments: [meetingID, includingWithdrawn] + scope.arguments)
    }

    /// A case's entries still standing, meeting by meeting as recorded.
    package static func ofReferral(_ db: Database, referralID: Int64) throws -> [SharedEntry] {
        try SharedEntry.fetchAll(db, sql: """
            SELECT \(Self.selection) WHERE s.referral_id = ? AND s.withdrawn_at IS NULL ORDER BY m.held_on, s.id
            """, arguments: [referralID])
    }

    /// An entry's corrected text, case or agency.
    package static func correct(_ db: Database, id: Int64, referralID: Int64, agency: String?, text: String) throws {
        try db.execute(sql: "UPDATE information_shared SET referral_id = ?, agency = ?, text = ?, version = version + 1 WHERE id = ?",
                       arguments: [referralID, agency, text, id])
    }

    package func withdraw(_ db: Database, id: Int64) throws {
        try db.execute(sql: "UPDATE information_shared SET withdrawn_at = ?, version = version + 1 WHERE id = ?",
                       arguments: [clock.timestamp, id])
    }

    /// Purge: the text of a case's entries is replaced by the marker (NOT NULL column).
    package static func blank(_ db: Database, referralID: Int64, marker: String) throws {
        try db.cachedStatement(sql: "UPDATE information_shared SET text = ? WHERE referral_id = ?").execute(arguments: [marker, referralID])
    }
}

extension SharedEntry: FetchableRecord {
    public init(row: Row) throws {
        let r = RecordReader(row, table: "information_shared")
        self.init(id: try r.value("id"), meeting: try r.day("held_on"), referralID: try r.value("referral_id"), ref: try r.value("ref"),
                  agency: try r.value("agency"), agencyName: try r.value("agency_name"), text: try r.value("text"),
                  recordedOn: try r.day("recorded_on"), recordedBy: try r.value("recorded_by"), withdrawn: try r.value("withdrawn"))
    }
}
