import MaracCore

/// Referring a case's perpetrator to the perpetrator panel from meeting mode
/// (issue 24): one question, the reason; a blank one is asked again with
/// the text kept. The use case works out the criteria met.
enum PanelReferralPrompt {
    static func ask(_ ref: String) -> Effect { .ask(.panelReason(ref: ref, problem: nil), initial: "") }

    static func answer(_ reason: String, ref: String) -> [Effect] {
        do throws(FieldError) { _ = try PanelRules.reason(reason) } catch {
            return [.ask(.panelReason(ref: ref, problem: "a reason is needed"), initial: reason)]
        }
        return [.request(.referToPanel(ref: ref, reason: reason))]
    }
}
