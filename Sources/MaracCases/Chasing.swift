internal import MaracStore
internal import GRDB

/// After the meeting: the action log each agency receives, and chasing open
/// actions agency by agency until they are done.
extension Session {
    /// A chase list: its rules (from the MARAC's settings) and a page of open
    /// actions overdue or due soon, agency by agency.
    public struct ChaseList: Sendable {
        public var rules: ChaseRules
        public var actions: [ActionRecord]
        public var next: String?
    }

    /// Open actions overdue or due soon, by agency (one agency's with `agency`;
    /// an agency user's own only), a page at a time. Shows references and
    /// owners, no identities: nothing is recorded for reading it.
    public func chaseList(agency: String?, limit: Int, after cursor: String? = nil) throws(CaseError) -> ChaseList {
        try read(.chaseActions) { db, permit in
            let rules = try ChaseService.rules(db)
            var agency = agency
            if Policy.ownAgencyActionsOnly(permit.user, permit.grant) {
                if let asked = agency, asked != permit.user.agency { return ChaseList(rules: rules, actions: [], next: nil) }
                agency = permit.user.agency
            }
            let page = try ChaseService(today: today).page(db, rules: rules, agency: agency, limit: limit,
                                                          after: try pageCursor(cursor, ChaseService.cursor), scope: permit.scope)
            return ChaseList(rules: rules, actions: page.items, next: page.next)
        }
    }

    /// The MARAC's chase rules, for anyone who sees actions: a list marks
    /// escalated actions as escalated (issue 22), not only chase lists.
    public func chaseRules() throws(CaseError) -> ChaseRules {
        try read(.viewActions) { db, _ in try ChaseService.rules(db) }
    }

    /// Sends each agency (or the one named) its chase list: `deliver` writes it
    /// and says how, inside the transaction that records which agency received
    /// which cases and how.
    /// Agencies with nothing to chase get nothing. Returns the agencies sent to.
    @discardableResult
    public func sendChaseLists(agency: String?, deliver: (String, ChaseList) throws -> PackDestination) throws(CaseError) -> [String] {
        try write(.chaseActions) { db, permit in
            let service = ChaseService(today: today)
            let chase = try ChaseService.rules(db)
            var agency = try agency.map { try knownAgency(db, $0) }
            if Policy.ownAgencyActionsOnly(permit.user, permit.grant) {
                if let asked = agency, asked != permit.user.agency { throw CaseError(.notPermitted, "\(actor.name) may chase \(permit.user.agency ?? "their agency")'s actions only") }
                agency = permit.user.agency
            }
            // Every page: a chase list is one agency's open actions due within days, not a table scan.
            var all: [ActionRecord] = []
            var cursor: String?
            repeat {
                let page = try service.page(db, rules: chase, agency: agency, limit: 2000, after: try pageCursor(cursor, ChaseService.cursor),
                                            scope: permit.scope)
                all += page.items
                cursor = page.next
            } while cursor != nil
            let byAgency = Dictionary(grouping: all, by: \.agency)
            for code in byAgency.keys.sorted() {
                let actions = byAgency[code] ?? []
                let destination = try deliver(code, ChaseList(rules: chase, actions: actions, next: nil))
                try recordSent(db, permit, to: code, what: "chase list of \(actions.count) action\(actions.count == 1 ? "" : "s")", destination,
                               referralIDs: try actions.map { try ReferralLookup.record(db, ref: $0.referralRef).id })
            }
            return byAgency.keys.sorted()
        }
    }

    /// The actions agreed at a meeting, earliest due first within each agency
    /// (one agency's with `agency`); its reading is recorded.
    public func actionLog(on day: Day, agency: String? = nil) throws(CaseError) -> [ActionRecord] {
        try write(.writeMeetingDocuments) { db, permit in
            let actions = try meetingActions(db, day, agency: agency)
            let ids = try Set(actions.map { try ReferralLookup.record(db, ref: $0.referralRef).id })
            if !ids.isEmpty { try recordAccess(db, permit, referralIDs: Array(ids)) }
            return actions
        }
    }

    /// Sends each agency (or the one named) the actions agreed at a meeting that
    /// are its own: `deliver` writes one file each inside the transaction that
    /// records which agency received which cases. Returns the agencies sent to.
    @discardableResult
    public func sendActionLogs(on day: Day, agency: String?, deliver: (String, [ActionRecord]) throws -> PackDestination) throws(CaseError) -> [String] {
        try write(.writeMeetingDocuments) { db, permit in
            let actions = try meetingActions(db, day, agency: try agency.map { try knownAgency(db, $0) })
            let byAgency = Dictionary(grouping: actions, by: \.agency)
            for code in byAgency.keys.sorted() {
                let own = byAgency[code] ?? []
                let destination = try deliver(code, own)
                try recordSent(db, permit, to: code, what: "action log of the meeting on \(day)", destination,
                               referralIDs: try own.map { try ReferralLookup.record(db, ref: $0.referralRef).id })
            }
            return byAgency.keys.sorted()
        }
    }

    /// The agencies that have a chase list now (one, when named; an agency
    /// user's own), so their keys can be found before anything is written.
    public func chaseRecipients(agency: String?) throws(CaseError) -> [String] {
        var agencies = Set<String>()
        var cursor: String?
        repeat {
            let page = try chaseList(agency: agency, limit: 2000, after: cursor)
            agencies.formUnion(page.actions.map(\.agency))
            cursor = page.next
        } while cursor != nil
        return agencies.sorted()
    }

    /// The agencies with actions agreed at a meeting (the one named, when it has any).
    public func actionLogRecipients(on day: Day, agency: String?) throws(CaseError) -> [String] {
        try read(.writeMeetingDocuments) { db, _ in
            Array(Set(try meetingActions(db, day, agency: agency).map(\.agency))).sorted()
        }
    }

    private func meetingActions(_ db: Database, _ day: Day, agency: String?) throws -> [ActionRecord] {
        let minutes = try meetings.minutes(db, of: try requireMeeting(db, on: day))
        return minutes.actions.filter { agency == nil || $0.agency == agency }
            .sorted { ($0.agency, $0.due, $0.id) < ($1.agency, $1.due, $1.id) }
    }

    /// Records agencies that confirmed they will attend a meeting (before it).
    public func confirmAttendance(on day: Day, agencies: [String]) throws(CaseError) {
        try write(.recordAttendance) { db, _ in try recordConfirmed(db, on: day, agencies: agencies) }
    }
}
