import GRDB
import MaracCore

/// v15 (issue 20): what was shared at a meeting becomes entries, each naming
/// its agency, correctable and withdrawable one by one; and a meeting can be
/// cancelled. The text kept on `agenda_item.information_shared` moves into
/// entries with no agency ("agency not recorded": who said it was never
/// stored, and guessing would put words in an agency's mouth); the column is
/// then left empty and no longer written (purge still clears it).
///
/// A cancelled meeting keeps its row (actions, attendance and research may
/// refer to it) with the day and reason of cancelling: two columns added, so
/// the status CHECK and the table stay as they are (no rebuild of a table
/// that others refer to).
enum SharedByAgencySchema {
    static let name = "v15: information shared by agency, meetings cancelled"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE meeting ADD COLUMN cancelled_on TEXT;
            ALTER TABLE meeting ADD COLUMN cancel_reason TEXT;
            CREATE TABLE information_shared (
                id INTEGER PRIMARY KEY,
                meeting_id INTEGER NOT NULL REFERENCES meeting (id),
                referral_id INTEGER NOT NULL REFERENCES referral (id),
                agency TEXT REFERENCES agency (code),
                text TEXT NOT NULL,
                recorded_on TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                withdrawn_at TEXT,
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX information_shared_by_meeting ON information_shared (meeting_id, referral_id, id);
            CREATE INDEX information_shared_by_referral ON information_shared (referral_id, id);
            """)
        try moveLegacyText(db)
    }

    /// The old text, a batch of agenda items at a time (walked by id, so
    /// never a whole table in memory).
    static func moveLegacyText(_ db: Database) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO information_shared (meeting_id, referral_id, agency, text, recorded_on, recorded_at, recorded_by)
            VALUES (?, ?, NULL, ?, ?, ?, ?)
            """)
        let clear = try db.cachedStatement(sql: "UPDATE agenda_item SET information_shared = NULL WHERE id = ?")
        var after: Int64 = 0
        while true {
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT i.id, i.meeting_id, i.referral_id, i.information_shared, m.held_on
                FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
                WHERE i.id > ? AND i.information_shared IS NOT NULL ORDER BY i.id LIMIT 1000
                """), arguments: [after])
            guard let last = rows.last else { return }
            for row in rows {
                let text: String = row["information_shared"]
                let heldOn = try RecordReader(row, table: "meeting").day("held_on")
                for entry in SharedEntry.splitLegacy(text, fallback: heldOn) {
                    try insert.execute(arguments: [row["meeting_id"], row["referral_id"], entry.text, entry.on.description,
                                                   entry.on.description + "T00:00:00.000Z", legacyRecorder])
                }
                try clear.execute(arguments: [row["id"]])
            }
            after = last["id"]
        }
    }

    /// Who recorded an entry moved from the old text: never stored before v15.
    static let legacyRecorder = "(before v15)"
}
