import GRDB
import MaracCore

/// Clare's Law requests (issue 23): read and written inside the caller's
/// transaction; the use-case layer decides (Core `DisclosureProgress`,
/// `DisclosureClock`) and records the audit rows. Every list is a page,
/// walked by (requested_on, id) on an index; open requests by the partial
/// index `disclosure_request_open`.
package enum DisclosureRequests {
    /// Which requests a list shows.
    package enum Which: Sendable {
        case all
        /// Open (clock running) and requested within this range: due soon.
        case openRequested(ClosedRange<Day>)
        /// Open and requested before this day: overdue.
        case openBefore(Day)
    }

    static let selection = """
        SELECT d.*, a.name AS person_at_risk_name, s.name AS subject_name, r.ref AS referral_ref
        FROM disclosure_request d
        JOIN person a ON a.id = d.person_at_risk_id
        JOIN person s ON s.id = d.subject_id
        LEFT JOIN referral r ON r.id = d.referral_id
        """

    package static func insert(_ db: Database, route: DisclosureRoute, requestedOn: Day, askedBy: DisclosureAsker,
                               personAtRiskID: Int64, subjectID: Int64, owner: String, now: String) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO disclosure_request (route, requested_on, asked_by, person_at_risk_id, subject_id, owner,
                created_at, created_by, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [route.rawValue, requestedOn.description, askedBy.rawValue, personAtRiskID, subjectID, owner,
                                     now, owner, now, owner])
        return db.lastInsertedRowID
    }

    package static func find(_ db: Database, id: Int64) throws -> DisclosureRequest? {
        try Row.fetchOne(db.cachedStatement(sql: selection + " WHERE d.id = ?"), arguments: [id]).map(request)
    }

    /// A page of requests, oldest request first (the most urgent clock first).
    package static func page(_ db: Database, _ which: Which, limit: Int, after: (Day, Int64)?) throws -> [DisclosureRequest] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        switch which {
        case .all: break
        case .openRequested(let range):
            conditions.append("d.clock_stopped_on IS NULL AND d.requested_on BETWEEN ? AND ?")
            arguments += [range.lowerBound.description, range.upperBound.description]
        case .openBefore(let day):
            conditions.append("d.clock_stopped_on IS NULL AND d.requested_on < ?")
            arguments += [day.description]
        }
        if let (day, id) = after {
            conditions.append("(d.requested_on, d.id) > (?, ?)")
            arguments += [day.description, id]
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try Row.fetchAll(db.cachedStatement(sql: selection + whereClause + " ORDER BY d.requested_on, d.id LIMIT ?"),
                                arguments: arguments + [limit]).map(request)
    }

    /// Records one step's date and details; `stoppedOn` stops the 28-day clock.
    package static func recordStep(_ db: Database, id: Int64, _ step: DisclosureStepInput, stoppedOn: Day?, by actor: Actor, now: String) throws {
        let day = step.on.description
        let (sql, arguments): (String, StatementArguments) = switch step.step {
        case .contact: ("contacted_on = ?, checks_note = ?", [day, step.note])
        case .faceToFace: ("met_on = ?", [day])
        case .assessment: ("assessed_on = ?, risk_level = ?", [day, step.riskLevel?.rawValue])
        case .decision: ("decided_on = ?, decision = ?, decision_rationale = ?", [day, step.decision?.rawValue, step.rationale])
        case .disclosure: ("disclosed_on = ?, disclosed_how = ?, disclosed_to = ?, safety_plan = ?", [day, step.how, step.to, step.safetyPlan])
        case .outcome: ("outcome_on = ?, outcome = ?", [day, step.note])
        }
        try db.execute(sql: """
            UPDATE disclosure_request SET \(sql), clock_stopped_on = COALESCE(clock_stopped_on, ?),
                updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?
            """, arguments: arguments + [stoppedOn?.description, now, actor.name, id])
    }

    package static func setReferral(_ db: Database, id: Int64, referralID: Int64, by actor: Actor, now: String) throws {
        try db.execute(sql: """
            UPDATE disclosure_request SET referral_id = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ?
            """, arguments: [referralID, now, actor.name, id])
    }

    /// Requests made in a period: by route, by decision, and the days from
    /// request to disclosure of those disclosed (for the median and the
    /// number over 28). One pass over the period on `disclosure_request_by_requested_on`.
    package static func figures(_ db: Database, from: Day, to: Day) throws -> DisclosureFigures {
        var figures = DisclosureFigures()
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT route, decision, CAST(julianday(disclosed_on) - julianday(requested_on) AS INTEGER)
            FROM disclosure_request WHERE requested_on BETWEEN ? AND ?
            """), arguments: [from.description, to.description])
        while let row = try rows.next() {
            let route: String = row[0]
            figures.byRoute[route, default: 0] += 1
            figures.byDecision[(row[1] as String?) ?? DisclosureFigures.undecided, default: 0] += 1
            if let days: Int = row[2] { figures.daysToDisclosure.append(days) }
            figures.total += 1
        }
        return figures
    }

    private static func request(_ row: Row) throws -> DisclosureRequest {
        let r = RecordReader(row, table: "disclosure_request")
        var request = DisclosureRequest(
            id: try r.value("id"), route: try r.code("route"), requestedOn: try r.day("requested_on"), askedBy: try r.code("asked_by"),
            personAtRiskID: try r.value("person_at_risk_id"), personAtRiskName: try r.value("person_at_risk_name"),
            subjectID: try r.value("subject_id"), subjectName: try r.value("subject_name"), owner: try r.value("owner"))
        request.contactedOn = try r.optionalDay("contacted_on")
        request.checksNote = try r.value("checks_note")
        request.metOn = try r.optionalDay("met_on")
        request.assessedOn = try r.optionalDay("assessed_on")
        request.riskLevel = try r.optionalCode("risk_level")
        request.decidedOn = try r.optionalDay("decided_on")
        request.decision = try r.optionalCode("decision")
        request.decisionRationale = try r.value("decision_rationale")
        request.disclosedOn = try r.optionalDay("disclosed_on")
        request.disclosedHow = try r.value("disclosed_how")
        request.disclosedTo = try r.value("disclosed_to")
        request.safetyPlan = try r.value("safety_plan")
        request.outcomeOn = try r.optionalDay("outcome_on")
        request.outcome = try r.value("outcome")
        request.clockStoppedOn = try r.optionalDay("clock_stopped_on")
        request.referralRef = try r.value("referral_ref")
        return request
    }
}
