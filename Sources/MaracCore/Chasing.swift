/// Chasing actions: which open actions an agency is chased for, and when one
/// goes to the chair. Three rules, all counted in whole days from the due date:
/// - overdue: still open after its due date (`ActionRules.isOverdue`);
/// - due soon: open and due today or within `dueSoonDays` (setting `due-soon-days`, 7);
/// - escalated: overdue by `escalationDays` or more (setting `escalation-days`, 14):
///   flagged for the chair on the next agenda's review of open actions and
///   counted by agency in the figures.
public struct ChaseRules: Sendable, Equatable {
    public static let defaultDueSoonDays = 7
    public static let defaultEscalationDays = 14

    public var dueSoonDays: Int
    public var escalationDays: Int

    public init(dueSoonDays: Int = defaultDueSoonDays, escalationDays: Int = defaultEscalationDays) {
        self.dueSoonDays = dueSoonDays
        self.escalationDays = escalationDays
    }

    /// The rules from the MARAC's stored settings (`due-soon-days`,
    /// `escalation-days`; nil when unset, the default): each must be a whole
    /// number above 0.
    public init(storedDueSoonDays: String?, storedEscalationDays: String?) throws(FieldError) {
        func days(_ key: String, _ text: String?, _ fallback: Int) throws(FieldError) -> Int {
            guard let text else { return fallback }
            guard let value = Int(text), value > 0 else { throw FieldError(key, "the stored setting must be a whole number above 0") }
            return value
        }
        self.init(dueSoonDays: try days(Settings.dueSoonDays, storedDueSoonDays, ChaseRules.defaultDueSoonDays),
                  escalationDays: try days(Settings.escalationDays, storedEscalationDays, ChaseRules.defaultEscalationDays))
    }

    /// Where an action stands for chasing; nil when it is not chased (closed,
    /// or due later than the due-soon window).
    public func state(status: ActionStatus, due: Day, today: Day) -> ChaseState? {
        guard status == ActionRules.overdueStatus else { return nil }
        if ActionRules.isOverdue(status: status, due: due, today: today) {
            let days = due.days(until: today)
            return days >= escalationDays ? .escalated(daysOverdue: days) : .overdue(daysOverdue: days)
        }
        let left = today.days(until: due)
        return left <= dueSoonDays ? .dueSoon(daysLeft: left) : nil
    }

    /// The last due date a chase list takes (open actions due on or before it).
    public func horizon(today: Day) -> Day { today.adding(days: dueSoonDays) }

    /// Open actions due on or before this day are escalated.
    public func escalationCutoff(today: Day) -> Day { today.adding(days: -escalationDays) }

    public func isEscalated(status: ActionStatus, due: Day, today: Day) -> Bool {
        if case .escalated? = state(status: status, due: due, today: today) { return true }
        return false
    }

    /// An action's state as every list writes it (issue 22): ESCALATED when
    /// it is for the chair, OVERDUE when only late, otherwise its status. In
    /// words, so it never rests on colour alone; one rule for the CLI and the UI.
    public func listWord(status: ActionStatus, due: Day, today: Day) -> String {
        switch state(status: status, due: due, today: today) {
        case .escalated?: "ESCALATED"
        case .overdue?: "OVERDUE"
        default: status.rawValue
        }
    }
}

public enum ChaseState: Sendable, Equatable {
    case dueSoon(daysLeft: Int)
    case overdue(daysOverdue: Int)
    case escalated(daysOverdue: Int)

    public var code: String {
        switch self {
        case .dueSoon: "due_soon"
        case .overdue: "overdue"
        case .escalated: "escalated"
        }
    }

    /// Days past the due date (0 when not yet due).
    public var daysOverdue: Int {
        switch self {
        case .dueSoon: 0
        case .overdue(let days), .escalated(let days): days
        }
    }

    public var words: String {
        switch self {
        case .dueSoon(let left): left == 0 ? "due today" : "due in \(left) day\(left == 1 ? "" : "s")"
        case .overdue(let days): "\(days) day\(days == 1 ? "" : "s") overdue"
        case .escalated(let days): "\(days) days overdue: ESCALATED to the chair"
        }
    }
}
