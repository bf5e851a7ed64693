import GRDB
import MaracCore

/// Reading referrals: one by reference, one in full, a page of the list and
/// the triage queue. Each returns what it found (nil when there is nothing);
/// the use-case layer decides what a missing one means.
package enum ReferralQueries {
    /// The referral with this reference, or nil.
    package static func record(_ db: Database, ref: String) throws -> ReferralRecord? {
        try ReferralRecord.fetchOne(db, sql: "SELECT * FROM referral WHERE ref = ?", arguments: [ref])
    }

    /// One referral in full, or nil when its victim's row is missing.
    /// `scope` limits the linked cases (other victims' referrals) to those
    /// the reader may see; the case itself is checked by the caller.
    package static func detail(_ db: Database, _ record: ReferralRecord,
                               scope: (sql: String, arguments: StatementArguments) = ("1", [])) throws -> ReferralDetail? {
        guard let victim = try PersonRecord.fetchOne(db, sql: "SELECT * FROM person WHERE id = ?", arguments: [record.victimID]) else {
            return nil
        }
        let perpetrator = try record.perpetratorID.flatMap {
            try PersonRecord.fetchOne(db, sql: "SELECT * FROM person WHERE id = ?", arguments: [$0])
        }
        let actions = try ActionRecord.fetchAll(db, sql: """
            SELECT \(ActionRecord.selection) FROM action a \(ActionRecord.joins)
            WHERE a.referral_id = ? ORDER BY a.due_on, a.id
            """, arguments: [record.id])
        let meetings = try String.fetchAll(db, sql: """
            SELECT m.held_on FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
            WHERE i.referral_id = ? ORDER BY m.held_on
            """, arguments: [record.id]).compactMap(Day.init)
        let history = try ReferralSummary.fetchAll(db, sql: """
            SELECT \(ReferralSummary.selection) FROM referral r JOIN person v ON v.id = r.victim_id
            WHERE r.victim_id = ? ORDER BY r.referred_on DESC, r.id DESC LIMIT 50
            """, arguments: [record.victimID])
        let children = try Row.fetchAll(db, sql: "SELECT id, name, dob, lives_with FROM child WHERE referral_id = ? ORDER BY id LIMIT 50",
                                        arguments: [record.id]).map { row in
            let r = RecordReader(row, table: "child")
            return ChildInput(name: try r.value("name"), dob: try r.optionalDay("dob"), livesWith: try r.value("lives_with"))
        }
        let aliases = try String.fetchAll(db, sql: "SELECT name FROM person_alias WHERE person_id = ? ORDER BY id LIMIT 50",
                                          arguments: [record.victimID])
        // Linked cases: the same perpetrator against other victims (the
        // victim's own referrals are the history above).
        let linked = try record.perpetratorID.map { perpetratorID in
            try ReferralSummary.fetchAll(db, sql: """
                SELECT \(ReferralSummary.selection) FROM referral r JOIN person v ON v.id = r.victim_id
                WHERE r.perpetrator_id = ? AND r.victim_id <> ? AND \(scope.sql)
                ORDER BY r.referred_on DESC, r.id DESC LIMIT 50
                """, arguments: [perpetratorID, record.victimID] + scope.arguments)
        } ?? []
        // What was shared, meeting by meeting: the entries standing (v15).
        let entries = try SharedEntries.ofReferral(db, referralID: record.id)
        let shared = Dictionary(grouping: entries, by: \.meeting).sorted { $0.key < $1.key }
            .compactMap { meeting, entries in SharedEntry.text(entries).map { (meeting: meeting, text: $0) } }
        return ReferralDetail(referral: record, victim: victim, perpetrator: perpetrator, children: children, actions: actions,
                              meetings: meetings, victimHistory: history, aliases: aliases, linkedCases: linked, shared: shared)
    }

    /// Newest first, a page at a time; `after` is the position (referred_on,
    /// id) the previous page's cursor named (`Cursor.decode`).
    package static func list(_ db: Database, _ filter: ReferralFilter, limit: Int, after cursor: (day: String, id: Int64)? = nil,
                             scope: (sql: String, arguments: StatementArguments) = ("1", [])) throws -> Page<ReferralSummary> {
        var conditions: [String] = [scope.sql]
        var arguments: StatementArguments = scope.arguments
        if let status = filter.status { conditions.append("r.status = ?"); arguments += [status.rawValue] }
        if let band = filter.band { conditions.append("r.risk_band = ?"); arguments += [band.rawValue] }
        if let agency = filter.agency {
            conditions.append("(r.referring_agency = ? OR r.second_agency = ?)")
            arguments += [agency, agency]
        }
        if let since = filter.since { conditions.append("r.referred_on >= ?"); arguments += [since.description] }
        if let cursor {
            conditions.append("(r.referred_on < ? OR (r.referred_on = ? AND r.id < ?))")
            arguments += [cursor.day, cursor.day, cursor.id]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try ReferralSummary.fetchAll(db, sql: """
            SELECT \(ReferralSummary.selection) FROM referral r JOIN person v ON v.id = r.victim_id
            \(whereClause) ORDER BY r.referred_on DESC, r.id DESC LIMIT ?
            """, arguments: arguments + [limit + 1])
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { Cursor.encode($0.referredOn.description, $0.id) } : nil
        return Page(items: items, next: next)
    }

    /// Referrals waiting to be screened: highest risk first (Core's urgency),
    /// then longest waiting. One index range per band, in queue order: each
    /// walks `referral_by_status` (status, referred_on, then the rowid) from
    /// the longest waiting and stops at the page, so a key costs the same
    /// whether ten or ten thousand referrals wait (the band's test is written
    /// `+r.risk_band` so the planner never walks the band's whole history in
    /// `referral_by_band` instead). Only the page's rows are joined to their victims.
    package static func triageQueue(_ db: Database, limit: Int, offset: Int = 0,
                                    scope: (sql: String, arguments: StatementArguments) = ("1", [])) throws -> [ReferralSummary] {
        let bands = RiskBand.allCases.sorted { $0.urgency < $1.urgency }
        let perBand = bands.map { band in
            """
            SELECT * FROM (SELECT r.id, \(band.urgency) AS rank, r.referred_on AS day FROM referral r
                           WHERE r.status = '\(Self.received)' AND +r.risk_band = '\(band.rawValue)' AND \(scope.sql)
                             AND NOT EXISTS (\(Self.pendingTransferIn))
                           ORDER BY r.referred_on, r.id LIMIT ?)
            """
        }
        // Cases taken in from another MARAC and not yet decided come first (issue 25),
        // by the (state, sent_at) index: a handful at most.
        let transfersIn = """
            SELECT * FROM (SELECT r.id, -1 AS rank, r.referred_on AS day FROM case_transfer t JOIN referral r ON r.id = t.referral_id
                           WHERE t.state = 'pending' AND t.direction = 'in' AND r.status = '\(Self.received)' AND \(scope.sql)
                           ORDER BY t.sent_at, t.id LIMIT ?)
            """
        let branches = ([transfersIn] + perBand).joined(separator: "\nUNION ALL\n")
        var arguments: StatementArguments = scope.arguments + [limit + offset]
        for _ in bands { arguments += scope.arguments + [limit + offset] }
        return try ReferralSummary.fetchAll(db, sql: """
            SELECT \(ReferralSummary.selection)
            FROM (\(branches) ORDER BY rank, day, id LIMIT ? OFFSET ?) page
            JOIN referral r ON r.id = page.id JOIN person v ON v.id = r.victim_id
            ORDER BY page.rank, page.day, page.id
            """, arguments: arguments + [limit, offset])
    }

    /// How many referrals wait to be screened: the whole count, whatever the window shows.
    /// It walks every waiting referral, so it is remembered until the audit chain
    /// moves (`AuditedCount`): a key on the triage screen does not count them again.
    package static func waitingCount(_ db: Database, scope: (sql: String, arguments: StatementArguments) = ("1", [])) throws -> Int {
        try AuditedCount.count(db, sql: "SELECT COUNT(*) FROM referral r WHERE r.status = '\(Self.received)' AND \(scope.sql)",
                               arguments: scope.arguments)
    }

    /// Core's code for a referral waiting to be screened, written into the SQL
    /// as a literal (it is a constant, never user input) so SQLite can use the
    /// partial index over it.
    static let received = ReferralStatus.received.rawValue

    /// A case taken in from another MARAC still waiting for the coordinator's decision (by `case_transfer_by_referral`).
    static let pendingTransferIn = "SELECT 1 FROM case_transfer t WHERE t.referral_id = r.id AND t.direction = 'in' AND t.state = 'pending'"
}
