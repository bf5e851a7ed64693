/// One problem with one field of user input. The message never repeats the
/// value of an identifying field (name, date of birth, address), because error
/// lines end up in terminals, logs and emails.
public struct FieldError: Error, Equatable, Sendable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Every problem found in one record, so the user fixes them all in one pass.
public struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    public let problems: [FieldError]

    public init(_ problems: [FieldError]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "; ") }
}

/// Collects field problems while a record is checked field by field.
public struct ProblemList: Sendable {
    public private(set) var problems: [FieldError] = []

    public init() {}

    public var isEmpty: Bool { problems.isEmpty }

    public mutating func add(_ error: FieldError) { problems.append(error) }

    public mutating func add(_ field: String, _ message: String) { problems.append(FieldError(field, message)) }

    /// Runs one check and records its failure instead of stopping at it.
    public mutating func check<T>(_ body: () throws(FieldError) -> T) -> T? {
        do { return try body() } catch { problems.append(error); return nil }
    }

    public func throwIfAny() throws(ValidationFailure) {
        if !problems.isEmpty { throw ValidationFailure(problems) }
    }
}
