import MaracCore

/// Reassigning an action from the actions screen: the new owner, then the
/// agency (empty keeps it), then the reason; a wrong answer is asked again
/// with the text as typed.
enum ReassignPrompt {
    static func answerOwner(_ text: String, action id: Int64) -> [Effect] {
        do throws(FieldError) { _ = try ActionRules.requireText(text, field: "owner") } catch {
            return [.ask(.newOwner(action: id, problem: error.message), initial: text)]
        }
        return [.ask(.newAgency(action: id, owner: text, problem: nil), initial: "")]
    }

    static func answerAgency(_ text: String, action id: Int64, owner: String) -> [Effect] {
        let typed = text.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { return [CorrectionPrompt.ask(.reassign(action: id, owner: owner, agency: nil))] }
        do {
            let code = try AgencyCode(validating: typed)
            return [CorrectionPrompt.ask(.reassign(action: id, owner: owner, agency: code.rawValue))]
        } catch {
            return [.ask(.newAgency(action: id, owner: owner, problem: "not an agency code, e.g. police, idva, housing"), initial: text)]
        }
    }
}
