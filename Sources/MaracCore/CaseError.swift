/// What went wrong with something a person asked marac to do, as a value:
/// what kind of failure (the command line maps it to an exit code, the UI to a
/// message line), and one problem per field. Messages speak the domain's
/// words; they never name a command-line flag or a key, and never repeat the
/// value of an identifying field. Front ends add their own way of saying how
/// to go on from the `hint`.
public struct CaseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The input broke a rule; nothing was written.
        case invalid
        /// The record named does not exist (or is outside the person's scope).
        case notFound
        /// The person may not do this, or this database refuses it.
        case notPermitted
        /// Someone else changed the record first; nothing was written.
        case conflict
        /// The database stayed locked past the busy timeout; nothing was written.
        case busy
        /// The database or a file could not be read or written.
        case storage
    }

    /// How to go on, named in the domain; each front end says it its own way.
    public enum Hint: Sendable, Equatable {
        /// The reference exists already: replace it on purpose, or choose another.
        case replaceExisting
        /// No meeting on that date: create it first.
        case createMeeting(Day)
        /// No meeting is planned to list the case on.
        case planMeeting
        /// The record changed since it was read: read it again.
        case reloadRecord
        /// A file's row is older than the record: take a fresh copy, or overwrite on purpose.
        case exportAgain
        /// Not a user: these admins can add them.
        case askAdmin([String])
        /// Shared without consent: record the reason and the lawful basis on the referral first.
        case recordConsentDecision
        /// The victim or perpetrator may be someone already recorded: say who, or that they are new.
        case decidePerson(PersonRole)
        /// An edit would clear this many checklist answers given earlier: say it is meant (issue 20).
        case confirmClearingAnswers(Int)
    }

    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The field or import column at fault, when there is one.
        public var field: String?
        public var message: String
        public var hint: Hint?

        public init(field: String? = nil, _ message: String, hint: Hint? = nil) {
            self.field = field
            self.message = message
            self.hint = hint
        }

        public var description: String { field.map { "\($0): \(message)" } ?? message }
    }

    public var kind: Kind
    public var problems: [Problem]

    public init(_ kind: Kind, _ problems: [Problem]) {
        self.kind = kind
        self.problems = problems
    }

    public init(_ kind: Kind, field: String? = nil, _ message: String, hint: Hint? = nil) {
        self.init(kind, [Problem(field: field, message, hint: hint)])
    }

    public init(_ failure: ValidationFailure) {
        self.init(.invalid, failure.problems.map { Problem(field: $0.field, $0.message) })
    }

    public init(_ error: FieldError) {
        self.init(.invalid, field: error.field, error.message)
    }

    /// Every problem prefixed, e.g. with `FILE:LINE: ` for a row of an import.
    public func prefixed(_ prefix: String) -> CaseError {
        CaseError(kind, problems.map { problem in
            var out = problem
            if let field = problem.field { out.field = prefix + field } else { out.message = prefix + problem.message }
            return out
        })
    }

    /// The exit code contracts.md gives each kind.
    public var exitCode: Int32 {
        switch kind {
        case .invalid, .notFound: 65
        case .notPermitted: 77
        case .conflict: 65
        case .busy: 75
        case .storage: 74
        }
    }

    public var description: String { problems.map(\.description).joined(separator: "; ") }

    /// A near match of the victim or perpetrator that nobody decided (issue 20): the front end asks.
    public var asksWhoThePersonIs: Bool {
        problems.contains { problem in
            if case .decidePerson? = problem.hint { return true }
            return false
        }
    }
}
