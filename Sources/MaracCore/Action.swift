import Foundation

/// An action agreed at MARAC: it belongs to one agency, has an owner and a due
/// date, and ends done (with a note) or incomplete (with the reason why).
public enum ActionStatus: String, CaseIterable, Sendable, Codable {
    case open
    case done
    case incomplete

    public func transition(to target: ActionStatus) throws(ActionTransitionError) -> ActionStatus {
        guard self == .open, target != .open else { throw ActionTransitionError(from: self, to: target) }
        return target
    }

    /// A closed action (done or incomplete) reopened by correction.
    public func reopen() throws(ActionTransitionError) -> ActionStatus {
        guard self != .open else { throw ActionTransitionError(from: self, to: .open) }
        return .open
    }
}

public struct ActionTransitionError: Error, Sendable, CustomStringConvertible {
    public let from: ActionStatus
    public let to: ActionStatus
    public var description: String {
        to == .open ? "the action is already open; only a done or incomplete action can be reopened"
            : "the action is already \(from.rawValue); only an open action can be marked \(to.rawValue)"
    }
}

public enum ActionRules {
    /// Overdue: still open after its due date.
    public static func isOverdue(status: ActionStatus, due: Day, today: Day) -> Bool {
        status == overdueStatus && due < today
    }

    /// The one status an overdue action has (queries filter on it with `due < today`).
    public static let overdueStatus = ActionStatus.open

    /// A due date may move, but not into the past: chasing starts from it.
    public static func checkNewDue(_ due: Day, today: Day) throws(FieldError) {
        guard due >= today else { throw FieldError("due", "is in the past; a new due date is today or later") }
    }

    /// Only an open action is reassigned: a closed one records who did it.
    public static func checkReassign(_ status: ActionStatus) throws(FieldError) {
        guard status == .open else { throw FieldError("action", "is \(status.rawValue); only an open action is reassigned (reopen it first)") }
    }

    public static func requireText(_ text: String, field: String) throws(FieldError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw FieldError(field, "is required") }
        try FieldLimits.check(field, text)
        return trimmed
    }
}
