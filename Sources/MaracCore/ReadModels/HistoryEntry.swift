import Foundation

/// One row of a record's history: a field changed by a correction, from what
/// to what, by whom, when and why. Values are nil when the field was empty
/// (or, for identifying fields, after purge blanked them).
public struct HistoryEntry: Sendable, Equatable {
    public var id: Int64
    public var at: String
    public var actor: String
    /// What was changed: `referral`, `action`, `meeting`, `agenda_item`, `person`…
    public var entity: String
    public var entityID: Int64
    public var referralID: Int64?
    public var change: FieldChange
    public var reason: String

    public init(id: Int64, at: String, actor: String, entity: String, entityID: Int64, referralID: Int64?,
                change: FieldChange, reason: String) {
        self.id = id
        self.at = at
        self.actor = actor
        self.entity = entity
        self.entityID = entityID
        self.referralID = referralID
        self.change = change
        self.reason = reason
    }
}
