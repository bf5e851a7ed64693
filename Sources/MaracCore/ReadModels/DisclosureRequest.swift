/// One Clare's Law request as the front ends read it (issue 23). The names
/// are the person records' (identifying: shown escaped, in packs only).
public struct DisclosureRequest: Sendable, Equatable {
    public var id: Int64
    public var route: DisclosureRoute
    public var requestedOn: Day
    public var askedBy: DisclosureAsker
    public var personAtRiskID: Int64
    public var personAtRiskName: String
    public var subjectID: Int64
    public var subjectName: String
    /// The police login that owns the request.
    public var owner: String
    public var contactedOn: Day?
    public var checksNote: String?
    public var metOn: Day?
    public var assessedOn: Day?
    public var riskLevel: DaraGrade?
    public var decidedOn: Day?
    public var decision: DisclosureDecision?
    public var decisionRationale: String?
    public var disclosedOn: Day?
    public var disclosedHow: String?
    public var disclosedTo: String?
    public var safetyPlan: String?
    public var outcomeOn: Day?
    public var outcome: String?
    public var clockStoppedOn: Day?
    /// The MARAC referral made from it (a high-risk request), by reference.
    public var referralRef: String?

    public init(id: Int64, route: DisclosureRoute, requestedOn: Day, askedBy: DisclosureAsker, personAtRiskID: Int64,
                personAtRiskName: String, subjectID: Int64, subjectName: String, owner: String) {
        self.id = id
        self.route = route
        self.requestedOn = requestedOn
        self.askedBy = askedBy
        self.personAtRiskID = personAtRiskID
        self.personAtRiskName = personAtRiskName
        self.subjectID = subjectID
        self.subjectName = subjectName
        self.owner = owner
    }

    public var progress: DisclosureProgress {
        var done: [DisclosureStep: Day] = [:]
        done[.contact] = contactedOn
        done[.faceToFace] = metOn
        done[.assessment] = assessedOn
        done[.decision] = decidedOn
        done[.disclosure] = disclosedOn
        done[.outcome] = outcomeOn
        return DisclosureProgress(requestedOn: requestedOn, done: done, decision: decision)
    }
}

/// What a step records, besides its date; checked by `DisclosureStepInput.check`.
public struct DisclosureStepInput: Sendable, Equatable {
    public var step: DisclosureStep
    public var on: Day
    /// contact: the checks made; outcome: how it ended.
    public var note: String?
    /// assessment: the risk level.
    public var riskLevel: DaraGrade?
    /// decision.
    public var decision: DisclosureDecision?
    public var rationale: String?
    /// disclosure.
    public var how: String?
    public var to: String?
    public var safetyPlan: String?

    public init(step: DisclosureStep, on: Day) {
        self.step = step
        self.on = on
    }

    /// Each step's own details: what it needs, and nothing of another step's.
    public func check() throws(ValidationFailure) {
        var problems = ProblemList()
        func needs(_ value: Any?, _ field: String, _ what: String) {
            if value == nil { problems.add(field, "is required for \(step.rawValue): \(what)") }
        }
        func notFor(_ value: Any?, _ field: String) {
            if value != nil { problems.add(field, "is not part of \(step.rawValue)") }
        }
        switch step {
        case .contact, .faceToFace:
            if step == .faceToFace { notFor(note, "note") }
            notFor(riskLevel, "risk"); notFor(decision, "decision"); notFor(rationale, "rationale")
            notFor(how, "how"); notFor(to, "to"); notFor(safetyPlan, "safety-plan")
        case .assessment:
            needs(riskLevel, "risk", "standard, medium or high")
            notFor(note, "note"); notFor(decision, "decision"); notFor(rationale, "rationale")
            notFor(how, "how"); notFor(to, "to"); notFor(safetyPlan, "safety-plan")
        case .decision:
            needs(decision, "decision", "disclose or not_disclose")
            needs(rationale, "rationale", "why the forum decided so (lawful, necessary, proportionate)")
            notFor(note, "note"); notFor(riskLevel, "risk"); notFor(how, "how"); notFor(to, "to"); notFor(safetyPlan, "safety-plan")
        case .disclosure:
            needs(how, "how", "how it was disclosed, e.g. in person")
            needs(to, "to", "to whom it was disclosed")
            needs(safetyPlan, "safety-plan", "the safety plan agreed")
            notFor(note, "note"); notFor(riskLevel, "risk"); notFor(decision, "decision"); notFor(rationale, "rationale")
        case .outcome:
            needs(note, "note", "how the request ended")
            notFor(riskLevel, "risk"); notFor(decision, "decision"); notFor(rationale, "rationale")
            notFor(how, "how"); notFor(to, "to"); notFor(safetyPlan, "safety-plan")
        }
        try problems.throwIfAny()
    }
}

extension DisclosureStepInput {
    /// A step as typed (`dvds step ID STEP --on DATE ...`): the step, its
    /// date and details by field name (on, note, risk, decision, rationale,
    /// how, to, safety-plan), each checked, then the step's own rules.
    public static func parse(step text: String, _ fields: [String: String], today: Day) throws(ValidationFailure) -> DisclosureStepInput {
        var problems = ProblemList()
        func value(_ field: String) -> String? {
            guard let raw = fields[field]?.trimmed(), !raw.isEmpty else { return nil }
            if problems.check({ () throws(FieldError) in try FieldLimits.check(field, raw) }) == nil { return nil }
            return raw
        }
        let step = problems.check { () throws(FieldError) -> DisclosureStep in try Vocabulary.parse(text, as: DisclosureStep.self, field: "step") }
        let on: Day? = if let text = value("on") {
            problems.check { () throws(FieldError) -> Day in try ReferralInput.parseDay(text, field: "on", notAfter: today) }
        } else { today }
        let risk = value("risk").flatMap { text in problems.check { () throws(FieldError) -> DaraGrade in try Vocabulary.parse(text, as: DaraGrade.self, field: "risk") } }
        let decision = value("decision").flatMap { text in
            problems.check { () throws(FieldError) -> DisclosureDecision in try Vocabulary.parse(text, as: DisclosureDecision.self, field: "decision") }
        }
        try problems.throwIfAny()
        var input = DisclosureStepInput(step: step!, on: on!)
        input.note = value("note")
        input.riskLevel = risk
        input.decision = decision
        input.rationale = value("rationale")
        input.how = value("how")
        input.to = value("to")
        input.safetyPlan = value("safety-plan")
        try input.check()
        return input
    }
}
