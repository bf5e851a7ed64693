import Foundation

/// The victim's consent to share information at the MARAC. A high-risk case
/// may be shared without it (not given, or not sought because asking would
/// raise the risk), but then the reason and the lawful basis are recorded
/// (`ConsentDecision`). `unknown` is "not recorded": referrals that predate
/// the question, and files that leave the column out.
public enum Consent: String, CaseIterable, Sendable, Codable {
    case given
    case notGiven = "not_given"
    case notSought = "not_sought"
    case unknown

    /// The code earlier versions wrote for "not sought" ("consent not
    /// required"); still accepted in files and flags, stored as `not_sought`.
    public static let legacyNotSought = "not_required"

    /// Shared without the victim's consent: a reason and a lawful basis are needed.
    public var sharesWithoutConsent: Bool { self == .notGiven || self == .notSought }

    /// Consent in words, for screens (codes stay in CSV and JSON).
    public var words: String {
        switch self {
        case .given: "given"
        case .notGiven: "not given"
        case .notSought: "not sought"
        case .unknown: "not recorded"
        }
    }
}

/// A person as the referral describes them.
public struct PersonInput: Sendable, Equatable {
    public var name: String
    public var dob: Day?
    public var gender: Gender = .unknown
    public var ethnicity: Ethnicity = .unknown
    public var disability: TriState = .unknown
    public var lgbt: TriState = .unknown
    public var postcode: Postcode?
    /// Other names the person is known by; matched by search.
    public var aliases: [String] = []

    public init(name: String, dob: Day? = nil) {
        self.name = name
        self.dob = dob
    }

    public var identity: IdentityKey { IdentityKey(name: name, dob: dob) }
}

/// A child in the household: who they are and who they live with.
public struct ChildInput: Sendable, Equatable {
    public var name: String
    public var dob: Day?
    public var livesWith: String?

    public init(name: String, dob: Day? = nil, livesWith: String? = nil) {
        self.name = name
        self.dob = dob
        self.livesWith = livesWith
    }

    /// `Name|YYYY-MM-DD|lives with; Name|...`: date and carer optional.
    public static func parseList(_ text: String, today: Day) throws(FieldError) -> [ChildInput] {
        var children: [ChildInput] = []
        for (index, entry) in text.split(separator: ";").enumerated() {
            let parts = entry.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = parts.first, !name.isEmpty, parts.count <= 3 else {
                throw FieldError("children", "child \(index + 1): write name|date of birth|lives with, entries separated by ;")
            }
            var child = ChildInput(name: name)
            if parts.count > 1, !parts[1].isEmpty {
                guard let dob = Day(parts[1]), dob <= today else {
                    throw FieldError("children", "child \(index + 1): the date of birth is not a real past date (YYYY-MM-DD)")
                }
                child.dob = dob
            }
            if parts.count > 2, !parts[2].isEmpty { child.livesWith = parts[2] }
            children.append(child)
        }
        return children
    }

    public static func format(_ children: [ChildInput]) -> String {
        children.map { [$0.name, $0.dob?.description ?? "", $0.livesWith ?? ""].joined(separator: "|") }.joined(separator: "; ")
    }
}

/// A referral as it arrives (from the import file, the `referral add` flags or
/// the form), checked field by field. The column names of the import contract
/// are the field names, so CSV rows, flags and form fields share one validator.
public struct ReferralInput: Sendable, Equatable {
    public var ref: String
    public var referredOn: Day
    public var referringAgency: ReferralRoute
    public var secondAgency: ReferralRoute?
    public var referrer: String?
    public var victim: PersonInput
    public var perpetrator: PersonInput?
    public var relationship: String?
    public var childrenInHousehold: Int
    public var children: [ChildInput] = []
    public var checklist: RiskChecklist?
    public var claimedCriteria: Set<ReferralCriterion>
    public var judgementReason: String?
    public var policeIncidents12m: Int?
    public var consent: Consent
    public var consentNote: String?
    /// Why the case is shared without consent (only when it is).
    public var sharingReason: SharingReason?
    /// The code of the lawful basis for sharing without consent (a code of
    /// the MARAC's list, checked against it when stored).
    public var lawfulBasis: String?
    /// Who recorded the consent decision and when, as a file carries them
    /// (an export's columns). nil: the acting login, now. People never type
    /// these: they are not on the form or among `referral add`'s options.
    public var consentDecidedBy: String?
    public var consentDecidedAt: String?
    public var heardOn: Day?
    /// The record's version the row was exported at (the `version` column);
    /// `import --update` refuses the row if the stored record has moved on.
    public var expectedVersion: Int?

    public var band: RiskBand { RiskBand(checklist: checklist) }

    /// Fields stored as plain referral columns (see `ReferralField.plain`), by column.
    public var plain: [String: String] = [:]

    /// The DARA assessment, when the referral came with one instead of DASH.
    public var dara: DaraAssessment?

    /// Every column the import format knows, in export order: the field table's.
    public static let columns: [String] = ReferralField.all.map(\.column)
    public static let requiredColumns: [String] = ReferralField.all.filter(\.required).map(\.column)

    public static let maxTextLength = FieldLimits.text
    public static let maxNameLength = FieldLimits.name

    /// Validates one record. `fields` maps column names to raw text; missing or
    /// blank means "not given". Every problem is reported, not just the first.
    public static func validate(_ fields: [String: String], today: Day) throws(ValidationFailure) -> ReferralInput {
        var problems = ProblemList()
        // Control characters and lengths first, for every column given: a value
        // that breaks a limit is reported, never cut short or dropped.
        var unusable = Set<String>()
        for column in columns {
            guard let raw = fields[column] else { continue }
            if problems.check({ () throws(FieldError) in try FieldLimits.check(column, raw) }) == nil { unusable.insert(column) }
        }
        let limitProblems = problems.problems.count
        func value(_ column: String) -> String? {
            guard let raw = fields[column], !unusable.contains(column) else { return nil }
            let trimmed = raw.trimmed()
            return trimmed.isEmpty ? nil : trimmed
        }
        func required(_ column: String) -> String? {
            guard let text = value(column) else {
                if !unusable.contains(column) { problems.add(column, "is required") }
                return nil
            }
            return text
        }
        func day(_ column: String, notAfter limit: Day?) -> Day? {
            guard let text = value(column) else { return nil }
            return problems.check { () throws(FieldError) -> Day in try parseDay(text, field: column, notAfter: limit) }
        }
        func count(_ column: String) -> Int? {
            guard let text = value(column) else { return nil }
            return problems.check { () throws(FieldError) -> Int in try parseCount(text, field: column) }
        }
        func text(_ column: String, limit: Int = maxTextLength) -> String? {
            guard let text = value(column) else { return nil }
            if text.count > limit { problems.add(column, "is longer than \(limit) characters"); return nil }
            return text
        }
        func vocabulary<T: RawRepresentable & CaseIterable>(_ column: String, _ type: T.Type, default fallback: T) -> T where T.RawValue == String {
            guard let text = value(column) else { return fallback }
            return problems.check { () throws(FieldError) -> T in try Vocabulary.parse(text, as: type, field: column) } ?? fallback
        }

        let ref = required("referral_ref").flatMap { text -> String? in
            problems.check { () throws(FieldError) -> String in try validateRef(text) }
        }
        let referredOn = required("referred_on").flatMap { _ in day("referred_on", notAfter: today) }
        let agency = required("referring_agency").flatMap { text in
            problems.check { () throws(FieldError) -> ReferralRoute in try ReferralRoute.parse(text, field: "referring_agency") }
        }
        let second = value("second_agency").flatMap { text in
            problems.check { () throws(FieldError) -> ReferralRoute in try ReferralRoute.parse(text, field: "second_agency") }
        }
        if let agency, let second, agency == second {
            problems.add("second_agency", "is the same as referring_agency; a joint referral needs two agencies")
        }

        var victim = PersonInput(name: "")
        if let name = required("victim_name") {
            if name.count > maxNameLength { problems.add("victim_name", "is longer than \(maxNameLength) characters") }
            victim.name = name
        }
        victim.dob = day("victim_dob", notAfter: today)
        if let aliases = text("victim_aliases") {
            victim.aliases = aliases.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if victim.aliases.contains(where: { $0.count > maxNameLength }) {
                problems.add("victim_aliases", "an alias is longer than \(maxNameLength) characters")
            }
        }
        if let dob = victim.dob, let referredOn, dob > referredOn {
            problems.add("victim_dob", "is after referred_on")
        } else if let dob = victim.dob, let referredOn, let problem = SecondLook.victimAge(born: dob, referredOn: referredOn) {
            problems.add("victim_dob", problem)
        }
        victim.gender = vocabulary("victim_gender", Gender.self, default: .unknown)
        victim.ethnicity = vocabulary("victim_ethnicity", Ethnicity.self, default: .unknown)
        victim.disability = vocabulary("victim_disability", TriState.self, default: .unknown)
        victim.lgbt = vocabulary("victim_lgbt", TriState.self, default: .unknown)
        victim.postcode = value("victim_postcode").flatMap { text in
            problems.check { () throws(FieldError) -> Postcode in try Postcode(validating: text, field: "victim_postcode") }
        }

        var perpetrator: PersonInput?
        let perpetratorName = text("perpetrator_name", limit: maxNameLength)
        let perpetratorDob = day("perpetrator_dob", notAfter: today)
        let perpetratorGender = vocabulary("perpetrator_gender", Gender.self, default: .unknown)
        if let perpetratorName {
            var person = PersonInput(name: perpetratorName, dob: perpetratorDob)
            person.gender = perpetratorGender
            perpetrator = person
        } else if perpetratorDob != nil || value("perpetrator_gender") != nil {
            problems.add("perpetrator_name", "is required when other perpetrator details are given")
        }

        let childList = value("children").flatMap { text in
            problems.check { () throws(FieldError) -> [ChildInput] in try ChildInput.parseList(text, today: today) }
        } ?? []
        let stated = count("children_in_household")
        if let stated, stated < childList.count {
            problems.add("children_in_household", "does not match the \(childList.count) children listed")
        }
        let children = max(stated ?? 0, childList.count)
        let version = vocabulary("ric_version", ChecklistVersion.self, default: .safeLives24)
        var checklist: RiskChecklist?
        let answers = value("ric_answers")
        let score = count("ric_score")
        if let answers {
            checklist = problems.check { () throws(FieldError) -> RiskChecklist in try RiskChecklist.parse(answers: answers, version: version) }
            if let checklist, let score, score != checklist.score {
                problems.add("ric_score", "does not match ric_answers, which has \(checklist.score) Yes")
            }
        } else if let score {
            checklist = problems.check { () throws(FieldError) -> RiskChecklist in try RiskChecklist.scoreOnly(score, version: version) }
        }

        let claimed = value("criteria").flatMap { text in
            problems.check { () throws(FieldError) -> Set<ReferralCriterion> in try ReferralCriterion.parseList(text) }
        } ?? []
        let reason = text("professional_judgement_reason")
        let incidents = count("police_incidents_12m")
        var plainValues: [String: String] = [:]
        for field in ReferralField.plain {
            guard let text = value(field.column) else { continue }
            if let checked = problems.check({ () throws(FieldError) -> String in try field.checkPlain(text, today: today) }) {
                plainValues[field.column] = checked
            }
        }
        let dara = DaraAssessment.check(plainValues, checklist: checklist)
        for problem in dara.problems { problems.add(problem) }
        do {
            // Repeat is the system's call; it is worked out again when stored,
            // with the MARAC's `dara-high` setting (either reading may pass here).
            _ = try CriteriaAssessment.assess(claimed: claimed, checklist: checklist, judgementReason: reason,
                                              policeIncidents12m: incidents, isRepeat: false,
                                              dara: dara.assessment, daraHigh: .visibleHighRisk)
        } catch {
            for problem in error.problems { problems.add(problem) }
        }

        let referrer = text("referrer")
        let relationship = text("relationship")
        let expectedVersion = count("version")

        let heardOn = day("heard_on", notAfter: today)
        if let heardOn, let referredOn, heardOn < referredOn {
            problems.add("heard_on", "is before referred_on")
        }
        let consent: Consent
        if value("consent")?.lowercased() == Consent.legacyNotSought {
            consent = .notSought
        } else {
            consent = vocabulary("consent", Consent.self, default: .unknown)
        }
        let consentNote = text("consent_note")
        let sharingReason = value("sharing_reason").flatMap { text in
            problems.check { () throws(FieldError) -> SharingReason in try Vocabulary.parse(text, as: SharingReason.self, field: "sharing_reason") }
        }
        let lawfulBasis = value("lawful_basis").flatMap { text in
            problems.check { () throws(FieldError) -> String in try LawfulBasis.checkCode(text, field: "lawful_basis") }
        }
        let decidedBy = value("consent_decided_by").flatMap { text in
            problems.check { () throws(FieldError) -> String in
                do { return try MaracUser.checkLogin(text) } catch { throw FieldError("consent_decided_by", "is not a login") }
            }
        }
        let decidedAt = value("consent_decided_at").flatMap { text in
            problems.check { () throws(FieldError) -> String in try ConsentDecision.checkTimestamp(text, field: "consent_decided_at") }
        }
        if (value("consent_decided_by") == nil) != (value("consent_decided_at") == nil) {
            problems.add(value("consent_decided_by") == nil ? "consent_decided_by" : "consent_decided_at",
                         "is required with \(value("consent_decided_by") == nil ? "consent_decided_at" : "consent_decided_by")")
        }
        if consent == .unknown, value("consent_decided_by") != nil || value("consent_decided_at") != nil {
            problems.add("consent_decided_by", "is recorded only with a consent decision (consent given, not_given or not_sought)")
        }
        // Missing reason or basis is allowed here (a referral is logged as it
        // arrives); screening in refuses it (ConsentDecision.problemsBeforeSharing).
        for problem in ConsentDecision.problemsWhenRecorded(consent: consent, reason: sharingReason, basis: lawfulBasis, note: consentNote,
                                                            reasonGiven: value("sharing_reason") != nil, basisGiven: value("lawful_basis") != nil) {
            problems.add(problem)
        }

        if !unusable.isEmpty {
            // A rejected value is not also "missing": one line per problem.
            var kept = ProblemList()
            for (index, problem) in problems.problems.enumerated() where index < limitProblems || !unusable.contains(problem.field) {
                kept.add(problem)
            }
            problems = kept
        }
        try problems.throwIfAny()
        var input = ReferralInput(
            ref: ref!, referredOn: referredOn!, referringAgency: agency!, secondAgency: second,
            referrer: referrer, victim: victim, perpetrator: perpetrator, relationship: relationship,
            childrenInHousehold: children, checklist: checklist, claimedCriteria: claimed,
            judgementReason: reason, policeIncidents12m: incidents, consent: consent, consentNote: consentNote,
            sharingReason: sharingReason, lawfulBasis: lawfulBasis, consentDecidedBy: decidedBy, consentDecidedAt: decidedAt, heardOn: heardOn
        )
        input.expectedVersion = expectedVersion
        input.children = childList
        input.plain = plainValues
        input.dara = dara.assessment
        return input
    }

    /// References like `BR-2016-0042`: letters, digits and - / _ . only, so they
    /// are safe in file names, shells and CSV.
    public static func validateRef(_ text: String) throws(FieldError) -> String {
        guard (1...40).contains(text.count),
              text.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-/_.".unicodeScalars.contains($0)) }) else {
            throw FieldError("referral_ref", "is not a reference (1–40 letters, digits, - / _ .)")
        }
        return text
    }

    public static func parseDay(_ text: String, field: String, notAfter limit: Day? = nil) throws(FieldError) -> Day {
        guard let day = Day(text) else { throw FieldError(field, "is not a real date in the form YYYY-MM-DD") }
        // Far-off years are typing slips, and date sums near Day's limits would trap.
        guard ArgumentBounds.years.contains(day.year) else {
            throw FieldError(field, "must be between \(ArgumentBounds.years.lowerBound)-01-01 and \(ArgumentBounds.years.upperBound)-12-31")
        }
        if let limit, day > limit { throw FieldError(field, "is in the future") }
        return day
    }

    public static func parseCount(_ text: String, field: String) throws(FieldError) -> Int {
        guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text) else {
            throw FieldError(field, "must be a whole number 0 or more")
        }
        return number
    }
}
