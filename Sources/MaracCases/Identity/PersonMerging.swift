internal import MaracStore
internal import GRDB

/// One person, one record (issue 20): the coordinator lists the pairs that
/// may be one person, merges two records of one person (every referral,
/// alias, child, search entry and research return goes with the referrals),
/// undoes a merge exactly, or dismisses a pair for good. Repeats are worked
/// out again in the same transaction; linked cases follow `perpetrator_id`
/// by themselves. The audit rows name ids only; the reason is kept in the
/// merge's own row.
extension Session {
    /// What a merge did, for the command line to print.
    public struct MergeOutcome: Sendable, Equatable {
        public let mergeID: Int64
        public let keepID: Int64
        public let otherID: Int64
        public let referralsMoved: Int
    }

    /// Every pair of people who may be one, handed to `each` as found (never
    /// all in memory); dismissed pairs and merged-away people are left out.
    /// Returns how many.
    public func possibleDuplicates(_ each: (DuplicatePair) throws -> Void) throws(CaseError) -> Int {
        try read(.findDuplicatePeople) { db, _ in
            var count = 0
            try PersonDuplicates.scan(db) { pair in
                count += 1
                try each(pair)
            }
            return count
        }
    }

    /// Merges `other` into `keep`. Refused (nothing written) for one person
    /// twice, people of different roles, a person already merged away, a
    /// person others are merged into as `other` (merges never chain, so each
    /// can be undone alone), different dates of birth without `force`, and
    /// no reason.
    public func mergePeople(keep: Int64, other: Int64, reason: String, force: Bool = false) throws(CaseError) -> MergeOutcome {
        let reason = try Self.requiredReason(reason)
        return try write(.mergePeople) { db, _ in
            guard keep != other else { throw CaseError(.invalid, field: "other", "is the person to keep; give two different people") }
            let kept = try Self.person(db, keep, field: "keep"), merged = try Self.person(db, other, field: "other")
            guard kept.role == merged.role else {
                throw CaseError(.invalid, "person \(keep) is a \(kept.role.rawValue) and person \(other) a \(merged.role.rawValue); only two records of one role merge")
            }
            for (id, record) in [(keep, kept), (other, merged)] {
                if let into = record.mergedInto { throw CaseError(.invalid, "person \(id) is already merged into person \(into)") }
                if record.identity.nameKey.isEmpty { throw CaseError(.invalid, "person \(id) was purged; a purged record is not merged") }
            }
            if try PersonMerges.hasMergedIn(db, personID: other) {
                throw CaseError(.invalid, field: "other", "other people are merged into person \(other); keep person \(other) instead, or undo those merges first")
            }
            if let a = kept.identity.dob, let b = merged.identity.dob, a != b, !force {
                throw CaseError(.invalid, "the dates of birth of person \(keep) and person \(other) differ; merge them only on purpose (force), with the reason")
            }
            let moved = try PersonMerges.referralCount(db, personID: other)
            let mergeID = try PersonMerges.merge(db, keep: keep, other: other, reason: reason, forced: force, by: actor.name, at: clock.timestamp)
            try recomputeRepeats(db, around: keep)
            try Audit.record(db, actor: actor, action: "merge", entity: "person", entityID: keep,
                             detail: "merge=\(mergeID) other=\(other) referrals=\(moved)" + (force ? " forced=yes" : ""))
            return MergeOutcome(mergeID: mergeID, keepID: keep, otherID: other, referralsMoved: moved)
        }
    }

    /// Undoes merge `mergeID` exactly: the rows it moved go back, the alias it
    /// made goes, and both people's repeats are worked out again.
    public func unmergePeople(mergeID: Int64) throws(CaseError) -> MergeOutcome {
        try write(.unmergePeople) { db, _ in
            guard let merge = try PersonMerges.find(db, id: mergeID) else { throw CaseError(.notFound, field: "merge", "there is no merge with that id") }
            guard !merge.unmerged else { throw CaseError(.invalid, field: "merge", "merge \(mergeID) was undone already") }
            try PersonMerges.unmerge(db, merge, by: actor.name, at: clock.timestamp)
            try recomputeRepeats(db, around: merge.keepID)
            try recomputeRepeats(db, around: merge.otherID)
            let moved = try PersonMerges.referralCount(db, personID: merge.otherID)
            try Audit.record(db, actor: actor, action: "unmerge", entity: "person", entityID: merge.keepID,
                             detail: "merge=\(mergeID) other=\(merge.otherID) referrals=\(moved)")
            return MergeOutcome(mergeID: mergeID, keepID: merge.keepID, otherID: merge.otherID, referralsMoved: moved)
        }
    }

    /// Records that two people are not one: the pair is never listed again.
    public func dismissDuplicate(_ a: Int64, _ b: Int64, reason: String) throws(CaseError) {
        let reason = try Self.requiredReason(reason)
        try write(.dismissDuplicate) { db, _ in
            guard a != b else { throw CaseError(.invalid, "give two different people") }
            let first = try Self.person(db, a, field: "first"), second = try Self.person(db, b, field: "second")
            guard first.role == second.role else { throw CaseError(.invalid, "person \(a) and person \(b) are of different roles; they are never offered as one") }
            try PersonMerges.dismiss(db, a, b, reason: reason, by: actor.name, at: clock.timestamp)
            try Audit.record(db, actor: actor, action: "dismiss", entity: "person", entityID: min(a, b), detail: "pair=\(min(a, b)),\(max(a, b))")
        }
    }

    private static func requiredReason(_ text: String) throws(CaseError) -> String {
        let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw CaseError(.invalid, field: "reason", "give a reason") }
        do { try FieldLimits.check("reason", reason, maxLength: FieldLimits.text, multiLine: true) } catch { throw CaseError(error) }
        return reason
    }

    private static func person(_ db: Database, _ id: Int64, field: String) throws -> (identity: NearMatch.Identity, role: PersonRole, mergedInto: Int64?) {
        guard let found = try PersonMatching.identity(db, personID: id) else { throw CaseError(.notFound, field: field, "there is no person with that id") }
        return found
    }

    /// Repeats of every victim whose referrals this person is in, as victim or perpetrator.
    private func recomputeRepeats(_ db: Database, around personID: Int64) throws {
        for victim in try PersonMerges.affectedVictims(db, personID: personID) { try ReferralRepeats.recompute(db, victimID: victim) }
    }
}
