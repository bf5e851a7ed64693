import GRDB
import MaracCore

/// How many different victims each perpetrator has been recorded against in
/// a window of days, on referrals and on the incidents agencies log between
/// meetings, and the perpetrator's date of birth: what the serial
/// rule (Core `SerialRule`) decides from. Counted unscoped, on purpose: the
/// fact and the count are shown to a viewer who may not see the other cases;
/// who the other victims are is read, in scope, by the case's own queries.
package enum PerpetratorVictims {
    package struct Count: Sendable, Equatable {
        package var differentVictims: Int
        package var perpetratorBorn: Day?
    }

    /// The count: kept here so a test can ask the planner about exactly it.
    /// Arguments: perpetrator, from, through (named: each is used twice).
    package static let countSQL = """
        SELECT COUNT(DISTINCT victim_id) FROM (
            SELECT victim_id FROM referral
            WHERE perpetrator_id = :perpetrator AND referred_on BETWEEN :from AND :through
            UNION ALL
            SELECT victim_id FROM incident
            WHERE perpetrator_id = :perpetrator AND occurred_on BETWEEN :from AND :through
        )
        """

    /// One perpetrator: a covering range of `referral_by_perpetrator`
    /// (perpetrator, date, victim) and one of `incident_by_perpetrator`
    /// (v24), whatever their number of referrals and incidents.
    package static func count(_ db: Database, perpetratorID: Int64, from: Day, through: Day) throws -> Count {
        let victims = try Int.fetchOne(db.cachedStatement(sql: countSQL),
                                       arguments: ["perpetrator": perpetratorID, "from": from.description, "through": through.description]) ?? 0
        let born = try String.fetchOne(db.cachedStatement(sql: "SELECT dob FROM person WHERE id = ?"),
                                       arguments: [perpetratorID]).flatMap(Day.init)
        return Count(differentVictims: victims, perpetratorBorn: born)
    }

    /// A page's perpetrators, each counted once.
    package static func counts(_ db: Database, perpetratorIDs: some Sequence<Int64>, from: Day, through: Day) throws -> [Int64: Count] {
        var counts: [Int64: Count] = [:]
        for id in perpetratorIDs where counts[id] == nil {
            counts[id] = try count(db, perpetratorID: id, from: from, through: through)
        }
        return counts
    }

    /// The perpetrator of each referral on a page (summaries carry the victim only).
    package static func perpetrators(_ db: Database, referralIDs: [Int64]) throws -> [Int64: Int64] {
        var found: [Int64: Int64] = [:]
        for id in referralIDs {
            if let perpetrator = try Int64.fetchOne(db.cachedStatement(sql: "SELECT perpetrator_id FROM referral WHERE id = ?"),
                                                    arguments: [id]) {
                found[id] = perpetrator
            }
        }
        return found
    }

    /// Each perpetrator named on a referral or an incident in a period, once,
    /// in id order (two index passes merged by the caller's set is avoided:
    /// one UNION, each side a range of its perpetrator index's date column).
    package static func named(_ db: Database, from: Day, through: Day, _ visit: (Int64) throws -> Void) throws {
        let ids = try Int64.fetchCursor(db, sql: """
            SELECT perpetrator_id FROM referral WHERE referred_on BETWEEN :from AND :through AND perpetrator_id IS NOT NULL
            UNION
            SELECT perpetrator_id FROM incident WHERE occurred_on BETWEEN :from AND :through AND perpetrator_id IS NOT NULL
            """, arguments: ["from": from.description, "through": through.description])
        while let id = try ids.next() { try visit(id) }
    }
}
