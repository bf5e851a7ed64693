import GRDB
import MaracCore

/// Merging two records of one person, and undoing it exactly (issue 20).
/// Every row moved is named in `person_merge_move`, so unmerging moves
/// exactly those rows back; the person merged away keeps their row (marked
/// `merged_into`) so every id stays valid. The use-case layer decides whether
/// a merge may happen; this writes it, inside the caller's transaction.
package enum PersonMerges {
    package struct Merge: Sendable, Equatable {
        package let id: Int64
        package let keepID: Int64
        package let otherID: Int64
        package let aliasID: Int64?
        package let unmerged: Bool
    }

    /// Moves every referral, incident, alias and search entry of `other` to `keep` and
    /// marks `other` merged; returns the merge's id.
    package static func merge(_ db: Database, keep: Int64, other: Int64, reason: String, forced: Bool, by actor: String, at now: String) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO person_merge (keep_id, other_id, reason, forced, merged_at, merged_by) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [keep, other, reason, forced, now, actor])
        let mergeID = db.lastInsertedRowID
        // Each kind of row: note the ids, then move exactly the rows noted.
        try db.execute(sql: """
            INSERT INTO person_merge_move (merge_id, kind, row_id) SELECT ?, 'victim', id FROM referral WHERE victim_id = ?;
            UPDATE referral SET victim_id = ? WHERE victim_id = ?;
            INSERT INTO person_merge_move (merge_id, kind, row_id) SELECT ?, 'perpetrator', id FROM referral WHERE perpetrator_id = ?;
            UPDATE referral SET perpetrator_id = ? WHERE perpetrator_id = ?;
            INSERT INTO person_merge_move (merge_id, kind, row_id) SELECT ?, 'search', id FROM person_search WHERE person_id = ?;
            UPDATE person_search SET person_id = ? WHERE person_id = ?;
            """, arguments: [mergeID, other, keep, other, mergeID, other, keep, other, mergeID, other, keep, other])
        // Incidents (issue 23) go with the person, each noted as the rows above.
        try db.execute(sql: """
            INSERT INTO person_merge_incident_move (merge_id, kind, incident_id) SELECT ?, 'victim', id FROM incident WHERE victim_id = ?;
            UPDATE incident SET victim_id = ? WHERE victim_id = ?;
            INSERT INTO person_merge_incident_move (merge_id, kind, incident_id)
            SELECT ?, 'perpetrator', id FROM incident WHERE perpetrator_id = ?;
            UPDATE incident SET perpetrator_id = ? WHERE perpetrator_id = ?;
            """, arguments: [mergeID, other, keep, other, mergeID, other, keep, other])
        // An alias the kept person has too stays where it is (a person's
        // aliases are distinct); its search entry has moved, so search finds
        // the kept person by it all the same.
        try db.execute(sql: """
            INSERT INTO person_merge_move (merge_id, kind, row_id)
            SELECT ?, 'alias', a.id FROM person_alias a WHERE a.person_id = ?
              AND NOT EXISTS (SELECT 1 FROM person_alias k WHERE k.person_id = ? AND k.name_key = a.name_key);
            UPDATE person_alias SET person_id = ? WHERE id IN (SELECT row_id FROM person_merge_move WHERE merge_id = ? AND kind = 'alias');
            """, arguments: [mergeID, other, keep, keep, mergeID])
        // The other record's name becomes an alias of the kept person (its
        // search entry, moved above, already finds them).
        try db.execute(sql: """
            INSERT INTO person_alias (person_id, name, name_key)
            SELECT ?, o.name, o.name_key FROM person o JOIN person k ON k.id = ?
            WHERE o.id = ? AND o.name_key <> '' AND o.name_key <> k.name_key
              AND NOT EXISTS (SELECT 1 FROM person_alias a WHERE a.person_id = k.id AND a.name_key = o.name_key)
            """, arguments: [keep, keep, other])
        if db.changesCount > 0 {
            try db.execute(sql: "UPDATE person_merge SET alias_id = ? WHERE id = ?", arguments: [db.lastInsertedRowID, mergeID])
        }
        try db.execute(sql: "UPDATE person SET merged_into = ? WHERE id = ?", arguments: [keep, other])
        return mergeID
    }

    /// Moves back exactly the rows the merge moved, removes the alias it
    /// made, and marks the other person unmerged.
    package static func unmerge(_ db: Database, _ merge: Merge, by actor: String, at now: String) throws {
        try db.execute(sql: """
            UPDATE referral SET victim_id = :other WHERE victim_id = :keep
              AND id IN (SELECT row_id FROM person_merge_move WHERE merge_id = :merge AND kind = 'victim');
            UPDATE referral SET perpetrator_id = :other WHERE perpetrator_id = :keep
              AND id IN (SELECT row_id FROM person_merge_move WHERE merge_id = :merge AND kind = 'perpetrator');
            UPDATE person_search SET person_id = :other WHERE person_id = :keep
              AND id IN (SELECT row_id FROM person_merge_move WHERE merge_id = :merge AND kind = 'search');
            UPDATE person_alias SET person_id = :other WHERE person_id = :keep
              AND id IN (SELECT row_id FROM person_merge_move WHERE merge_id = :merge AND kind = 'alias');
            UPDATE incident SET victim_id = :other WHERE victim_id = :keep
              AND id IN (SELECT incident_id FROM person_merge_incident_move WHERE merge_id = :merge AND kind = 'victim');
            UPDATE incident SET perpetrator_id = :other WHERE perpetrator_id = :keep
              AND id IN (SELECT incident_id FROM person_merge_incident_move WHERE merge_id = :merge AND kind = 'perpetrator');
            UPDATE person SET merged_into = NULL WHERE id = :other;
            UPDATE person_merge SET unmerged_at = :now, unmerged_by = :actor WHERE id = :merge;
            """, arguments: ["other": merge.otherID, "keep": merge.keepID, "merge": merge.id, "now": now, "actor": actor])
        if let alias = merge.aliasID {
            try db.execute(sql: "DELETE FROM person_alias WHERE id = ? AND person_id = ?", arguments: [alias, merge.keepID])
        }
    }

    package static func find(_ db: Database, id: Int64) throws -> Merge? {
        try Row.fetchOne(db, sql: "SELECT id, keep_id, other_id, alias_id, unmerged_at IS NOT NULL FROM person_merge WHERE id = ?",
                         arguments: [id]).map { Merge(id: $0[0], keepID: $0[1], otherID: $0[2], aliasID: $0[3], unmerged: $0[4]) }
    }

    /// Whether anyone is merged into this person now (a merge not undone).
    package static func hasMergedIn(_ db: Database, personID: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM person WHERE merged_into = ?)", arguments: [personID]) ?? false
    }

    /// The victims whose repeats depend on this person: themselves as a
    /// victim, and every victim of a referral naming them as perpetrator.
    package static func affectedVictims(_ db: Database, personID: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT ? WHERE EXISTS (SELECT 1 FROM referral WHERE victim_id = ?)
            UNION SELECT victim_id FROM referral WHERE perpetrator_id = ?
            """, arguments: [personID, personID, personID])
    }

    /// How many referrals name the person, as victim or perpetrator.
    package static func referralCount(_ db: Database, personID: Int64) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT (SELECT COUNT(*) FROM referral WHERE victim_id = ?) + (SELECT COUNT(*) FROM referral WHERE perpetrator_id = ?)
            """, arguments: [personID, personID]) ?? 0
    }

    /// Records that two people are not one; they are never offered again.
    package static func dismiss(_ db: Database, _ a: Int64, _ b: Int64, reason: String, by actor: String, at now: String) throws {
        try db.execute(sql: """
            INSERT INTO person_pair_dismissed (low_id, high_id, reason, dismissed_at, dismissed_by) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (low_id, high_id) DO NOTHING
            """, arguments: [min(a, b), max(a, b), reason, now, actor])
    }

    package static func isDismissed(_ db: Database, _ a: Int64, _ b: Int64) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM person_pair_dismissed WHERE low_id = ? AND high_id = ?)"),
                          arguments: [min(a, b), max(a, b)]) ?? false
    }
}
