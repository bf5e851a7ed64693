internal import MaracStore
import Foundation
internal import GRDB

/// Research before the meeting: each agency checks its records for every case
/// on the agenda and returns what it holds. An agency user records its own
/// agency's returns for meetings its agency takes part in (confirmed or
/// present); the coordinator records them on behalf of an agency without an
/// account, typed or from a returned research list.
extension Session {
    var research: ResearchService { ResearchService(clock: clock) }

    /// Records one return (`fields` by `ResearchReturnInput.columns`; an agency
    /// user's own agency when none is given). Returns what was recorded.
    @discardableResult
    public func recordResearch(on day: Day, _ fields: [String: String]) throws(CaseError) -> ResearchReturnInput {
        try write(.recordResearch) { db, permit in
            var fields = fields
            let ownOnly = Policy.ownAgencyActionsOnly(permit.user, permit.grant)
            if ownOnly, (fields["agency"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty { fields["agency"] = permit.user.agency }
            let input: ResearchReturnInput
            do { input = try ResearchReturnInput.validate(fields, today: today) } catch let error as ValidationFailure { throw CaseError(error) }
            let meeting = try requireMeeting(db, on: day)
            let record = try inScope(db, permit, ref: input.ref)
            if ownOnly {
                guard input.agency == permit.user.agency else {
                    throw CaseError(.notPermitted, "\(actor.name) may record \(permit.user.agency ?? "their agency")'s research returns only")
                }
                try requireTakingPart(db, permit, meeting)
            }
            let referralID = try requireCaseOnAgenda(db, meeting: meeting, ref: record.ref)
            try addReturn(db, meeting: meeting, referralID: referralID, input,
                          onBehalf: input.agency != permit.user.agency, source: .entered)
            return input
        }
    }

    /// The current return of each agency for the cases of a meeting (one case
    /// with `ref`): an agency user sees its own agency's only. The reading is recorded.
    public func researchReturns(on day: Day, ref: String? = nil) throws(CaseError) -> [ResearchReturnRecord] {
        try write(.viewResearch) { db, permit in
            let meeting = try requireMeeting(db, on: day)
            let ownOnly = Policy.ownAgencyActionsOnly(permit.user, permit.grant)
            if let ref { _ = try inScope(db, permit, ref: ref) }
            if ownOnly, !(try takesPart(db, permit, meeting)) { return [] }
            let returns = try research.returns(db, meetingID: meeting.id, agency: ownOnly ? permit.user.agency : nil, ref: ref,
                                               scope: permit.scope)
            let ids = try returns.map { try ReferralLookup.record(db, ref: $0.ref).id }
            if !ids.isEmpty { try recordAccess(db, permit, referralIDs: Array(Set(ids))) }
            return returns
        }
    }

    public struct ResearchLoad: Sendable, Equatable {
        public var recorded: Int
        /// Rows whose return columns were all left blank (the agency did not fill them in).
        public var blank: Int
    }

    /// Loads a returned research list: every row checked first (its case on
    /// that meeting's agenda, its agency known, no case and agency twice), then
    /// all recorded in one transaction, or nothing. Rows whose return columns
    /// are all blank were not filled in and are skipped.
    public func importResearchReturns(on day: Day, csv text: String, fileName: String) throws(CaseError) -> ResearchLoad {
        try read(.importResearch) { _, _ in }
        let rows: [(line: Int, fields: [String: String])]
        let blank: Int
        do { (rows, blank) = try ResearchFile.rows(csv: text, fileName: fileName) } catch { throw CaseError.from(error) }
        return try write(.importResearch) { db, permit in
            let meeting = try requireMeeting(db, on: day)
            // An agency representative loads its own agency's returns only, for a meeting it takes part in (issue 22).
            let ownOnly = Policy.ownAgencyActionsOnly(permit.user, permit.grant)
            if ownOnly { try requireTakingPart(db, permit, meeting) }
            var problems: [CaseError.Problem] = []
            var checked: [(line: Int, input: ResearchReturnInput, referralID: Int64)] = []
            var lineOf: [String: Int] = [:]
            for (line, fields) in rows {
                let input: ResearchReturnInput
                do { input = try ResearchReturnInput.validate(fields, today: today) } catch let error as ValidationFailure {
                    problems += error.problems.map { CaseError.Problem(field: "\(fileName):\(line): \($0.field)", $0.message) }
                    continue
                }
                var rowProblems: [CaseError.Problem] = []
                var referralID: Int64?
                do { referralID = try requireCaseOnAgenda(db, meeting: meeting, ref: input.ref) } catch let error as CaseError {
                    rowProblems += error.prefixed("\(fileName):\(line): ").problems
                }
                if ownOnly, input.agency != permit.user.agency {
                    rowProblems.append(.init(field: "\(fileName):\(line): agency", "is another agency's: load your own agency's returns only"))
                } else if try !AgencyService().isKnown(db, code: input.agency) {
                    rowProblems.append(.init(field: "\(fileName):\(line): agency", "is not a known agency code"))
                }
                let key = "\(input.ref)|\(input.agency)"
                if let first = lineOf[key] {
                    rowProblems.append(.init(field: "\(fileName):\(line): referral_ref", "the same case and agency are also on line \(first)"))
                } else {
                    lineOf[key] = line
                }
                problems += rowProblems
                if rowProblems.isEmpty, let referralID { checked.append((line, input, referralID)) }
            }
            guard problems.isEmpty else { throw CaseError(.invalid, problems) }
            for (_, input, referralID) in checked {
                try addReturn(db, meeting: meeting, referralID: referralID, input,
                              onBehalf: input.agency != permit.user.agency, source: .file)
            }
            return ResearchLoad(recorded: checked.count, blank: blank)
        }
    }

    /// An agency's research list for a meeting: for each case on the agenda, in
    /// agenda order, only what it needs to match its records. `deliver` writes
    /// it (a pack, or plain on purpose) and says how it went; inside the
    /// transaction that records, in the access log, that this agency received
    /// these cases and how: if it cannot be written nothing is recorded.
    public func sendResearchList(on day: Day, agency: String,
                                 deliver: (ResearchList) throws -> PackDestination) throws(CaseError) {
        try write(.writeMeetingDocuments) { db, permit in try sendOneResearchList(db, permit, on: day, agency: agency, deliver: deliver) }
    }

    /// One agency's list made, delivered and its sending recorded, inside the caller's transaction.
    func sendOneResearchList(_ db: Database, _ permit: Permit, on day: Day, agency: String,
                             deliver: (ResearchList) throws -> PackDestination) throws {
        let (list, referralIDs) = try makeResearchList(db, on: day, agency: agency)
        let destination = try deliver(list)
        try recordSent(db, permit, to: list.agency, what: "research list for the meeting on \(day)", destination,
                       referralIDs: referralIDs, personIDs: list.cases.flatMap(\.personIDs))
    }

    /// The research list shown on the coordinator's own screen (not sent): its reading is recorded.
    public func researchList(on day: Day, agency: String) throws(CaseError) -> ResearchList {
        try write(.writeMeetingDocuments) { db, permit in
            let list = try makeResearchList(db, on: day, agency: agency)
            try recordAccess(db, permit, referralIDs: list.referralIDs, personIDs: list.list.cases.flatMap(\.personIDs))
            return list.list
        }
    }

    private func makeResearchList(_ db: Database, on day: Day, agency: String) throws -> (list: ResearchList, referralIDs: [Int64]) {
        let code = try knownAgency(db, agency)
        let agenda = try meetings.agenda(db, of: try requireMeeting(db, on: day))
        let matching = try research.matching(db, referralIDs: agenda.cases.map(\.referral.id))
        return (ResearchList(meeting: day, agency: code, cases: agenda.cases.compactMap { matching[$0.referral.id] }),
                agenda.cases.map(\.referral.id))
    }

    /// Whether an agency user's agency confirmed or attended this meeting.
    func takesPart(_ db: Database, _ permit: Permit, _ meeting: MeetingRecord) throws -> Bool {
        guard let agency = permit.user.agency else { return false }
        return try research.confirmedAgencies(db, meetingID: meeting.id).contains(agency)
    }

    /// An agency user's agency must take part in the meeting to record research for it.
    func requireTakingPart(_ db: Database, _ permit: Permit, _ meeting: MeetingRecord) throws {
        guard try takesPart(db, permit, meeting) else {
            throw CaseError(.notPermitted, "\(permit.user.agency ?? "this agency") is not taking part in the meeting on \(meeting.heldOn) (neither confirmed nor present); the coordinator records that first")
        }
    }

    func knownAgency(_ db: Database, _ text: String) throws -> String {
        let code: AgencyCode
        do { code = try AgencyCode(validating: text) } catch { throw CaseError(error) }
        guard try AgencyService().isKnown(db, code: code.rawValue) else {
            throw CaseError(.invalid, field: "agency", "is not a known agency code")
        }
        return code.rawValue
    }

    /// Records that identifying data left the MARAC for an agency: always (never
    /// folded into an earlier read), with the agency and the document as the reason.
    func recordSent(_ db: Database, _ permit: Permit, to agency: String, what: String, _ destination: PackDestination,
                    referralIDs: [Int64], personIDs: [Int64] = []) throws {
        _ = try Access.record(db, actor: actor, useCase: permit.useCase.rawValue, referralIDs: Array(Set(referralIDs)),
                              personIDs: Array(Set(personIDs)),
                              reason: try AccessReason.checked("\(what) for agency \(agency): \(destination.accessReason ?? "shown")", kind: .read))
    }
}
