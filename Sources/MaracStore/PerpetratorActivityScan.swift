import GRDB
import MaracCore

/// What was recorded against every perpetrator in a window, for the harm
/// ranking (Core `PerpetratorRanking`): one pass over the referrals and one
/// over the incidents, each in perpetrator order from its perpetrator index,
/// merged as they stream. Nothing is held but the perpetrator in hand, so the
/// ranking of a million referrals runs in constant memory; the caller keeps
/// only the top of the list.
package enum PerpetratorActivityScan {
    /// Referrals per perpetrator in the window: the latest day, how many in the
    /// last year, the highest DASH score, every abuse type (stored `;`-joined).
    /// `referral_by_perpetrator` gives the order (no sort, no temporary
    /// table); the row itself is read only for referrals inside the window.
    package static let referralSQL = """
        SELECT perpetrator_id, MAX(referred_on), SUM(referred_on >= :yearStart), MAX(ric_score),
               group_concat(abuse_types, ';')
        FROM referral INDEXED BY referral_by_perpetrator
        WHERE perpetrator_id IS NOT NULL AND referred_on BETWEEN :from AND :through
        GROUP BY perpetrator_id ORDER BY perpetrator_id
        """

    /// Incidents per perpetrator in the window, in the same order.
    package static let incidentSQL = """
        SELECT perpetrator_id, MAX(occurred_on), SUM(occurred_on >= :yearStart), group_concat(abuse_types, ';')
        FROM incident INDEXED BY incident_by_perpetrator
        WHERE perpetrator_id IS NOT NULL AND occurred_on BETWEEN :from AND :through
        GROUP BY perpetrator_id ORDER BY perpetrator_id
        """

    /// Calls `visit` once per perpetrator with anything in the window, in id
    /// order, referrals and incidents joined. Returns how many were visited.
    @discardableResult
    package static func each(_ db: Database, from: Day, through: Day, yearStart: Day,
                             _ visit: (PerpetratorActivity) throws -> Void) throws -> Int {
        let arguments: StatementArguments = ["from": from.description, "through": through.description, "yearStart": yearStart.description]
        let referrals = try Row.fetchCursor(db.cachedStatement(sql: referralSQL), arguments: arguments)
        let incidents = try Row.fetchCursor(db.cachedStatement(sql: incidentSQL), arguments: arguments)
        var nextReferral = try next(referrals, fromReferral)
        var nextIncident = try next(incidents, fromIncident)
        var visited = 0
        while nextReferral != nil || nextIncident != nil {
            let referralID = nextReferral?.perpetratorID ?? .max
            let incidentID = nextIncident?.perpetratorID ?? .max
            var activity: PerpetratorActivity
            if referralID <= incidentID, let referral = nextReferral {
                activity = referral
                nextReferral = try next(referrals, fromReferral)
                if referralID == incidentID, let incident = nextIncident {
                    activity = activity.joined(with: incident)
                    nextIncident = try next(incidents, fromIncident)
                }
            } else if let incident = nextIncident {
                activity = incident
                nextIncident = try next(incidents, fromIncident)
            } else {
                break
            }
            try visit(activity)
            visited += 1
        }
        return visited
    }

    /// The next perpetrator of a stream; a row whose day cannot be read (never
    /// written by marac) is skipped rather than ending the stream early.
    private static func next(_ cursor: RowCursor, _ parse: (Row) -> PerpetratorActivity?) throws -> PerpetratorActivity? {
        while let row = try cursor.next() {
            if let activity = parse(row) { return activity }
        }
        return nil
    }

    private static func fromReferral(_ row: Row) -> PerpetratorActivity? {
        guard let last = Day(row[1] as String) else { return nil }
        return PerpetratorActivity(perpetratorID: row[0], lastSeen: last, eventsInYear: row[2],
                                   highestScore: row[3], abuseTypes: types(row[4]))
    }

    private static func fromIncident(_ row: Row) -> PerpetratorActivity? {
        guard let last = Day(row[1] as String) else { return nil }
        return PerpetratorActivity(perpetratorID: row[0], lastSeen: last, eventsInYear: row[2],
                                   highestScore: nil, abuseTypes: types(row[3]))
    }

    /// Stored codes were checked on the way in; one that is not known now is skipped, not fatal.
    private static func types(_ joined: String?) -> Set<AbuseType> {
        guard let joined else { return [] }
        return Set(joined.split(separator: ";").compactMap { AbuseType(rawValue: String($0)) })
    }

    /// The perpetrator's name for a line of the ranking (only the top are named).
    package static func name(_ db: Database, perpetratorID: Int64) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM person WHERE id = ?"), arguments: [perpetratorID])
    }
}
