import Foundation
import GRDB
import MaracCore

/// Agencies' research returns for the cases on a meeting's agenda, and the
/// research list an agency checks its records against: reads and writes only,
/// inside the caller's transaction; the checks, errors and audit rows are the
/// use-case layer's (MaracCases/Research).
package struct ResearchService: Sendable {
    package let clock: Clock

    package init(clock: Clock) { self.clock = clock }

    /// The agencies that confirmed attendance or were recorded present at a meeting.
    package func confirmedAgencies(_ db: Database, meetingID: Int64) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT agency FROM attendance WHERE meeting_id = ?", arguments: [meetingID]))
    }

    /// The id of the referral with that reference on the meeting's agenda, if it is there.
    package func caseOnAgenda(_ db: Database, meetingID: Int64, ref: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT r.id FROM agenda_item i JOIN referral r ON r.id = i.referral_id WHERE i.meeting_id = ? AND r.ref = ?
            """, arguments: [meetingID, ref])
    }

    /// Adds a return; an earlier one by the same agency stays as history. Returns its id.
    @discardableResult
    package func insert(_ db: Database, meetingID: Int64, referralID: Int64, _ input: ResearchReturnInput,
                        onBehalf: Bool, source: Source, by actor: Actor) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO research_return (meeting_id, referral_id, agency, known, summary, current_risks, returned_on,
                recorded_by, on_behalf, source, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [meetingID, referralID, input.agency, input.known, input.summary, input.currentRisks,
                                     input.returnedOn.description, actor.name, onBehalf, source.rawValue, clock.timestamp])
        return db.lastInsertedRowID
    }

    package enum Source: String, Sendable { case entered, file }

    /// Each agency's current (newest) return for the cases of a meeting within
    /// `scope`, by reference then agency; one agency's only when `agency` is given.
    package func returns(_ db: Database, meetingID: Int64, agency: String? = nil, ref: String? = nil,
                         scope: (sql: String, arguments: StatementArguments) = ("1", [])) throws -> [ResearchReturnRecord] {
        try ResearchReturnRecord.fetchAll(db, sql: """
            SELECT rr.id, r.ref, rr.agency, rr.known, rr.summary, rr.current_risks, rr.returned_on, rr.recorded_by,
                   rr.on_behalf, rr.source, rr.recorded_at,
                   (SELECT COUNT(*) FROM research_return e WHERE e.meeting_id = rr.meeting_id AND e.referral_id = rr.referral_id
                      AND e.agency = rr.agency AND e.id < rr.id) AS earlier
            FROM research_return rr JOIN referral r ON r.id = rr.referral_id
            WHERE rr.meeting_id = ? AND (? IS NULL OR rr.agency = ?) AND (? IS NULL OR r.ref = ?)
              AND NOT EXISTS (SELECT 1 FROM research_return n WHERE n.meeting_id = rr.meeting_id AND n.referral_id = rr.referral_id
                              AND n.agency = rr.agency AND n.id > rr.id)
              AND \(scope.sql)
            ORDER BY r.ref, rr.agency LIMIT 10000
            """, arguments: [meetingID, agency, agency, ref, ref] + scope.arguments)
    }

    /// Which agencies have returned for each case of a meeting (referral id → codes).
    package func returnedAgencies(_ db: Database, meetingID: Int64) throws -> [Int64: Set<String>] {
        var out: [Int64: Set<String>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT DISTINCT referral_id, agency FROM research_return WHERE meeting_id = ?",
                                    arguments: [meetingID]) {
            out[row[0] as Int64, default: []].insert(row[1] as String)
        }
        return out
    }

    /// What an agency needs to search its records for each case: the names,
    /// aliases, dates of birth and postcodes of the victim and perpetrator and
    /// the children's names and dates of birth. Nothing else of the referral.
    package func matching(_ db: Database, referralIDs: [Int64]) throws -> [Int64: ResearchListCase] {
        var out: [Int64: ResearchListCase] = [:]
        let statement = try db.cachedStatement(sql: """
            SELECT r.id, r.ref, r.victim_id, r.perpetrator_id, v.name AS v_name, v.dob AS v_dob, v.postcode AS v_postcode,
                   p.name AS p_name, p.dob AS p_dob, p.postcode AS p_postcode,
                   (SELECT group_concat(a.name, ';') FROM person_alias a WHERE a.person_id = v.id) AS v_aliases,
                   (SELECT group_concat(a.name, ';') FROM person_alias a WHERE a.person_id = p.id) AS p_aliases,
                   (SELECT group_concat(c.name || '|' || COALESCE(c.dob, ''), '; ') FROM child c WHERE c.referral_id = r.id) AS children
            FROM referral r JOIN person v ON v.id = r.victim_id LEFT JOIN person p ON p.id = r.perpetrator_id
            WHERE r.id = ?
            """)
        for id in referralIDs {
            guard let row = try Row.fetchOne(statement, arguments: [id]) else { continue }
            let r = RecordReader(row, table: "referral")
            func text(_ column: String) throws -> String { (try r.value(column) as String?) ?? "" }
            out[id] = ResearchListCase(
                ref: try r.value("ref"),
                personIDs: [try r.value("victim_id") as Int64] + ((try r.value("perpetrator_id") as Int64?).map { [$0] } ?? []),
                matching: [
                    "victim_name": try text("v_name"), "victim_aliases": try text("v_aliases"), "victim_dob": try text("v_dob"),
                    "victim_postcode": try text("v_postcode"), "perpetrator_name": try text("p_name"),
                    "perpetrator_aliases": try text("p_aliases"), "perpetrator_dob": try text("p_dob"),
                    "perpetrator_postcode": try text("p_postcode"), "children": try text("children"),
                ])
        }
        return out
    }
}


extension ResearchReturnRecord: FetchableRecord {
    public init(row: Row) throws {
        let r = RecordReader(row, table: "research_return")
        let id: Int64 = try r.value("id")
        let ref: String = try r.value("ref")
        let agency: String = try r.value("agency")
        let known: Bool = try r.value("known")
        let summary: String = try r.value("summary")
        let currentRisks: String = try r.value("current_risks")
        let returnedOn: Day = try r.day("returned_on")
        let recordedBy: String = try r.value("recorded_by")
        let onBehalf: Bool = try r.value("on_behalf")
        let source: String = try r.value("source")
        guard source == "entered" || source == "file" else { throw r.unreadable("source") }
        let fromFile: Bool = source == "file"
        let recordedAt: String = try r.value("recorded_at")
        let earlier: Int = try r.value("earlier")
        self.init(
            id: id,
            ref: ref,
            agency: agency,
            known: known,
            summary: summary,
            currentRisks: currentRisks,
            returnedOn: returnedOn,
            recordedBy: recordedBy,
            onBehalf: onBehalf,
            fromFile: fromFile,
            recordedAt: recordedAt,
            earlier: earlier
        )
    }
}

