import Crypto
import Foundation
import GRDB
import MaracCore

/// Transfers between MARACs (issue 25): the other MARACs and their keys, the
/// transfer rows, what a bundle carries (one victim's cases and nothing
/// else), and the read-only history a case brought in. Reads and writes
/// inside the caller's transaction; decides nothing.
package enum CaseTransferStore {
    // MARK: Peers

    /// Adds or replaces a peer's age key; its signing key too when given (kept otherwise).
    package static func addPeer(_ db: Database, name: String, key: String, signingKey: String?, by actor: Actor, at now: String) throws {
        try db.execute(sql: """
            INSERT INTO marac_peer (name, age_recipient, signing_key, created_at, created_by) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET age_recipient = excluded.age_recipient,
                signing_key = COALESCE(excluded.signing_key, marac_peer.signing_key)
            """, arguments: [name, key, signingKey, now, actor.name])
    }

    package static func peers(_ db: Database) throws -> [(name: String, key: String, signingKey: String?)] {
        try Row.fetchAll(db, sql: "SELECT name, age_recipient, signing_key FROM marac_peer ORDER BY name")
            .map { ($0["name"], $0["age_recipient"], $0["signing_key"]) }
    }

    /// A peer's recorded signing public key (v20), nil when none is.
    package static func peerSigningKey(_ db: Database, name: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT signing_key FROM marac_peer WHERE name = ?", arguments: [name])
    }

    package static func peerKey(_ db: Database, name: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT age_recipient FROM marac_peer WHERE name = ?", arguments: [name])
    }

    // MARK: What a bundle carries

    /// SHA-256 of text's UTF-8 bytes, lower-case hex (the manifest's hash).
    package static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The victim's referrals (the field table's columns), oldest first, with
    /// their ids and the people they name. One victim's, by index.
    package static func victimReferrals(_ db: Database, victimID: Int64) throws -> [(id: Int64, perpetratorID: Int64?, fields: [String: String])] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: ExportService.select + "WHERE r.victim_id = ? ORDER BY r.referred_on, r.id"),
                                    arguments: [victimID])
        return try rows.map { row in
            let values = try ExportService.columns(row)
            var fields = Dictionary(uniqueKeysWithValues: zip(ReferralInput.columns, values).filter { !$0.1.isEmpty })
            fields["status"] = row["status"]
            fields["decline_reason"] = row["decline_reason"]
            return (row["id"], row["perpetrator_id"], fields)
        }
    }

    /// The history of these referrals as items: hearings, what was shared at
    /// them (not withdrawn), open and recent actions (closed on or after
    /// `recentFrom`), research returns and corrections. Each query by the
    /// referral's index.
    package static func items(_ db: Database, referrals: [(id: Int64, ref: String)], recentFrom: Day) throws -> [TransferItem] {
        var items: [TransferItem] = []
        let queries: [(kind: String, sql: String, extra: StatementArguments)] = [
            ("hearing", """
                SELECT m.held_on, CASE WHEN m.cancelled_on IS NOT NULL THEN 'cancelled' ELSE m.status END AS meeting_status,
                       CASE i.heard WHEN 1 THEN 'yes' ELSE 'no' END AS heard
                FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id WHERE i.referral_id = ? ORDER BY m.held_on
                """, []),
            ("shared", """
                SELECT m.held_on, COALESCE(s.agency, '') AS agency, s.text, s.recorded_on
                FROM information_shared s JOIN meeting m ON m.id = s.meeting_id
                WHERE s.referral_id = ? AND s.withdrawn_at IS NULL ORDER BY s.id
                """, []),
            ("action", """
                SELECT a.agency, a.owner, a.description, a.due_on, a.status, COALESCE(a.closed_on, '') AS closed_on,
                       COALESCE(a.completion_note, a.incomplete_reason, '') AS note, COALESCE(m.held_on, '') AS agreed_at
                FROM action a LEFT JOIN meeting m ON m.id = a.meeting_id
                WHERE a.referral_id = ? AND (a.status = 'open' OR a.closed_on >= ?) ORDER BY a.due_on, a.id
                """, [recentFrom.description]),
            ("research", """
                SELECT m.held_on, r.agency, CASE r.known WHEN 1 THEN 'yes' ELSE 'no' END AS known, r.summary, r.current_risks, r.returned_on
                FROM research_return r JOIN meeting m ON m.id = r.meeting_id WHERE r.referral_id = ? ORDER BY r.id
                """, []),
            ("history", """
                SELECT at, entity, field, COALESCE(old_value, '') AS old_value, COALESCE(new_value, '') AS new_value, reason
                FROM change_history WHERE referral_id = ? ORDER BY id
                """, []),
        ]
        for (kind, sql, extra) in queries {
            let statement = try db.cachedStatement(sql: sql)
            for referral in referrals {
                var arguments: StatementArguments = [referral.id]
                arguments += extra
                for row in try Row.fetchAll(statement, arguments: arguments) {
                    var fields: [String: String] = [:]
                    for (column, value) in row where !value.isNull {
                        fields[column] = String.fromDatabaseValue(value) ?? Int64.fromDatabaseValue(value).map(String.init)
                    }
                    items.append(TransferItem(kind: kind, referral: referral.ref, fields: fields))
                }
            }
        }
        return items
    }

    /// Open actions of these referrals, by id (closed "transferred" on acknowledgement).
    package static func openActionIDs(_ db: Database, referralIDs: [Int64]) throws -> [Int64] {
        let statement = try db.cachedStatement(sql: "SELECT id FROM action WHERE referral_id = ? AND status = 'open' ORDER BY id")
        return try referralIDs.flatMap { try Int64.fetchAll(statement, arguments: [$0]) }
    }

    // MARK: Transfers

    package static func insert(_ db: Database, bundleID: String, direction: TransferDirection, peer: String, referralID: Int64,
                               answers: String, contentSHA256: String, sentAt: String, sentBy: String,
                               by actor: Actor, at now: String) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO case_transfer (bundle_id, direction, peer, referral_id, answers, content_sha256, sent_at, sent_by, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [bundleID, direction.rawValue, peer, referralID, answers, contentSHA256, sentAt, sentBy, now, actor.name])
        return db.lastInsertedRowID
    }

    package static func exists(_ db: Database, direction: TransferDirection, bundleID: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM case_transfer WHERE direction = ? AND bundle_id = ?)",
                          arguments: [direction.rawValue, bundleID]) ?? false
    }

    package static func find(_ db: Database, direction: TransferDirection, bundleID: String) throws -> TransferEntry? {
        try Row.fetchOne(db, sql: entrySelect + "WHERE t.direction = ? AND t.bundle_id = ?", arguments: [direction.rawValue, bundleID])
            .map(entry)
    }

    package static func entry(_ db: Database, id: Int64) throws -> TransferEntry? {
        try Row.fetchOne(db, sql: entrySelect + "WHERE t.id = ?", arguments: [id]).map(entry)
    }

    /// The transfer a referral came in by, if it did.
    package static func incoming(_ db: Database, referralID: Int64) throws -> TransferEntry? {
        try Row.fetchOne(db, sql: entrySelect + "WHERE t.referral_id = ? AND t.direction = 'in' ORDER BY t.id DESC LIMIT 1",
                         arguments: [referralID]).map(entry)
    }

    package static func setState(_ db: Database, id: Int64, to state: TransferState) throws {
        try db.execute(sql: "UPDATE case_transfer SET state = ? WHERE id = ?", arguments: [state.rawValue, id])
    }

    package static func setDecision(_ db: Database, id: Int64, decision: TransferDecision, reason: String, actions: TransferActions?,
                                    by actor: Actor, at now: String) throws {
        try db.execute(sql: "UPDATE case_transfer SET decision = ?, reason = ?, actions = ?, decided_at = ?, decided_by = ? WHERE id = ?",
                       arguments: [decision.rawValue, reason, actions?.rawValue, now, actor.name, id])
    }

    /// Transfers newest first, a page at a time (by id, below `before`).
    package static func list(_ db: Database, before: Int64?, limit: Int) throws -> [TransferEntry] {
        try Row.fetchAll(db, sql: entrySelect + "WHERE t.id < ? ORDER BY t.id DESC LIMIT ?",
                         arguments: [before ?? Int64.max, limit]).map(entry)
    }

    /// Transfers out and in per quarter of sending, by the (sent_at, direction) index.
    package static func countsByMonth(_ db: Database, from: Day, to: Day) throws -> [(month: String, direction: String, count: Int)] {
        try Row.fetchAll(db, sql: """
            SELECT substr(sent_at, 1, 7) AS month, direction, COUNT(*) AS n FROM case_transfer
            WHERE sent_at >= ? AND sent_at < ? GROUP BY month, direction ORDER BY month, direction
            """, arguments: [from.description, to.adding(days: 1).description]).map { ($0["month"], $0["direction"], $0["n"]) }
    }

    private static let entrySelect = """
        SELECT t.id, t.bundle_id, t.direction, t.peer, r.ref, t.state, t.answers, t.sent_at, t.sent_by, t.decision, t.reason,
               t.decided_at, t.actions, t.content_sha256
        FROM case_transfer t JOIN referral r ON r.id = t.referral_id

        """

    private static func entry(_ row: Row) throws -> TransferEntry {
        let r = RecordReader(row, table: "case_transfer")
        guard let direction = TransferDirection(rawValue: try r.value("direction")),
              let state = TransferState(rawValue: try r.value("state")) else {
            throw StoreError.unreadable(UnreadableRow(table: "case_transfer", id: try r.value("id"), column: "state"))
        }
        let decision: String? = try r.value("decision")
        let actions: String? = try r.value("actions")
        return TransferEntry(id: try r.value("id"), bundleID: try r.value("bundle_id"), direction: direction, peer: try r.value("peer"),
                             ref: try r.value("ref"), state: state, answersJSON: try r.value("answers"), sentAt: try r.value("sent_at"),
                             sentBy: try r.value("sent_by"), decision: decision.flatMap(TransferDecision.init(rawValue:)),
                             reason: try r.value("reason"), decidedAt: try r.value("decided_at"),
                             actions: actions.flatMap(TransferActions.init(rawValue:)), contentSHA256: try r.value("content_sha256"))
    }

    // MARK: Purge

    /// Blanks what a referral's transfers hold of its people (purge): every
    /// record its transfers brought (fields to the one value v20 allows), the
    /// decision's reason and the IDVA handover named in the answers. Ids,
    /// states, dates and directions stay, so the figures do not change.
    package static func blank(_ db: Database, referralID: Int64, marker: String) throws {
        try db.cachedStatement(sql: """
            UPDATE transfer_record SET fields = ?
            WHERE transfer_id IN (SELECT id FROM case_transfer WHERE referral_id = ?) AND fields IS NOT ?
            """).execute(arguments: [TransferPurgeSchema.purgedFields, referralID, TransferPurgeSchema.purgedFields])
        try db.cachedStatement(sql: """
            UPDATE case_transfer SET
                reason = CASE WHEN reason IS NULL THEN NULL ELSE :m END,
                answers = CASE WHEN json_extract(answers, '$.idvaHandoverTo') IS NULL THEN answers
                               ELSE json_set(answers, '$.idvaHandoverTo', :m) END
            WHERE referral_id = :id
            """).execute(arguments: ["m": marker, "id": referralID])
    }

    // MARK: The history a case brought

    package static func insertRecords(_ db: Database, transferID: Int64, _ items: [TransferItem]) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO transfer_record (transfer_id, kind, referral_ref, fields) VALUES (?, ?, ?, ?)")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for item in items {
            let fields = String(decoding: try encoder.encode(item.fields), as: UTF8.self)
            try statement.execute(arguments: [transferID, item.kind, item.referral, fields])
        }
    }

    /// The history a transfer brought, in the order it came, at most `limit` items after `after`.
    package static func records(_ db: Database, transferID: Int64, after: Int64 = 0, limit: Int) throws -> [(id: Int64, item: TransferItem)] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, kind, referral_ref, fields FROM transfer_record WHERE transfer_id = ? AND id > ? ORDER BY transfer_id, id LIMIT ?
            """), arguments: [transferID, after, limit]).map { row in
            let text: String = row["fields"]
            // Read strictly: a damaged row names its id, never shows as an empty record.
            guard let fields = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) else {
                throw StoreError.unreadable(UnreadableRow(table: "transfer_record", id: row["id"], column: "fields"))
            }
            return (row["id"], TransferItem(kind: row["kind"], referral: row["referral_ref"], fields: fields))
        }
    }
}
