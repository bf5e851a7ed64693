import Foundation

/// The four MARAC referral criteria; any one is enough.
public enum ReferralCriterion: String, CaseIterable, Sendable, Codable {
    case visibleHighRisk = "visible_high_risk"
    case professionalJudgement = "professional_judgement"
    case escalation
    case `repeat`

    /// 3 or more domestic abuse incidents or police reports in 12 months.
    public static let escalationIncidents = 3

    public static func parseList(_ text: String) throws(FieldError) -> Set<ReferralCriterion> {
        var result = Set<ReferralCriterion>()
        for part in text.split(separator: ";", omittingEmptySubsequences: true) {
            let code = String(part).trimmed(.whitespaces).lowercased()
            if code.isEmpty { continue }
            guard let criterion = ReferralCriterion(rawValue: code) else {
                throw FieldError("criteria", "\(FieldLimits.quoted(String(part)))is not a criterion; use \(allCases.map(\.rawValue).joined(separator: " "))")
            }
            result.insert(criterion)
        }
        return result
    }

    /// Stable order for storage and printing.
    public static func ordered(_ set: Set<ReferralCriterion>) -> [ReferralCriterion] {
        allCases.filter(set.contains)
    }

    /// The criterion in words, for screens (codes stay in CSV and JSON).
    public var words: String {
        switch self {
        case .visibleHighRisk: "visible high risk"
        case .professionalJudgement: "professional judgement"
        case .escalation: "escalation"
        case .repeat: "repeat"
        }
    }

    public var shortFlag: String {
        switch self {
        case .visibleHighRisk: "V"
        case .professionalJudgement: "J"
        case .escalation: "E"
        case .repeat: "R"
        }
    }
}

/// Works out the criteria a referral meets from what the referrer said and what
/// the facts show. The rules live here once:
/// - visible high risk needs a score of 14 or more, and a score of 14+ always carries it;
/// - professional judgement needs a written reason, and may raise concern but
///   never lowers a score or a band (the band comes from the score alone);
/// - escalation needs 3+ incidents in 12 months, and 3+ incidents always carries it;
/// - repeat is decided by the system (RepeatRule), whatever the referrer claimed;
/// - a DARA grade of high carries professional judgement (the rationale is its
///   reason), or visible high risk where the `dara-high` setting says so; a
///   DARA grade is never a score.
public struct CriteriaAssessment: Sendable {
    public static func assess(
        claimed: Set<ReferralCriterion>,
        checklist: RiskChecklist?,
        judgementReason: String?,
        policeIncidents12m: Int?,
        isRepeat: Bool,
        dara: DaraAssessment? = nil,
        daraHigh: DaraHighRule = .default
    ) throws(ValidationFailure) -> Set<ReferralCriterion> {
        var problems = ProblemList()
        var result = claimed
        let score = checklist?.score
        // DARA high (issue 23): visible high risk only when the MARAC's setting
        // says so; otherwise professional judgement, its reason the officer's rationale.
        let daraHighIsVisible = dara?.grade == .high && daraHigh == .visibleHighRisk
        if dara?.grade == .high { result.insert(daraHighIsVisible ? .visibleHighRisk : .professionalJudgement) }
        if claimed.contains(.visibleHighRisk), !daraHighIsVisible, (score ?? 0) < RiskBand.highThreshold {
            problems.add("criteria", "visible_high_risk needs a checklist score of \(RiskBand.highThreshold) or more\(score == nil ? " (no score given)" : "")")
        }
        if let score, score >= RiskBand.highThreshold { result.insert(.visibleHighRisk) }
        let reason = judgementReason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if claimed.contains(.professionalJudgement), reason.isEmpty, dara == nil {
            problems.add("professional_judgement_reason", "professional judgement needs a written reason")
        }
        if !reason.isEmpty, !claimed.contains(.professionalJudgement) {
            problems.add("professional_judgement_reason", "given, but criteria does not include professional_judgement")
        }
        if claimed.contains(.escalation), (policeIncidents12m ?? 0) < ReferralCriterion.escalationIncidents {
            problems.add("criteria", "escalation needs \(ReferralCriterion.escalationIncidents) or more incidents in 12 months in police_incidents_12m\(policeIncidents12m == nil ? " (not given)" : "")")
        }
        if let incidents = policeIncidents12m, incidents >= ReferralCriterion.escalationIncidents { result.insert(.escalation) }
        if isRepeat { result.insert(.repeat) } else { result.remove(.repeat) }
        try problems.throwIfAny()
        return result
    }
}
