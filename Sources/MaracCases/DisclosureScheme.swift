internal import MaracStore
import Foundation
internal import GRDB

/// Clare's Law requests (issue 23): the police record them step by step
/// against the 28-day clock; the coordinator sees them. Each method is one
/// transaction with its audit row; what shows a name records the read.
extension Session {
    /// Which requests a list shows.
    public enum DisclosureList: Sendable {
        case all, dueSoon, overdue
    }

    /// Records a new request; the person at risk and the subject are matched
    /// to person records by the identity rules (a near match must be decided,
    /// as for a referral). The acting police user owns it.
    public func addDisclosureRequest(_ fields: [String: String], identity: IdentityChoices = IdentityChoices()) throws(CaseError) -> DisclosureRequest {
        let input: DisclosureRequestInput
        do { input = try DisclosureRequestInput.validate(fields, today: today) } catch { throw CaseError(error) }
        return try write(.manageDisclosureRequests) { db, permit in
            try requireRealDatabase(db)
            try Self.requireDisclosureReach(permit)
            let people = IntakeIdentity(choices: identity, scope: viewScope(permit))
            let atRisk = try people.person(db, input.personAtRisk, role: .victim)
            let subject = try people.person(db, input.subject, role: .perpetrator)
            let id = try DisclosureRequests.insert(db, route: input.route, requestedOn: input.requestedOn, askedBy: input.askedBy,
                                                   personAtRiskID: atRisk.id, subjectID: subject.id, owner: actor.name, now: clock.timestamp)
            try Audit.record(db, actor: actor, action: "create", entity: "disclosure_request", entityID: id,
                             detail: "route=\(input.route.rawValue) person_at_risk=\(atRisk.id) subject=\(subject.id)")
            return try shownRequest(db, permit, id: id)
        }
    }

    /// One request, its read recorded.
    public func disclosureRequest(_ id: Int64) throws(CaseError) -> DisclosureRequest {
        try write(.viewDisclosureRequests) { db, permit in
            try Self.requireDisclosureReach(permit)
            return try shownRequest(db, permit, id: id)
        }
    }

    /// A page of requests, oldest first, with their clocks; the names shown are recorded as read.
    public func disclosureRequests(_ which: DisclosureList, limit: Int, after cursor: String? = nil) throws(CaseError) -> Page<DisclosureRequest> {
        let after: (Day, Int64)?
        if let cursor {
            let parts = cursor.split(separator: "/")
            guard parts.count == 2, let day = Day(String(parts[0])), let id = Int64(parts[1]) else {
                throw CaseError(.invalid, field: "after", "is not a cursor from an earlier page")
            }
            after = (day, id)
        } else {
            after = nil
        }
        return try write(.viewDisclosureRequests) { db, permit in
            try Self.requireDisclosureReach(permit)
            let clock = try disclosureClock(db)
            let selection: DisclosureRequests.Which = switch which {
            case .all: .all
            case .dueSoon: .openRequested(clock.dueSoonRequested(today: today))
            case .overdue: .openBefore(clock.overdueBefore(today: today))
            }
            let items = try DisclosureRequests.page(db, selection, limit: limit + 1, after: after)
            let shown = Array(items.prefix(limit))
            if !shown.isEmpty {
                try recordAccess(db, permit, referralIDs: [], personIDs: shown.flatMap { [$0.personAtRiskID, $0.subjectID] })
            }
            let next = items.count > limit ? shown.last.map { "\($0.requestedOn)/\($0.id)" } : nil
            return Page(items: shown, next: next)
        }
    }

    /// The clock's rules as this MARAC set them (`due-soon-days`, as for actions).
    public func disclosureClock() throws(CaseError) -> DisclosureClock {
        try read(.viewDisclosureRequests) { db, _ in try disclosureClock(db) }
    }

    func disclosureClock(_ db: Database) throws -> DisclosureClock {
        DisclosureClock(dueSoonDays: try ChaseService.rules(db).dueSoonDays)
    }

    /// Records one step of a request, in order (Core `DisclosureProgress`):
    /// a step out of order is refused naming the step it needs first. The
    /// disclosure, or a decision not to disclose, stops the 28-day clock.
    public func recordDisclosureStep(_ id: Int64, step text: String, _ fields: [String: String]) throws(CaseError) -> DisclosureRequest {
        let step: DisclosureStepInput
        do { step = try DisclosureStepInput.parse(step: text, fields, today: today) } catch { throw CaseError(error) }
        return try write(.manageDisclosureRequests) { db, permit in
            try Self.requireDisclosureReach(permit)
            guard let request = try DisclosureRequests.find(db, id: id) else { throw Self.noRequest }
            do throws(FieldError) { try request.progress.check(step.step, on: step.on, today: today) } catch { throw CaseError(error) }
            let stops = step.step == .disclosure || (step.step == .decision && step.decision == .notDisclose)
            try DisclosureRequests.recordStep(db, id: id, step, stoppedOn: stops ? step.on : nil, by: actor, now: clock.timestamp)
            try Audit.record(db, actor: actor, action: "step", entity: "disclosure_request", entityID: id,
                             detail: "\(step.step.rawValue) on=\(step.on)\(step.decision.map { " decision=\($0.rawValue)" } ?? "")\(step.riskLevel.map { " risk=\($0.rawValue)" } ?? "")")
            return try shownRequest(db, permit, id: id)
        }
    }

    /// Refers a request assessed high risk to the MARAC in one step: a
    /// referral with the police as referring agency, the person at risk as
    /// victim and the subject as perpetrator (the same person records), on
    /// professional judgement with the request named as the reason.
    public func referDisclosureRequest(_ id: Int64, ref: String) throws(CaseError) -> ReferralDetail {
        try write(.manageDisclosureRequests) { db, permit in
            try requireRealDatabase(db)
            try Self.requireDisclosureReach(permit)
            guard let request = try DisclosureRequests.find(db, id: id) else { throw Self.noRequest }
            guard request.riskLevel == .high else {
                throw CaseError(.invalid, field: "risk", "only a request whose full risk assessment is high is referred from here; \(request.riskLevel == nil ? "record the assessment first" : "log a referral for another risk level")")
            }
            if request.referralRef != nil { throw CaseError(.invalid, field: "id", "request \(id) is already referred to the MARAC") }
            guard let atRisk = try PersonMatching.shown(db, personID: request.personAtRiskID),
                  let subject = try PersonMatching.shown(db, personID: request.subjectID) else { throw Self.noRequest }
            var fields: [String: String] = [
                "referral_ref": ref, "referred_on": today.description, "referring_agency": ReferralRoute.police.rawValue,
                "victim_name": atRisk.name, "perpetrator_name": subject.name,
                "criteria": ReferralCriterion.professionalJudgement.rawValue,
                "professional_judgement_reason": "Clare's Law request \(id): full risk assessment high (\(request.route.words))",
            ]
            fields["victim_dob"] = atRisk.dob?.description
            fields["perpetrator_dob"] = subject.dob?.description
            let input: ReferralInput
            do throws(ValidationFailure) { input = try ReferralInput.validate(fields, today: today) } catch { throw CaseError(error) }
            var people = IntakeIdentity(choices: IdentityChoices(victim: .existing(request.personAtRiskID), perpetrator: .existing(request.subjectID)),
                                        scope: ("1", []))
            people.storedChoices = true
            let referralID = try referralWriter.add(db, input, identity: people)
            try DisclosureRequests.setReferral(db, id: id, referralID: referralID, by: actor, now: clock.timestamp)
            try Audit.record(db, actor: actor, action: "refer", entity: "disclosure_request", entityID: id, detail: "referral=\(referralID)")
            return try ReferralLookup.detail(db, ref: input.ref, scope: ("0", []))
        }
    }

    /// Clare's Law figures for requests made in a period: exact counts, for
    /// those who may see the requests (the coordinator, the police).
    public func disclosureFigures(from: Day, to: Day) throws(CaseError) -> DisclosureFigures {
        try read(.viewDisclosureRequests) { db, permit in
            try Self.requireDisclosureReach(permit)
            return try DisclosureRequests.figures(db, from: from, to: to)
        }
    }

    private func shownRequest(_ db: Database, _ permit: Permit, id: Int64) throws -> DisclosureRequest {
        guard let request = try DisclosureRequests.find(db, id: id) else { throw Self.noRequest }
        try recordAccess(db, permit, referralIDs: [], personIDs: [request.personAtRiskID, request.subjectID])
        return request
    }

    static let noRequest = CaseError(.notFound, field: "id", "no Clare's Law request with that id")

    /// The police's requests: another agency's representative is refused.
    static func requireDisclosureReach(_ permit: Permit) throws {
        guard Policy.mayReachDisclosureRequests(permit.user) else {
            throw CaseError(.notPermitted, "\(permit.user.login) (\(permit.user.agency ?? "no agency")) may not \(permit.useCase.words): they are the police's")
        }
    }
}
