/// How long a MARAC keeps a case, and when a case is due for purge.
///
/// The unit is the victim's case: every referral of one victim, with its
/// meetings and actions. Repeats are counted along that chain, so one
/// referral is never purged while the victim's later referrals keep their
/// identity (it would be in them anyway). A case is due when
/// `retention-months` have passed since its latest activity: a referral, a
/// hearing or a meeting that listed it, an action's due or closing date. A
/// case with an action still open is work in progress and never due.
public enum Retention {
    /// The setting; there is no default: a MARAC must choose its own period.
    public static let settingKey = "retention-months"
    /// The marker that replaces purged free text where a column may not be
    /// empty (names) or where "there was something here" is worth keeping.
    public static let purgedMarker = "[purged]"

    /// The last day whose activity is old enough: a case whose latest activity
    /// is on or before it is due.
    public static func cutoff(today: Day, months: Int) -> Day { today.adding(months: -months) }

    /// Whether a victim's case is due. `activity` holds every dated event of
    /// the case (missing dates are nil); with none at all there is nothing to
    /// keep it.
    public static func isDue(activity: [Day?], hasOpenAction: Bool, cutoff: Day) -> Bool {
        if hasOpenAction { return false }
        guard let latest = activity.compactMap({ $0 }).max() else { return true }
        return latest <= cutoff
    }

    /// The stored setting as months; nil when it is not set. A value that is
    /// not a whole number of months, 1 to 1200, is refused.
    public static func months(setting text: String?) throws(FieldError) -> Int? {
        guard let text else { return nil }
        guard let months = Int(text), (1...1200).contains(months) else {
            throw FieldError(settingKey, "the stored setting must be a whole number of months, 1 to 1200")
        }
        return months
    }
}
