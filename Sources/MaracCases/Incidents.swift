import Foundation
internal import MaracStore
internal import GRDB

/// Incidents heard of between meetings (issue 23): logged by an agency for
/// itself (the coordinator for any agency), each checked at once against
/// the victim's referrals by Core's `RepeatRule`; a repeat waits at the top
/// of triage until it is referred back.
extension Session {
    var incidentService: IncidentService { IncidentService(clock: clock) }

    /// Logs one incident from its fields (`IncidentInput.columns`); returns it as stored.
    /// - Parameter perpetrator: for a perpetrator named (`perpetrator_name`)
    ///   who may be someone already recorded: that person, or a new one
    ///   (as `referral add --same-perpetrator-as / --new-perpetrator`).
    public func logIncident(_ fields: [String: String], perpetrator: PersonChoice? = nil) throws(CaseError) -> IncidentSummary {
        let input: IncidentInput
        do { input = try IncidentInput.validate(fields, today: today) } catch { throw CaseError(error) }
        if perpetrator != nil, input.newPerpetrator == nil {
            throw CaseError(.invalid, field: "perpetrator_name", "is needed to say whether the perpetrator named is someone already recorded")
        }
        return try write(.logIncident) { db, permit in
            try requireRealDatabase(db)
            let id = try addIncident(db, permit, input, perpetrator: perpetrator)
            guard let stored = try incidentService.find(db, id: id) else { throw Self.noIncident }
            return stored.incident
        }
    }

    /// The checks against the database and the write, shared by one incident and an import's rows.
    func addIncident(_ db: Database, _ permit: Permit, _ input: IncidentInput, perpetrator choice: PersonChoice? = nil) throws -> Int64 {
        // An agency representative logs for their own agency only; the coordinator for any.
        if !permit.grant.isAll, input.agency.rawValue != permit.user.agency {
            throw CaseError(.notPermitted, field: "agency", "\(actor.name) may log incidents for their own agency only")
        }
        guard try AgencyService().isKnown(db, code: input.agency.rawValue) else {
            throw CaseError(.invalid, field: "agency", "is not a known agency code (see marac agency list)")
        }
        // Out of scope is refused exactly as a reference that does not exist.
        let record = try inScope(db, permit, ref: input.ref)
        let dob = try incidentService.victimDOB(db, victimID: record.victimID)
        do throws(FieldError) { try IncidentInput.checkAgainstBirth(input.occurredOn, victimDOB: dob) } catch { throw CaseError(error) }
        let priors = try incidentService.priors(db, victimID: record.victimID)
        let perpetratorID: Int64?
        if let picked = input.perpetratorID {
            guard priors.contains(where: { $0.prior.perpetrator == IncidentService.key(picked) }) else {
                throw CaseError(IncidentInput.notAKnownPerpetrator)
            }
            perpetratorID = picked
        } else if let named = input.newPerpetrator {
            // The identity rules of referral add: exact match is that person,
            // a near match undecided is refused naming candidates by id only.
            let identity = IntakeIdentity(choices: IdentityChoices(perpetrator: choice), scope: viewScope(permit))
            perpetratorID = try identity.person(db, named, role: .perpetrator).id
        } else {
            perpetratorID = input.perpetratorUnknown ? nil : record.perpetratorID
        }
        let finding = RepeatRule.finding(incidentOn: input.occurredOn, perpetrator: perpetratorID.map(IncidentService.key),
                                         priors: priors.map(\.prior))
        // Matched to the victim's latest referral on or before it (the one it repeats), else the one named.
        let matched = priors.last(where: { $0.prior.referredOn <= input.occurredOn })?.id ?? record.id
        let id = try incidentService.insert(db, input, victimID: record.victimID, referralID: matched, perpetratorID: perpetratorID,
                                            finding: finding, by: actor)
        try Audit.record(db, actor: actor, action: "create", entity: "incident", entityID: id,
                         detail: "referral \(matched); finding \(finding.rawValue)")
        return id
    }

    static let noIncident = CaseError(.notFound, "no incident with that id")

    /// The victim's known perpetrators, for an incident on `ref` to pick one
    /// from: read under the right to log incidents, within its scope (a case
    /// out of scope is refused as one that does not exist); recorded as read.
    public func knownPerpetrators(of ref: String) throws(CaseError) -> [KnownPerpetrator] {
        try write(.logIncident) { db, permit in
            let record = try inScope(db, permit, ref: ref)
            let found = try incidentService.knownPerpetrators(db, victimID: record.victimID)
            if !found.isEmpty { try recordAccess(db, permit, referralIDs: [record.id], personIDs: found.map(\.personID)) }
            return found
        }
    }

    /// Incidents newest first, a page at a time: those whose case is in the
    /// reader's scope; an agency representative's own agency's only.
    public func incidents(agency: String?, limit: Int, after cursor: String? = nil) throws(CaseError) -> Page<IncidentSummary> {
        let before: Int64?
        if let cursor {
            guard let id = Int64(cursor), id > 0 else { throw CaseError(.invalid, field: "after", "is not a cursor from an earlier page") }
            before = id
        } else { before = nil }
        return try write(.listIncidents) { db, permit in
            let own = permit.grant.isAll ? agency : permit.user.agency
            if !permit.grant.isAll, let agency, agency != own {
                throw CaseError(.notPermitted, field: "agency", "\(actor.name) may list their own agency's incidents only")
            }
            let page = try incidentService.page(db, agency: own, scope: permit.scope, before: before, limit: limit)
            try recordAccess(db, permit, referralIDs: [], personIDs: Array(Set(page.items.map(\.victimID))))
            return page
        }
    }

    /// Repeats found from incidents, not yet referred back, within scope: the triage queue's top.
    public func incidentsToReferBack(limit: Int = 50) throws(CaseError) -> [IncidentSummary] {
        try write(.triageQueue) { db, permit in
            let found = try incidentService.toReferBack(db, scope: permit.scope, limit: limit)
            if !found.isEmpty { try recordAccess(db, permit, referralIDs: [], personIDs: Array(Set(found.map(\.victimID)))) }
            return found
        }
    }

    /// Makes the referral an incident calls for, in one step: the victim's
    /// latest referral copied (same people: the identity is exact), referred
    /// today by the incident's agency under `ref`, with the incident as its
    /// reason. A repeat incident's referral carries the `repeat` criterion
    /// whatever its score (`ReferralRepeats` keeps it); any other is a new
    /// referral, screened as usual.
    public func referIncident(_ id: Int64, ref: String) throws(CaseError) -> ReferralDetail {
        let newRef: String
        do throws(FieldError) { newRef = try ReferralInput.validateRef(ref) } catch { throw CaseError(error) }
        return try write(.referIncident) { db, permit in
            try requireRealDatabase(db)
            guard let found = try incidentService.find(db, id: id), let referralID = found.referralID,
                  try ScopeSQL.contains(db, referralID: referralID, grant: permit.grant, login: actor.name, today: today) else {
                throw Self.noIncident
            }
            let incident = found.incident
            if incident.referredAs != nil {
                throw CaseError(.conflict, field: "incident", "has already been referred")
            }
            guard let last = try incidentService.referral(db, id: referralID) else { throw Self.noIncident }
            let before = try ReferralLookup.detail(db, last, scope: ("0", []))
            let same = incident.perpetratorID != nil && incident.perpetratorID == last.perpetratorID
            let fields = IncidentReferral.fields(copying: before.columnValues, incident: incident, samePerpetrator: same, ref: newRef, today: today)
            let input: ReferralInput
            do throws(ValidationFailure) { input = try ReferralInput.validate(fields, today: today) } catch { throw CaseError(error) }
            let newID = try referralWriter.add(db, input, identity: IntakeIdentity(
                choices: IdentityChoices(victim: .existing(incident.victimID), perpetrator: same ? incident.perpetratorID.map { .existing($0) } : nil),
                scope: viewScope(permit)))
            try incidentService.markReferred(db, id: id, referralID: newID)
            try ReferralRepeats.recompute(db, victimID: incident.victimID)
            try Audit.record(db, actor: actor, action: "refer", entity: "incident", entityID: id, detail: "referral \(newID)")
            return try ReferralLookup.detail(db, ref: newRef, scope: ("0", []))
        }
    }
}

extension Session {
    /// Issue 23's exact figures for a period (counts only, no identities).
    /// `repeatReferrals`: the period's figures' `repeatReferrals`, when read
    /// already, so they are not counted again.
    public func incidentFigures(_ period: FiguresPeriod, repeatReferrals: Int? = nil) throws(CaseError) -> IncidentFigures {
        try read(.viewExactFigures) { db, _ in try IncidentFiguresQueries.figures(db, period, repeatReferrals: repeatReferrals) }
    }

    /// Incidents and Clare's Law requests of a period, for the figures
    /// published with the period's others: read by whoever may have figures,
    /// since the document they go into protects them as it does the rest
    /// (`FiguresDocument`, suppressed unless the reader may see exact counts).
    public func betweenMeetingsFigures(_ period: FiguresPeriod, repeatReferrals: Int? = nil) throws(CaseError) -> BetweenMeetingsFigures {
        try read(.viewSuppressedFigures) { db, _ in
            BetweenMeetingsFigures(incidents: try IncidentFiguresQueries.figures(db, period, repeatReferrals: repeatReferrals),
                                   disclosures: try DisclosureRequests.figures(db, from: period.from, to: period.to))
        }
    }
}
