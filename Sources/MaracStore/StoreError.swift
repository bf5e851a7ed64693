import MaracCore

/// What can go wrong in a service, as the user should hear it. The command
/// line turns the kind into an exit code (contracts.md) in one place.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The input broke a rule; nothing was written. Exit 65.
        case invalid
        /// The record named does not exist. Exit 65 (bad data named by the user).
        case notFound
        /// The action is not allowed for this database or user. Exit 77.
        case notPermitted
        /// Someone else changed the record first. Exit 1.
        case conflict
    }

    public let kind: Kind
    /// One line per problem, ready to print after `error: `.
    public let lines: [String]

    public init(_ kind: Kind, _ lines: [String]) {
        self.kind = kind
        self.lines = lines
    }

    public init(_ kind: Kind, _ line: String) { self.init(kind, [line]) }

    public static func invalid(_ failure: ValidationFailure, prefix: String = "") -> StoreError {
        StoreError(.invalid, failure.problems.map { prefix + $0.description })
    }

    public var description: String { lines.joined(separator: "\n") }
}
