import Foundation
import GRDB
import MaracCore

/// Purges the identities of victims' cases past the retention period
/// (Core's `Retention` decides what is due), keeping every anonymous fact
/// the figures read, so no past quarter's figures change.
///
/// What goes, for a due victim's case: the victim's name, aliases, date of
/// birth, postcode and equality fields on the person row; the children's
/// rows (their count stays on the referral); free text (referrer,
/// relationship, judgement and decline reasons, consent note, police
/// reference, what was shared at meetings, agencies' research returns, action
/// texts and notes), replaced by `Retention.purgedMarker` where there was any;
/// every name of theirs in the search index; the checklist answers
/// (the score and band stay). The perpetrator's identity goes too once no
/// case that is kept names them. What stays: the referral rows with their
/// dates, band, score, agencies, repeat flag, status, the equality snapshot
/// taken at referral (ages, district, gender, ...), children counts, consent
/// codes and lawful basis; meetings, attendance and action statuses and
/// dates; the audit trail and access records (ids and codes, never
/// identities), so the hash chain still verifies.
///
/// Every method runs in the caller's transaction; the use case commits one
/// batch of victims at a time.
public struct PurgeService: Sendable {
    package let today: Day

    package init(today: Day) { self.today = today }

    /// Victims per transaction: a batch writes about ten rows per victim, well
    /// under the 250 ms a write may hold the lock (as lapse does).
    public static let batchSize = 200


    /// The next victims (after `afterID`, at most `limit` looked at) whose
    /// cases are due, and where the walk goes on (nil at the end). Walks the
    /// person table by id (the rowid): each batch reads only its own victims.
    /// (The unary `+` keeps SQLite off `person_by_identity` and
    /// `action_by_status_due`: through them every batch would scan and sort
    /// all victims, or all open actions for each victim.)
    package func dueVictims(_ db: Database, cutoff: Day, afterID: Int64, limit: Int) throws -> (due: [Int64], next: Int64?) {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT p.id,
                   (SELECT MAX(r.referred_on) FROM referral r WHERE r.victim_id = p.id) AS referred,
                   (SELECT MAX(r.heard_on) FROM referral r WHERE r.victim_id = p.id) AS heard,
                   (SELECT MAX(m.held_on) FROM referral r JOIN agenda_item i ON i.referral_id = r.id
                      JOIN meeting m ON m.id = i.meeting_id WHERE r.victim_id = p.id) AS met,
                   (SELECT MAX(a.due_on) FROM referral r JOIN action a ON a.referral_id = r.id WHERE r.victim_id = p.id) AS action_due,
                   (SELECT MAX(n.occurred_on) FROM incident n WHERE n.victim_id = p.id) AS incident,
                   (SELECT MAX(a.closed_on) FROM referral r JOIN action a ON a.referral_id = r.id WHERE r.victim_id = p.id) AS action_closed,
                   EXISTS (SELECT 1 FROM referral r JOIN action a ON a.referral_id = r.id
                           WHERE r.victim_id = p.id AND +a.status = ?) AS open_action
            FROM person p
            WHERE p.id > ? AND +p.role = ? AND p.purged_on IS NULL
            ORDER BY p.id LIMIT ?
            """), arguments: [ActionStatus.open.rawValue, afterID, PersonRole.victim.rawValue, limit])
        var due: [Int64] = []
        for row in rows {
            let r = RecordReader(row, table: "person")
            let activity = try ["referred", "heard", "met", "action_due", "action_closed", "incident"].map { try r.optionalDay($0) }
            if Retention.isDue(activity: activity, hasOpenAction: try r.value("open_action"), cutoff: cutoff) {
                due.append(try r.value("id"))
            }
        }
        let next: Int64? = rows.count < limit ? nil : try rows.last.map { try RecordReader($0, table: "person").value("id") }
        return (due, next)
    }

    /// What purging these victims' cases would remove (a dry run's counts).
    package func count(_ db: Database, victims: [Int64]) throws -> PurgeCounts {
        var counts = PurgeCounts()
        counts.victims = victims.count
        let statement = try db.cachedStatement(sql: """
            SELECT COUNT(*), COALESCE(SUM((SELECT COUNT(*) FROM child c WHERE c.referral_id = r.id)), 0),
                   COALESCE(SUM((SELECT COUNT(*) FROM action a WHERE a.referral_id = r.id)), 0)
            FROM referral r WHERE r.victim_id = ?
            """)
        let perpetrators = try db.cachedStatement(sql: "SELECT DISTINCT perpetrator_id FROM referral WHERE victim_id = ? AND perpetrator_id IS NOT NULL")
        var named = Set<Int64>()
        for victim in victims {
            if let row = try Row.fetchOne(statement, arguments: [victim]) {
                counts.referrals += row[0] as Int
                counts.children += row[1] as Int
                counts.actions += row[2] as Int
            }
            named.formUnion(try Int64.fetchAll(perpetrators, arguments: [victim]))
        }
        counts.perpetrators = named.count
        return counts
    }

    /// Purges the cases of these victims, in the caller's transaction.
    package func purge(_ db: Database, victims: [Int64]) throws -> PurgeCounts {
        var counts = PurgeCounts()
        let marker = Retention.purgedMarker
        let day = today.description
        var named = Set<Int64>()
        for victim in victims {
            let referralIDs = try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM referral WHERE victim_id = ?"), arguments: [victim])
            named.formUnion(try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT DISTINCT perpetrator_id FROM referral WHERE victim_id = ? AND perpetrator_id IS NOT NULL
                """), arguments: [victim]))
            for id in referralIDs {
                counts.children += try deleteCount(db, "DELETE FROM child WHERE referral_id = ?", id)
                // What each agency's research found (NOT NULL columns: the marker).
                try db.cachedStatement(sql: "UPDATE research_return SET summary = :m, current_risks = :m WHERE referral_id = :id")
                    .execute(arguments: ["m": marker, "id": id])
                try db.cachedStatement(sql: """
                    UPDATE agenda_item SET information_shared = ? WHERE referral_id = ? AND information_shared IS NOT NULL
                    """).execute(arguments: [marker, id])
                // What each agency shared (v15 entries; their history is blanked below).
                try SharedEntries.blank(db, referralID: id, marker: marker)
                // What a case brought from, or sent to, another MARAC (v20 lets purge blank it).
                try CaseTransferStore.blank(db, referralID: id, marker: marker)
                try db.cachedStatement(sql: """
                    UPDATE action SET description = :m,
                        completion_note = CASE WHEN completion_note IS NULL THEN NULL ELSE :m END,
                        incomplete_reason = CASE WHEN incomplete_reason IS NULL THEN NULL ELSE :m END
                    WHERE referral_id = :id
                    """).execute(arguments: ["m": marker, "id": id])
                counts.actions += db.changesCount
            }
            // Incidents heard of between meetings (issue 23): what happened and
            // the agency's reference go; date, agency, types, finding stay for the figures.
            try db.cachedStatement(sql: """
                UPDATE incident SET summary = :m,
                    agency_reference = CASE WHEN agency_reference IS NULL THEN NULL ELSE :m END
                WHERE victim_id = :victim
                """).execute(arguments: ["m": marker, "victim": victim])
            named.formUnion(try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT DISTINCT perpetrator_id FROM incident WHERE victim_id = ? AND perpetrator_id IS NOT NULL
                """), arguments: [victim]))
            try ChangeHistory().blankIdentifying(db, referralIDs: referralIDs)
            // What the field table marks identifying on the referral row, and
            // the recorded free text; codes, dates, counts and the figures' snapshot stay.
            try db.cachedStatement(sql: """
                UPDATE referral SET \(Self.clearing)
                WHERE victim_id = :victim
                """).execute(arguments: ["m": marker, "victim": victim])
            counts.referrals += referralIDs.count
            try purgePerson(db, victim, on: day)
            counts.victims += 1
        }
        // A perpetrator keeps their identity while any case that is kept names them.
        for perpetrator in named.sorted() {
            let stillNamed = try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT 1 FROM referral r JOIN person v ON v.id = r.victim_id
                WHERE r.perpetrator_id = :p AND v.purged_on IS NULL
                UNION ALL
                SELECT 1 FROM incident n JOIN person v ON v.id = n.victim_id
                WHERE n.perpetrator_id = :p AND v.purged_on IS NULL LIMIT 1
                """), arguments: ["p": perpetrator]) == true
            if !stillNamed {
                try purgePerson(db, perpetrator, on: day)
                counts.perpetrators += 1
            }
        }
        return counts
    }

    /// `column = marker` for each identifying text on the referral row (NULL stays
    /// NULL, so "never given" is not turned into "given and purged"), NULL for the rest.
    static let clearing = ReferralField.clearedOnPurge.map { column, isText in
        isText ? "\(column) = CASE WHEN \(column) IS NULL THEN NULL ELSE :m END" : "\(column) = NULL"
    }.joined(separator: ", ")

    /// A person's identity goes; the row stays (referrals point at it) as an anonymous id.
    private func purgePerson(_ db: Database, _ id: Int64, on day: String) throws {
        // Every name the person is found by (their name, aliases, a victim's children):
        // the triggers mark them deleted in the full-text index too (`compactSearchIndex` drops them).
        try db.cachedStatement(sql: "DELETE FROM person_search WHERE person_id = ?").execute(arguments: [id])
        try db.cachedStatement(sql: "DELETE FROM person_alias WHERE person_id = ?").execute(arguments: [id])
        try db.cachedStatement(sql: """
            UPDATE person SET name = ?, name_key = '', dob = NULL, postcode = NULL, postcode_district = NULL,
                gender = 'unknown', ethnicity = 'unknown', disability = 'unknown', lgbt = 'unknown', purged_on = ?
            WHERE id = ? AND purged_on IS NULL
            """).execute(arguments: [Retention.purgedMarker, day, id])
    }

    private func deleteCount(_ db: Database, _ sql: String, _ id: Int64) throws -> Int {
        try db.cachedStatement(sql: sql).execute(arguments: [id])
        return db.changesCount
    }

    /// Starts the record of one purge run: who, when, under which setting.
    package func startRecord(_ db: Database, months: Int, cutoff: Day, by actor: Actor, at now: String) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO purge_record (started_at, actor, retention_months, cutoff) VALUES (?, ?, ?, ?)
            """, arguments: [now, actor.name, months, cutoff.description])
        return db.lastInsertedRowID
    }

    /// Adds one committed batch's counts to the run's record.
    package func recordBatch(_ db: Database, record: Int64, _ counts: PurgeCounts, at now: String) throws {
        try db.execute(sql: """
            UPDATE purge_record SET victims = victims + ?, perpetrators = perpetrators + ?, referrals = referrals + ?, finished_at = ?
            WHERE id = ?
            """, arguments: [counts.victims, counts.perpetrators, counts.referrals, now, record])
    }

    /// Rewrites the full-text name index (`person_search_text`) as one
    /// segment: a deletion there is a marker, and the purged names' trigrams
    /// stay in older segments until they are merged. One transaction after
    /// the batches (a few hundred ms at 100,000 referrals; docs/operations.md).
    package static func compactSearchIndex(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO person_search_text (person_search_text) VALUES ('optimize')")
    }

    /// Rebuilds the file from its live rows. `secure_delete` zeroes what a
    /// purge deletes, but earlier copies of a row that SQLite left in a page's
    /// unused space when it moved cells between pages (long before the purge)
    /// survive it; only a rebuild leaves none. Outside a transaction; takes
    /// the write lock for its duration (1.3 s for 100,000 referrals).
    package static func vacuum(_ db: Database) throws {
        try db.execute(sql: "VACUUM")
    }

    /// Makes SQLite overwrite what it deletes on this connection, so purged
    /// text does not survive in free space of a page or in free pages.
    package static func secureDelete(_ db: Database) throws {
        try db.execute(sql: "PRAGMA secure_delete = ON")
    }

    /// Copies the WAL into the file and truncates it to nothing, so no old
    /// page image holding purged text stays in the `-wal` file. Returns false
    /// when another connection's read kept part of it (it goes at the next checkpoint).
    package static func checkpoint(_ db: Database) throws -> Bool {
        guard let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") else { return false }
        return (row[0] as Int) == 0
    }
}
