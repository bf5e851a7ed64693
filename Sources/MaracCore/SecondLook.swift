/// Issue 10, defect 11: entries that look like slips and must not pass
/// without a second look. Rules here, applied by the use cases, so the
/// command line, an import and the terminal UI refuse the same things.
///
/// Decisions (docs/walkthrough.md): a victim's date of birth before 1900 is
/// refused by every date field's range; a victim under 16 on the referral
/// date is refused (MARAC hears victims aged 16 and over: a child goes under
/// children, with a referral to children's services) — a validation error,
/// not a question, so an import and the form behave the same. A HIGH-risk
/// case is declined only with a reason of at least three words.
public enum SecondLook {
    /// MARAC hears victims of this age and over.
    public static let minimumVictimAge = 16
    /// Words a HIGH-risk case's decline reason needs at least.
    public static let highRiskDeclineWords = 3

    /// Why a victim's date of birth cannot be right, or nil.
    public static func victimAge(born dob: Day, referredOn: Day) -> String? {
        guard dob.adding(months: minimumVictimAge * 12) > referredOn else { return nil }
        return "makes the victim under \(minimumVictimAge) on the referral date: MARAC hears victims aged \(minimumVictimAge) and over (record a child under children and refer to children's services)"
    }

    /// Refuses a reason too short to explain declining a case at this band.
    public static func checkDeclineReason(_ reason: String, band: RiskBand) throws(FieldError) {
        guard band == .high else { return }
        let words = reason.split(whereSeparator: { $0.isWhitespace || $0.isPunctuation }).count
        guard words >= highRiskDeclineWords else {
            throw FieldError("reason", "declining a HIGH-risk case needs a fuller reason (at least \(highRiskDeclineWords) words): why it does not meet the threshold")
        }
    }
}
