import Foundation

/// The checklist keeps its version (issue 20, defect 2): an edit that would
/// drop answers given earlier (a Yes, No or Don't know) must say how many
/// and be meant. Answers are dropped when the version changes, when a score
/// alone replaces them, when the checklist is removed, or when a question
/// answered before is left not asked.
extension RiskChecklist {
    /// How many answers given on this checklist `replacement` would clear.
    public func answersCleared(by replacement: RiskChecklist?) -> Int {
        guard let answers else { return 0 }
        let given = answers.indices.filter { answers[$0] != .notAsked }
        guard let replacement, replacement.version == version, let next = replacement.answers else { return given.count }
        return given.filter { next[$0] == .notAsked }.count
    }

    /// The refusal when answers would be cleared without being meant to.
    public static func clearingRefused(_ count: Int) -> FieldError {
        FieldError("ric_answers", "this change would clear \(count) checklist answer\(count == 1 ? "" : "s") given earlier; nothing was saved")
    }
}

/// Every correction says why (issue 20): the reason is kept with each field
/// the correction changes, in the record's history.
public enum CorrectionReason {
    /// The reason as kept: blank is refused.
    public static func checked(_ text: String?) throws(FieldError) -> String {
        let reason = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw FieldError("reason", "give the reason for the change") }
        try FieldLimits.check("reason", reason, maxLength: FieldLimits.text, multiLine: false)
        return reason
    }
}
