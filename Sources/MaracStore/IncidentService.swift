import GRDB
import MaracCore

/// Incidents heard of between meetings (issue 23): reads and writes only,
/// inside the caller's transaction. What an incident means (its finding) is
/// Core's `RepeatRule`; who may log it is the use-case layer's.
package struct IncidentService: Sendable {
    package let clock: Clock

    package init(clock: Clock) { self.clock = clock }

    /// The victim's referrals as the repeat rule reads them (one index range:
    /// `referral_by_victim`), with each referral's perpetrator as a key.
    package func priors(_ db: Database, victimID: Int64) throws -> [(id: Int64, prior: RepeatRule.Prior)] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, referred_on, perpetrator_id FROM referral WHERE victim_id = ? ORDER BY referred_on, id
            """), arguments: [victimID]).map { row in
            let reader = RecordReader(row, table: "referral")
            let perpetrator = (try reader.value("perpetrator_id") as Int64?).map(Self.key)
            return (try reader.value("id"), RepeatRule.Prior(referredOn: try reader.day("referred_on"), perpetrator: perpetrator))
        }
    }

    /// The victim's known perpetrators: those named on their referrals (one
    /// index range, `referral_by_victim`), each once, by name.
    package func knownPerpetrators(_ db: Database, victimID: Int64) throws -> [KnownPerpetrator] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT p.id, p.name, p.dob FROM person p
            WHERE p.id IN (SELECT perpetrator_id FROM referral WHERE victim_id = ? AND perpetrator_id IS NOT NULL)
            ORDER BY p.name, p.id
            """), arguments: [victimID]).map { row in
            let r = RecordReader(row, table: "person")
            return KnownPerpetrator(personID: try r.value("id"), name: try r.value("name"), dob: try r.optionalDay("dob"))
        }
    }

    /// A perpetrator as the repeat rule compares them: people are
    /// deduplicated by identity, so the same person is the same row (as `ReferralRepeats`).
    package static func key(_ personID: Int64) -> IdentityKey { IdentityKey(name: "#\(personID)", dob: nil) }

    /// The victim's date of birth, if recorded.
    package func victimDOB(_ db: Database, victimID: Int64) throws -> Day? {
        guard let text = try String.fetchOne(db.cachedStatement(sql: "SELECT dob FROM person WHERE id = ?"), arguments: [victimID]) else { return nil }
        return Day(text)
    }

    /// Adds an incident; returns its id. Its types go to `incident_abuse_type` by trigger.
    package func insert(_ db: Database, _ input: IncidentInput, victimID: Int64, referralID: Int64?, perpetratorID: Int64?,
                        finding: RepeatRule.IncidentFinding, by actor: Actor) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO incident (victim_id, referral_id, occurred_on, agency, abuse_types, crime_reported, perpetrator_id,
                summary, agency_reference, finding, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [victimID, referralID, input.occurredOn.description, input.agency.rawValue,
                                     AbuseType.text(input.abuseTypes), input.crimeReported, perpetratorID, input.summary,
                                     input.agencyReference, finding.rawValue, clock.timestamp, actor.name])
        return db.lastInsertedRowID
    }

    static let select = """
        SELECT n.id, n.victim_id, n.occurred_on, n.agency, n.abuse_types, n.crime_reported, n.perpetrator_id, n.summary,
               n.agency_reference, n.finding, n.created_by, n.referral_id, r.ref, made.ref AS referred_as
        FROM incident n
        LEFT JOIN referral r ON r.id = n.referral_id
        LEFT JOIN referral made ON made.id = n.referred_as_id
        """

    /// One incident, whatever the reader's scope (the caller checks it on `referralID`).
    package func find(_ db: Database, id: Int64) throws -> (incident: IncidentSummary, referralID: Int64?)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: Self.select + " WHERE n.id = ?"), arguments: [id]) else { return nil }
        return (try Self.summary(row), try row.decode(Int64?.self, forColumn: "referral_id"))
    }

    /// Incidents newest first (by id), a page at a time, whose matched
    /// referral is within `scope`; `agency` keeps one agency's.
    package func page(_ db: Database, agency: String?, scope: (sql: String, arguments: StatementArguments),
                      before: Int64?, limit: Int) throws -> Page<IncidentSummary> {
        var conditions = ["n.id < ?", scope.sql]
        var arguments: StatementArguments = [before ?? Int64.max]
        arguments += scope.arguments
        if let agency {
            conditions.append("n.agency = ?")
            arguments += [agency]
        }
        let rows = try Row.fetchAll(db, sql: Self.select + " WHERE " + conditions.joined(separator: " AND ") + " ORDER BY n.id DESC LIMIT ?",
                                    arguments: arguments + [limit + 1])
        let items = try rows.prefix(limit).map(Self.summary)
        return Page(items: items, next: rows.count > limit ? items.last.map { String($0.id) } : nil)
    }

    /// Repeats found from incidents and not yet referred back: the top of
    /// the triage queue (a partial index holds only these).
    package func toReferBack(_ db: Database, scope: (sql: String, arguments: StatementArguments), limit: Int) throws -> [IncidentSummary] {
        try Row.fetchAll(db, sql: Self.select + """
             WHERE n.finding = 'repeat' AND n.referred_as_id IS NULL AND \(scope.sql) ORDER BY n.id LIMIT ?
            """, arguments: scope.arguments + [limit]).map(Self.summary)
    }

    /// A referral by id (an incident's matched referral).
    package func referral(_ db: Database, id: Int64) throws -> ReferralRecord? {
        try ReferralRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM referral WHERE id = ?"), arguments: [id])
    }

    /// The referral an incident became.
    package func markReferred(_ db: Database, id: Int64, referralID: Int64) throws {
        try db.execute(sql: "UPDATE incident SET referred_as_id = ? WHERE id = ? AND referred_as_id IS NULL", arguments: [referralID, id])
    }

    static func summary(_ row: Row) throws -> IncidentSummary {
        let r = RecordReader(row, table: "incident")
        let typesText: String = try r.value("abuse_types")
        let types = try typesText.split(separator: ";").map { code in
            guard let type = AbuseType(rawValue: String(code)) else { throw r.unreadable("abuse_types") }
            return type
        }
        return IncidentSummary(id: try r.value("id"), ref: try r.value("ref"), victimID: try r.value("victim_id"), occurredOn: try r.day("occurred_on"),
                               agency: try r.value("agency"), abuseTypes: types, crimeReported: try r.value("crime_reported"),
                               perpetratorID: try r.value("perpetrator_id"), summary: try r.value("summary"),
                               agencyReference: try r.value("agency_reference"), finding: try r.code("finding"),
                               referredAs: try r.value("referred_as"), createdBy: try r.value("created_by"))
    }
}
