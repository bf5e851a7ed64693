import Foundation
internal import MaracStore
internal import GRDB

/// Flag-and-tag lists for one agency (issue 23): shown on its own
/// representative's (or the coordinator's) screen, or sent as a pack.
extension Session {
    /// The list on the reader's own screen; its reading is recorded.
    public func flagList(agency: String, lapsedSince: Day?) throws(CaseError) -> FlagList {
        try write(.listFlags) { db, permit in
            let list = try makeFlagList(db, permit, agency: agency, lapsedSince: lapsedSince)
            try recordAccess(db, permit, referralIDs: list.referralIDs, personIDs: list.personIDs)
            return list
        }
    }

    /// The list sent to the agency (`deliver` writes the pack and says where it went), recorded as a sending.
    public func sendFlagList(agency: String, lapsedSince: Day?, deliver: (FlagList) throws -> PackDestination) throws(CaseError) {
        try write(.listFlags) { db, permit in
            let list = try makeFlagList(db, permit, agency: agency, lapsedSince: lapsedSince)
            let destination = try deliver(list)
            try recordSent(db, permit, to: list.agency, what: "flag list", destination, referralIDs: list.referralIDs, personIDs: list.personIDs)
        }
    }

    private func makeFlagList(_ db: Database, _ permit: Permit, agency: String, lapsedSince: Day?) throws -> FlagList {
        let code = try knownAgency(db, agency)
        if !permit.grant.isAll, code != permit.user.agency {
            throw CaseError(.notPermitted, field: "agency", "\(actor.name) may list their own agency's flags only")
        }
        if let lapsedSince, lapsedSince > today { throw CaseError(.invalid, field: "lapsed-since", "is after today") }
        // Lapsed cases are past an agency's agenda scope: its representative
        // sees those lapsed in the last 12 months only (enough to unflag monthly).
        if let lapsedSince, !permit.grant.isAll, lapsedSince < today.adding(months: -RepeatRule.windowMonths) {
            throw CaseError(.notPermitted, field: "lapsed-since", "goes back at most 12 months for an agency")
        }
        // A margin of days around each SQL range; the edge itself is RepeatRule's, applied to each row.
        let toFlag = try FlagQueries.latestHeard(db, from: FlagList.flaggedFrom(today: today).adding(days: -4), through: today, scope: permit.scope)
            .filter { RepeatRule.isWithinWindow(today, of: $0.heardOn) }
        var lapsed: [FlagList.Entry] = []
        if let since = lapsedSince {
            // Lapsed on a day from `since` to today: the window's last day is on or after the day before `since`, and before today.
            lapsed = try FlagQueries.latestHeard(db, from: since.adding(months: -RepeatRule.windowMonths).adding(days: -5),
                                                 through: FlagList.flaggedFrom(today: today).adding(days: 4), scope: nil)
                .filter { !RepeatRule.isWithinWindow(today, of: $0.heardOn) && RepeatRule.isWithinWindow(since.adding(days: -1), of: $0.heardOn) }
        }
        return FlagList(agency: code, today: today, toFlag: toFlag, lapsedSince: lapsedSince, lapsed: lapsed)
    }
}
