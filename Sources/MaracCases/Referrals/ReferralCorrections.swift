internal import MaracStore
internal import GRDB

/// A referral's details corrected with a reason (issue 20): the edit through
/// the writer, then each field it changed kept in the record's history (with
/// the reason) and named, never valued, in one audit row. Runs inside the
/// caller's transaction: a refusal anywhere leaves nothing written.
struct ReferralCorrections {
    let writer: ReferralWriter
    let actor: Actor
    let clock: Clock

    /// Saves `input` over the referral as it was read (`before`); refuses an
    /// edit that changes nothing, and one that would clear checklist answers
    /// given earlier unless `replaceAnswers` says it is meant.
    func save(_ db: Database, _ input: ReferralInput, before: ReferralDetail, expectedVersion: Int,
              reason: String, replaceAnswers: Bool) throws -> ReferralDetail {
        let cleared = before.referral.checklist?.answersCleared(by: input.checklist) ?? 0
        if cleared > 0, !replaceAnswers {
            let refusal = RiskChecklist.clearingRefused(cleared)
            throw CaseError(.invalid, field: refusal.field, refusal.message, hint: .confirmClearingAnswers(cleared))
        }
        try writer.replace(db, input, expectedVersion: expectedVersion, audited: false)
        let after = try ReferralLookup.detail(db, ref: input.ref, scope: ("0", []))
        let changes = ReferralCorrection.changes(before: before.columnValues, after: after.columnValues)
        guard !changes.isEmpty else { throw Self.nothingChanged }
        let id = after.referral.id
        let history = ChangeHistory()
        // Whose record holds each field: the referral's own, or a person's
        // (the victim or perpetrator the referral names after the edit; the
        // one it named before when it names none now). Every row keeps the
        // case's id, so the case's history shows them all.
        for home in [ReferralField.Home.referral, .household, .victim, .perpetrator] {
            let rows = changes.filter { $0.home == home }.map(\.change)
            guard !rows.isEmpty else { continue }
            let (entity, entityID): (String, Int64) = switch home {
            case .referral, .household: ("referral", id)
            case .victim: ("person", after.victim.id)
            case .perpetrator: ("person", after.perpetrator?.id ?? before.perpetrator?.id ?? id)
            }
            try history.record(db, actor: actor, entity: entity, entityID: entityID, referralID: id, changes: rows, reason: reason, at: clock.timestamp)
        }
        // Field names only: the values are in the history, shown to those whose scope covers the case.
        try Audit.record(db, actor: actor, action: "update", entity: "referral", entityID: id,
                         detail: "corrected with a reason: " + changes.map(\.change.field).joined(separator: ","))
        return after
    }

    static let nothingChanged = CaseError(.invalid, "nothing to change: every value given is as stored")
}

extension Session {
    var referralCorrections: ReferralCorrections { ReferralCorrections(writer: referralWriter, actor: actor, clock: clock) }
}
