/// Which risk assessment came with a referral (issue 23). Partners use the
/// SafeLives DASH checklist (scored: `RiskChecklist`); many police forces
/// use the College of Policing's Domestic Abuse Risk Assessment (DARA, since
/// 2022) at first response. DARA's questions are not published, so it is
/// kept as its own instrument: a version, the officer's grade and rationale.
/// It is never scored like DASH and never mapped to a DASH score or band.
public enum RiskInstrument: String, CaseIterable, Sendable, Codable {
    case dash
    case dara

    /// The field table's columns for a DARA assessment (plain referral columns).
    public static let column = "risk_instrument"
    public static let versionColumn = "dara_version"
    public static let gradeColumn = "dara_grade"
    public static let rationaleColumn = "dara_rationale"

    public var words: String { self == .dash ? "DASH" : "DARA" }
}

/// The officer's DARA risk grade.
public enum DaraGrade: String, CaseIterable, Sendable, Codable {
    case standard, medium, high
}

/// A DARA assessment as the referral carries it.
public struct DaraAssessment: Sendable, Equatable {
    public var version: String?
    public var grade: DaraGrade
    public var rationale: String

    public init(version: String?, grade: DaraGrade, rationale: String) {
        self.version = version
        self.grade = grade
        self.rationale = rationale
    }

    /// Reads the instrument from the referral's plain values (already
    /// checked by kind) and the checklist: DARA needs a grade and its
    /// rationale and takes no DASH answers or score; DASH (the default)
    /// takes no DARA fields. Every problem is named by its column.
    public static func check(_ plain: [String: String], checklist: RiskChecklist?) -> (assessment: DaraAssessment?, problems: [FieldError]) {
        let instrument = plain[RiskInstrument.column].flatMap(RiskInstrument.init(rawValue:)) ?? .dash
        var problems: [FieldError] = []
        let daraColumns = [RiskInstrument.versionColumn, RiskInstrument.gradeColumn, RiskInstrument.rationaleColumn]
        guard instrument == .dara else {
            for column in daraColumns where plain[column] != nil {
                problems.append(FieldError(column, "is for a DARA assessment; give \(RiskInstrument.column) dara"))
            }
            return (nil, problems)
        }
        if checklist != nil {
            problems.append(FieldError(checklist?.answers != nil ? "ric_answers" : "ric_score",
                                       "is a DASH checklist; a DARA assessment is never scored (give its grade and rationale)"))
        }
        let grade = plain[RiskInstrument.gradeColumn].flatMap(DaraGrade.init(rawValue:))
        if grade == nil { problems.append(FieldError(RiskInstrument.gradeColumn, "is required with \(RiskInstrument.column) dara: standard, medium or high")) }
        let rationale = plain[RiskInstrument.rationaleColumn]
        if rationale == nil { problems.append(FieldError(RiskInstrument.rationaleColumn, "is required with \(RiskInstrument.column) dara: the officer's rationale for the grade")) }
        guard let grade, let rationale else { return (nil, problems) }
        return (DaraAssessment(version: plain[RiskInstrument.versionColumn], grade: grade, rationale: rationale), problems)
    }
}

/// What a DARA grade of high means for the MARAC's criteria (setting
/// `dara-high`). DARA is not DASH, so by default a DARA-high referral is
/// professional judgement, with the officer's rationale as the reason; a
/// MARAC that has agreed to treat it as visible high risk says so.
public enum DaraHighRule: String, CaseIterable, Sendable {
    case professionalJudgement = "professional-judgement"
    case visibleHighRisk = "visible-high-risk"

    public static let `default` = DaraHighRule.professionalJudgement

    /// The stored setting; nil (never set) is the default.
    public init(stored: String?) {
        self = stored.flatMap(DaraHighRule.init(rawValue:)) ?? .default
    }
}
