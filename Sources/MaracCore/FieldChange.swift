/// One field a correction changes, from what to what: what the record's
/// history keeps. `identifying` marks values that purge blanks: names, dates
/// of birth, addresses, and free text recorded about a case (what the field
/// table marks identifying or cleared on purge, an action's description, what
/// was shared). Every value in the history is shown only to a reader whose
/// scope covers the case; none is ever written to the audit trail.
public struct FieldChange: Sendable, Equatable {
    public var field: String
    public var from: String?
    public var to: String?
    public var identifying: Bool

    public init(field: String, from: String?, to: String?, identifying: Bool) {
        self.field = field
        self.from = from
        self.to = to
        self.identifying = identifying
    }

    /// The changes between two sets of values, field by field in the order
    /// given; fields whose value is the same are left out.
    public static func between(_ before: [String: String?], _ after: [String: String?], fields: [String],
                               identifying: (String) -> Bool) -> [FieldChange] {
        fields.compactMap { field in
            let from = before[field] ?? nil, to = after[field] ?? nil
            return from == to ? nil : FieldChange(field: field, from: from, to: to, identifying: identifying(field))
        }
    }
}
