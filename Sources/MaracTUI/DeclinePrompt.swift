import MaracCore

/// Declining a referral from the queue or its page: the reason is checked by
/// Core's rule as it is given, and a reason too short for a HIGH-risk case
/// is asked for again with the text as typed (nothing typed is lost). The use
/// case checks it once more when it runs.
enum DeclinePrompt {
    static func ask(_ ref: String, band: RiskBand?) -> Effect {
        .ask(.declineReason(ref: ref, band: band, problem: nil), initial: "")
    }

    static func answer(_ reason: String, ref: String, band: RiskBand?) -> [Effect] {
        if reason.trimmingCharacters(in: .whitespaces).isEmpty {
            return [.ask(.declineReason(ref: ref, band: band, problem: "a reason is needed"), initial: reason)]
        }
        if let band {
            do throws(FieldError) { try SecondLook.checkDeclineReason(reason, band: band) } catch {
                return [.ask(.declineReason(ref: ref, band: band, problem: error.message), initial: reason)]
            }
        }
        return [.request(.decline(ref: ref, reason: reason))]
    }
}
