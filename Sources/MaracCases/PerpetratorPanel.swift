internal import MaracStore
internal import GRDB
import MaracCore

/// The perpetrator panel (issue 24): its meetings, the referrals of
/// perpetrators to it, its decisions and the interventions that follow.
/// Panel records are not cases: they carry no case scope, and a panel
/// member reads them whole, with the victims' safety facts only.
extension Session {
    var panel: PanelService { PanelService(clock: clock) }

    static let panelReferralNotFound = CaseError(.notFound, "no panel referral with that id")

    func requirePanelMeeting(_ db: Database, on day: Day) throws -> PanelMeetingRecord {
        guard let meeting = try panel.meeting(db, on: day) else {
            throw CaseError(.notFound, field: "date", "there is no panel meeting on that date")
        }
        return meeting
    }

    func requirePanelReferral(_ db: Database, _ id: Int64) throws -> PanelReferralRecord {
        guard let referral = try panel.referral(db, id: id) else { throw Self.panelReferralNotFound }
        return referral
    }

    // MARK: meetings

    /// A planned panel meeting. Open referrals not yet on any agenda are
    /// listed as new; decided referrals whose reviews fall due by the
    /// meeting are listed for review.
    public func createPanelMeeting(on day: Day, chair: String?) throws(CaseError) {
        try write(.managePanel) { db, _ in
            guard try panel.meeting(db, on: day) == nil else {
                throw CaseError(.invalid, field: "date", "a panel meeting on that date already exists")
            }
            let chairName = chair?.trimmingCharacters(in: .whitespacesAndNewlines)
            let id = try panel.insertMeeting(db, on: day, chair: chairName?.isEmpty == false ? chairName : nil, by: actor)
            for referral in try panel.unlistedOpen(db) { try panel.list(db, meetingID: id, referralID: referral, kind: .new) }
            for referral in try panel.dueForReview(db, by: day) { try panel.list(db, meetingID: id, referralID: referral, kind: .review) }
            try Audit.record(db, actor: actor, action: "create", entity: "panel_meeting", entityID: id)
        }
    }

    public func panelMeetings(limit: Int, before cursor: Day? = nil) throws(CaseError) -> Page<PanelMeetingRecord> {
        try read(.viewPanel) { db, _ in try panel.meetings(db, limit: limit, before: cursor) }
    }

    /// The agencies at a panel meeting: an intervention's owner must be one.
    public func recordPanelAttendance(on day: Day, agencies: [String]) throws(CaseError) {
        try write(.managePanel) { db, _ in
            let meeting = try requirePanelMeeting(db, on: day)
            try requireKnownAgencies(db, agencies)
            try panel.markPresent(db, meetingID: meeting.id, agencies: agencies)
            try panel.markHeld(db, meetingID: meeting.id)
            try Audit.record(db, actor: actor, action: "attend", entity: "panel_meeting", entityID: meeting.id,
                             detail: agencies.joined(separator: ","))
        }
    }

    /// Lists a referral for review or closure on a meeting's agenda (new
    /// referrals are listed when referred).
    public func listOnPanel(_ referralID: Int64, on day: Day, kind: PanelListingKind) throws(CaseError) {
        try write(.managePanel) { db, _ in
            let meeting = try requirePanelMeeting(db, on: day)
            let referral = try requirePanelReferral(db, referralID)
            guard referral.state.isOnPanel else { throw CaseError(.invalid, "that panel referral is closed") }
            guard try !panel.isListed(db, meetingID: meeting.id, referralID: referralID) else {
                throw CaseError(.invalid, "that panel referral is already on that meeting's agenda")
            }
            try panel.list(db, meetingID: meeting.id, referralID: referralID, kind: kind)
            try Audit.record(db, actor: actor, action: "list", entity: "panel_referral", entityID: referralID,
                             detail: "\(kind.rawValue) at panel meeting \(meeting.id)")
        }
    }

    /// The agenda in the panel's order (new referrals, reviews, closures),
    /// each perpetrator with the criteria met, where they stand against the
    /// serial rule and each victim's safety facts; the reading is recorded
    /// with where it went.
    public func panelAgenda(on day: Day, destination: PackDestination = .terminal) throws(CaseError) -> PanelAgenda {
        try write(.viewPanel) { db, permit in
            let agenda = try panelAgenda(db, try requirePanelMeeting(db, on: day))
            try recordAccess(db, permit, referralIDs: [], personIDs: agenda.items.map(\.referral.perpetratorID), reason: destination.accessReason)
            return agenda
        }
    }

    /// The minutes: the agenda with the attendance and each referral's
    /// decision and interventions as they now stand.
    public func panelMinutes(on day: Day, destination: PackDestination = .terminal) throws(CaseError) -> PanelAgenda {
        try panelAgenda(on: day, destination: destination)
    }

    func panelAgenda(_ db: Database, _ meeting: PanelMeetingRecord) throws -> PanelAgenda {
        let rule = try serialRule(db)
        var items: [PanelAgendaItem] = []
        for listing in try panel.listings(db, meetingID: meeting.id) {
            let referral = try requirePanelReferral(db, listing.referralID)
            items.append(PanelAgendaItem(kind: listing.kind, referral: referral,
                                         serial: try serialStanding(db, perpetratorID: referral.perpetratorID, rule: rule),
                                         victims: try panel.victimFacts(db, perpetratorID: referral.perpetratorID),
                                         interventions: try panel.interventions(db, referralID: referral.id)))
        }
        return PanelAgenda(meeting: meeting, attendance: try panel.attendance(db, meetingID: meeting.id), items: items)
    }

    // MARK: referral and decision

    /// Refers a perpetrator to the panel, directly or from a MARAC case
    /// (`from`: the perpetrator is the case's when no id is given). The
    /// criteria met are computed from MARAC data (Core's `PanelCriterion`).
    /// A perpetrator already on the panel is refused, nothing written. The
    /// referral is listed as new on the next planned panel meeting, if any.
    /// Returns the panel referral's id.
    @discardableResult
    public func referToPanel(perpetratorID: Int64?, from ref: String? = nil, reason: String) throws(CaseError) -> PanelReferralRecord {
        try write(.referToPanel) { db, _ in
            let why: String
            do { why = try PanelRules.reason(reason) } catch { throw CaseError(FieldError("reason", "give the reason for the referral (it cannot be blank)")) }
            let source = try ref.map { try ReferralLookup.record(db, ref: $0) }
            if let source, source.perpetratorID == nil { throw CaseError(.invalid, field: "from", "that referral names no perpetrator") }
            guard let askedID = perpetratorID ?? source?.perpetratorID,
                  let person = try PerpetratorPages.person(db, id: askedID) else { throw Self.perpetratorNotFound }
            if let source, let named = source.perpetratorID,
               try PerpetratorPages.person(db, id: named)?.id != person.id {
                throw CaseError(.invalid, field: "from", "that referral names another perpetrator")
            }
            if let open = try panel.onPanel(db, perpetratorID: person.id) {
                throw CaseError(.invalid, "perpetrator \(person.id) is already open on the panel (panel referral \(open)); nothing was written")
            }
            let harm = try panel.harmCounts(db, perpetratorID: person.id)
            let criteria = PanelCriterion.met(serial: try serialStanding(db, perpetratorID: person.id, rule: try serialRule(db)),
                                              highRiskReferrals: harm.highRisk, repeatReferrals: harm.repeats)
            let id = try panel.insertReferral(db, perpetratorID: person.id, referredOn: today, by: actor, fromReferralID: source?.id,
                                              criteria: criteria, reason: why)
            if let next = try panel.nextPlanned(db, from: today) { try panel.list(db, meetingID: next.id, referralID: id, kind: .new) }
            try Audit.record(db, actor: actor, action: "refer", entity: "panel_referral", entityID: id,
                             detail: "perpetrator \(person.id)" + (source.map { " from referral \($0.id)" } ?? ""))
            return try requirePanelReferral(db, id)
        }
    }

    /// The panel's decision on a referral, with its reason (required), at
    /// the meeting given or else the latest meeting listing it. No further
    /// action closes the referral; any other decision leaves it decided,
    /// for interventions.
    public func decidePanelReferral(_ id: Int64, decision: PanelDecisionKind, reason: String?, at day: Day? = nil) throws(CaseError) {
        try write(.decidePanel) { db, _ in
            let why = try PanelRules.reason(reason)
            let referral = try requirePanelReferral(db, id)
            guard referral.state.isOnPanel else { throw CaseError(.invalid, "that panel referral is closed") }
            let meeting: PanelMeetingRecord
            if let day { meeting = try requirePanelMeeting(db, on: day) } else {
                guard let listed = try panel.latestListing(db, referralID: id) else {
                    throw CaseError(.invalid, field: "meeting", "that panel referral is on no panel meeting's agenda: name the meeting that decided it")
                }
                meeting = listed
            }
            let decisionID = try panel.insertDecision(db, referralID: id, meetingID: meeting.id, decision: decision, reason: why,
                                                      on: today, by: actor)
            try panel.setState(db, referralID: id, decision.stateAfter, on: today)
            try Audit.record(db, actor: actor, action: "decide", entity: "panel_referral", entityID: id,
                             detail: "\(decision.rawValue) at panel meeting \(meeting.id), decision \(decisionID)")
        }
    }

    /// Closes a decided referral once the panel is done with it.
    public func closePanelReferral(_ id: Int64, reason: String?) throws(CaseError) {
        try write(.decidePanel) { db, _ in
            _ = try PanelRules.reason(reason)
            let referral = try requirePanelReferral(db, id)
            guard referral.state == .decided else { throw CaseError(.invalid, "only a decided panel referral can be closed") }
            try panel.setState(db, referralID: id, .closed, on: today)
            try Audit.record(db, actor: actor, action: "close", entity: "panel_referral", entityID: id)
        }
    }

    // MARK: interventions

    /// An intervention on a decided referral, owned by an agency that was at
    /// the meeting where the decision was made. Returns its id.
    @discardableResult
    public func addPanelIntervention(_ referralID: Int64, type: PanelInterventionType, agency: String, start: Day, end: Day?,
                                     reviewDue: Day) throws(CaseError) -> Int64 {
        try write(.decidePanel) { db, _ in
            try PanelRules.checkDates(start: start, end: end, reviewDue: reviewDue)
            let referral = try requirePanelReferral(db, referralID)
            guard referral.state == .decided, let meetingID = try panel.decisionMeeting(db, referralID: referralID) else {
                throw CaseError(.invalid, "the panel has not decided that referral (or it is closed): decide it first")
            }
            try requireKnownAgencies(db, [agency])
            guard try panel.attended(db, meetingID: meetingID, agency: agency) else {
                throw CaseError(.invalid, field: "agency", "was not at the panel meeting that decided the referral; an intervention's owner must be")
            }
            let id = try panel.insertIntervention(db, referralID: referralID, type: type, agency: agency, start: start, end: end,
                                                  reviewDue: reviewDue, by: actor)
            try Audit.record(db, actor: actor, action: "add", entity: "panel_intervention", entityID: id,
                             detail: "\(type.rawValue) owned by \(agency) for panel referral \(referralID)")
            return id
        }
    }

    /// How an intervention went; engaged takes the next review date.
    public func recordPanelOutcome(_ id: Int64, outcome: PanelInterventionOutcome, end: Day?, nextReview: Day?) throws(CaseError) {
        try write(.recordPanelOutcome) { db, _ in
            guard let intervention = try panel.intervention(db, id: id) else { throw CaseError(.notFound, "no intervention with that id") }
            if let end, end < intervention.startOn { throw CaseError(FieldError("end", "must be on or after the intervention's start")) }
            if let nextReview, nextReview < today { throw CaseError(FieldError("review-due", "must not be in the past")) }
            try panel.setOutcome(db, interventionID: id, outcome: outcome, end: end ?? (outcome.isFinal ? today : nil), reviewDue: nextReview)
            try Audit.record(db, actor: actor, action: "outcome", entity: "panel_intervention", entityID: id, detail: outcome.rawValue)
        }
    }

    public func panelInterventions(limit: Int, before cursor: Int64? = nil) throws(CaseError) -> Page<PanelInterventionRecord> {
        try read(.viewPanel) { db, _ in try panel.interventions(db, limit: limit, before: cursor) }
    }

    /// Reviews overdue on running interventions, longest overdue first.
    public func panelChaseList(limit: Int) throws(CaseError) -> [PanelInterventionRecord] {
        try read(.viewPanel) { db, _ in try panel.overdueReviews(db, today: today, limit: limit) }
    }
}

extension Session {
    /// The panel's exact figures for a period (issue 24).
    /// `suppressed`: read for the controlled figures (the steering group's
    /// permission); the front end hides the small counts before they show.
    public func panelFigures(_ period: FiguresPeriod, suppressed: Bool = false) throws(CaseError) -> PanelFigures {
        try read(suppressed ? .viewSuppressedFigures : .viewExactFigures) { db, _ in
            var figures = try PanelFiguresQueries.figures(db, from: period.from, to: period.to, today: today)
            // Serial perpetrators in the period: those named in it, each counted against the rule at its end.
            let rule = try serialRule(db)
            let start = rule.windowStart(today: period.to)
            try PerpetratorVictims.named(db, from: period.from, through: period.to) { id in
                let count = try PerpetratorVictims.count(db, perpetratorID: id, from: start, through: period.to)
                if rule.isSerial(differentVictims: count.differentVictims, perpetratorBorn: count.perpetratorBorn, today: period.to) {
                    figures.serialPerpetrators += 1
                }
            }
            return figures
        }
    }
}
