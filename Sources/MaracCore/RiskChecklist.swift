/// One answer on the risk identification checklist (Dash RIC).
/// Only `yes` counts towards the score; "don't know" and "not asked" never do,
/// and "not asked" is kept apart from "don't know" because it tells the
/// coordinator the question still needs asking.
public enum ChecklistAnswer: Character, CaseIterable, Sendable, Codable {
    case yes = "Y"
    case no = "N"
    case dontKnow = "D"
    case notAsked = "-"

    public var words: String {
        switch self {
        case .yes: "Yes"
        case .no: "No"
        case .dontKnow: "Don't know"
        case .notAsked: "Not asked"
        }
    }
}

/// Which form the score came from. Police referrals often arrive with the
/// 27-question ACPO DASH (2009) score only.
public enum ChecklistVersion: String, CaseIterable, Sendable, Codable {
    case safeLives24 = "safelives-24"
    case police27 = "police-27"

    public var questions: [String] {
        switch self {
        case .safeLives24: ChecklistQuestions.safeLives24
        case .police27: ChecklistQuestions.police27
        }
    }

    public var questionCount: Int { questions.count }
}

/// A completed (or partly completed) checklist: the answers when we have them,
/// otherwise only the score an agency sent us.
public struct RiskChecklist: Equatable, Sendable {
    public let version: ChecklistVersion
    public let answers: [ChecklistAnswer]?
    public let score: Int

    public var band: RiskBand { RiskBand(score: score) }

    /// From the answer letters, e.g. `YYND-...`; the score is the count of Yes.
    public static func parse(answers text: String, version: ChecklistVersion) throws(FieldError) -> RiskChecklist {
        var answers: [ChecklistAnswer] = []
        // y, n and d are the same answers as Y, N and D (typed at a prompt, issue 10).
        for (index, character) in text.enumerated() {
            guard let answer = ChecklistAnswer(rawValue: Character(character.uppercased())) else {
                throw FieldError("ric_answers", "letter \(index + 1) is not an answer: use Y, N, D or -")
            }
            answers.append(answer)
        }
        guard answers.count == version.questionCount else {
            throw FieldError("ric_answers", "has \(answers.count) answers; \(version.rawValue) has \(version.questionCount) questions")
        }
        return RiskChecklist(version: version, answers: answers)
    }

    public init(version: ChecklistVersion, answers: [ChecklistAnswer]) {
        self.version = version
        self.answers = answers
        self.score = answers.filter { $0 == .yes }.count
    }

    /// A score with no answers, as police referrals often arrive.
    public static func scoreOnly(_ score: Int, version: ChecklistVersion) throws(FieldError) -> RiskChecklist {
        guard (0...version.questionCount).contains(score) else {
            throw FieldError("ric_score", "is outside 0..\(version.questionCount) for \(version.rawValue)")
        }
        return RiskChecklist(version: version, score: score)
    }

    private init(version: ChecklistVersion, score: Int) {
        self.version = version
        self.answers = nil
        self.score = score
    }

    public var answerLetters: String? { answers.map { String($0.map(\.rawValue)) } }
}

/// The bands Bromley reports in (seed 002): high 14+, medium 10–13, standard 0–9,
/// and "not completed" when no checklist came with the referral.
public enum RiskBand: String, CaseIterable, Sendable, Codable, Comparable {
    case high
    case medium
    case standard
    case notCompleted = "not_completed"

    public static let highThreshold = 14
    public static let mediumThreshold = 10

    public init(score: Int) {
        if score >= RiskBand.highThreshold { self = .high }
        else if score >= RiskBand.mediumThreshold { self = .medium }
        else { self = .standard }
    }

    public init(checklist: RiskChecklist?) {
        self = checklist.map(\.band) ?? .notCompleted
    }

    /// Triage order: high first, checklist-not-completed last among scored.
    public var urgency: Int {
        switch self {
        case .high: 0
        case .medium: 1
        case .standard: 2
        case .notCompleted: 3
        }
    }

    public var words: String {
        switch self {
        case .high: "high"
        case .medium: "medium"
        case .standard: "standard"
        case .notCompleted: "not completed"
        }
    }

    public static func < (lhs: RiskBand, rhs: RiskBand) -> Bool { lhs.urgency > rhs.urgency }
}
