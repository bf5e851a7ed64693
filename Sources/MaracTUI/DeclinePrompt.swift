import MaracCore
import MaracCases

/// Declining a referral from the queue or its page: the reason is checked by
/// Core's rule as it is given, and a reason too short for a HIGH-risk case
/// is asked for again with the text as typed (nothing typed is lost). The use
/// case checks it once more when it runs.
enum DeclinePrompt {
    static func ask(_ ref: String, band: RiskBand?, _ typed: String = "", problem: String? = nil) -> Effect {
        .prompt(problem.map { "Why is \(ref) declined? — \($0):" } ?? "Why is \(ref) declined?", initial: typed) { reason in
            if reason.trimmingCharacters(in: .whitespaces).isEmpty {
                return [ask(ref, band: band, reason, problem: "a reason is needed")]
            }
            if let band {
                do throws(FieldError) { try SecondLook.checkDeclineReason(reason, band: band) } catch {
                    return [ask(ref, band: band, reason, problem: error.message)]
                }
            }
            return [.run("\(ref) declined") { session in try session.decline(ref, reason: reason) }]
        }
    }
}
