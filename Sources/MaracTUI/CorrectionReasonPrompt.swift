import MaracCore

/// Every correction says why (issue 20): saving an edit asks "Reason for the
/// change:" on the message line. A blank reason is asked for again with the
/// problem beside it; a save the use case refuses asks again with the reason
/// as typed (App.perform), so nothing typed is lost either way, and the form
/// stays open under the question with everything on it.
public enum CorrectionReasonPrompt {
    /// The edit waiting for its reason.
    public struct Edit: Equatable, Sendable {
        public var columns: [String: String]
        public var openedAtVersion: Int
        /// The person agreed to clear checklist answers given earlier.
        public var replaceAnswers: Bool
    }

    static func ask(_ edit: Edit, problem: String? = nil, initial: String = "") -> Effect {
        .ask(.editReason(edit, problem: problem), initial: initial)
    }

    static func answer(_ text: String, _ edit: Edit) -> [Effect] {
        do throws(FieldError) {
            let reason = try CorrectionReason.checked(text)
            return [.request(.editReferral(edit.columns, openedAtVersion: edit.openedAtVersion, reason: reason,
                                           replaceAnswers: edit.replaceAnswers)), .pop]
        } catch {
            return [ask(edit, problem: error.message, initial: text)]
        }
    }

    /// A save the use case refused: the question again, the reason as typed, the refusal beside it.
    static func askAgain(after request: Request, problem: String) -> PromptState? {
        guard case .editReferral(let columns, let version, let reason, let replaceAnswers) = request else { return nil }
        let edit = Edit(columns: columns, openedAtVersion: version, replaceAnswers: replaceAnswers)
        return PromptState(editor: LineEditor(reason), initial: reason, kind: .text(.editReason(edit, problem: problem)))
    }
}
