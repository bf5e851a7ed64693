import Foundation

/// Screening a referral that has arrived: in for MARAC, or declined with a
/// reason. The rules, once; the use-case layer asks them and words the error.
public enum Screening {
    /// Only a referral just received is screened (in or out): a listed, heard
    /// or closed case is refused, never sent back. Why this one cannot be, or nil.
    public static func refusal(ref: String, status: ReferralStatus) -> String? {
        status.canBeScreened ? nil : "\(ref) is \(status.words); only a referral just received is screened"
    }

    /// What must be on record before a case is screened in: sharing without
    /// consent needs its reason and lawful basis first (ConsentDecision's rule).
    public static func missingBeforeScreeningIn(consent: Consent, reason: SharingReason?, basis: String?) -> [FieldError] {
        ConsentDecision.problemsBeforeSharing(consent: consent, reason: reason, basis: basis)
    }

    /// A decline's reason as kept: trimmed, required, within its field's limits.
    public static func declineReason(_ text: String) throws(FieldError) -> String {
        let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw FieldError("reason", "declining a referral needs a reason") }
        try FieldLimits.check("reason", reason)
        return reason
    }

    /// A second look: a HIGH-risk case is not declined with a word (SecondLook).
    public static func checkDeclineReason(_ reason: String, band: RiskBand) throws(FieldError) {
        try SecondLook.checkDeclineReason(reason, band: band)
    }
}

extension ReferralInput {
    /// The status a referral is written with: received, or heard when the file
    /// says it has been heard already.
    public var initialStatus: ReferralStatus { heardOn == nil ? .received : .heard }
}
