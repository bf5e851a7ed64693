internal import MaracStore
internal import GRDB

/// What was shared at a meeting, entry by entry (issue 20): each names its
/// agency; an entry typed against the wrong case or agency, or with the
/// wrong words, is corrected, or withdrawn, by whoever recorded it or the
/// coordinator (`Corrections.mayCorrectShared`), with a reason. The minutes
/// show what stands; the history keeps the slip.
extension Session {
    /// Records what an agency shared about a case at a meeting; returns the
    /// entry's id. Without an agency the entry reads "agency not recorded".
    @discardableResult
    public func recordShared(_ ref: String, on day: Day, agency: String? = nil, text: String) throws(CaseError) -> Int64 {
        try write(.recordShared) { db, permit in
            try addShared(db, on: day, try inScope(db, permit, ref: ref), agency: agency, text: text)
        }
    }

    /// A meeting's entries within the person's scope, withdrawn ones marked;
    /// recorded as seen like the agenda.
    public func sharedEntries(on day: Day) throws(CaseError) -> [SharedEntry] {
        try write(.viewAgenda) { db, permit in
            let meeting = try requireMeeting(db, on: day)
            let entries = try SharedEntries.ofMeeting(db, meetingID: meeting.id, includingWithdrawn: true, scope: permit.scope)
            try recordAccess(db, permit, referralIDs: Array(Set(entries.map(\.referralID))))
            return entries
        }
    }

    /// Corrects an entry: new words, or moved to the right case (on the same
    /// meeting's agenda) or agency; what changed is kept with the reason.
    public func correctShared(_ id: Int64, text: String? = nil, ref: String? = nil, agency: String? = nil,
                              reason: String) throws(CaseError) {
        try write(.correctShared) { db, permit in
            let reason = try correctionReason(reason)
            guard text != nil || ref != nil || agency != nil else {
                throw CaseError(.invalid, field: "text", "give the corrected text, case or agency")
            }
            let entry = try correctableEntry(db, permit, id)
            var problems = ProblemList()
            let newText = problems.check { () throws(FieldError) -> String in
                guard let text else { return entry.text }
                return try ActionRules.requireText(text, field: "text")
            }
            if let agency, try !AgencyService().isKnown(db, code: agency) { problems.add("agency", "is not a known agency code") }
            try problems.throwIfAny()
            var target = try inScope(db, permit, ref: entry.ref)
            if let ref {
                target = try inScope(db, permit, ref: ref)
                let meeting = try requireMeeting(db, on: entry.meeting)
                guard try meetings.isListed(db, meetingID: meeting.id, referralID: target.id) else {
                    throw CaseError(.invalid, field: "ref", "that case is not on the agenda for \(entry.meeting)")
                }
            }
            let newAgency = agency ?? entry.agency
            let changes = [FieldChange(field: "text", from: entry.text, to: newText, identifying: true),
                           FieldChange(field: "referral", from: entry.ref, to: target.ref, identifying: false),
                           FieldChange(field: "agency", from: entry.agency, to: newAgency, identifying: false)].filter { $0.from != $0.to }
            guard !changes.isEmpty, let newText else { throw CaseError(.invalid, "entry \(id) already reads so; nothing to change") }
            try SharedEntries.correct(db, id: id, referralID: target.id, agency: newAgency, text: newText)
            try recordCorrection(db, entity: "information_shared", id: id, referralID: entry.referralID, changes: changes, reason: reason)
            if target.id != entry.referralID {
                // The case it was moved to shows the correction in its own history too.
                try ChangeHistory().record(db, actor: actor, entity: "information_shared", entityID: id, referralID: target.id,
                                           changes: changes, reason: reason)
            }
        }
    }

    /// Withdraws an entry: gone from the minutes and the case, kept in the history.
    public func withdrawShared(_ id: Int64, reason: String) throws(CaseError) {
        try write(.correctShared) { db, permit in
            let reason = try correctionReason(reason)
            let entry = try correctableEntry(db, permit, id)
            try SharedEntries(clock: clock).withdraw(db, id: id)
            try recordCorrection(db, entity: "information_shared", id: id, referralID: entry.referralID, changes: [
                FieldChange(field: "withdrawn", from: "no", to: "yes", identifying: false),
                FieldChange(field: "text", from: entry.text, to: nil, identifying: true),
            ], reason: reason)
        }
    }

    /// An entry that stands, on a case in scope, that this person may
    /// correct. Out of scope is "no entry", as elsewhere.
    func correctableEntry(_ db: Database, _ permit: Permit, _ id: Int64) throws -> SharedEntry {
        guard let entry = try SharedEntries.fetch(db, id: id),
              try ScopeSQL.contains(db, referralID: entry.referralID, grant: permit.grant, login: actor.name, today: today) else {
            throw CaseError(.notFound, "no entry \(id) of what was shared")
        }
        guard Corrections.mayCorrectShared(recordedBy: entry.recordedBy, login: actor.name, grant: permit.grant) else {
            throw CaseError(.notPermitted, "\(actor.name) may correct only the entries they recorded; the coordinator can correct this one")
        }
        guard !entry.withdrawn else { throw CaseError(.invalid, "entry \(id) was withdrawn; record it again instead") }
        return entry
    }
}
