import Foundation

public struct AuditEntry: Sendable, Equatable {
    public var id: Int64
    public var at: String
    public var actor: String
    public var action: String
    public var entity: String
    public var entityID: Int64?
    public var detail: String

    public init(
        id: Int64,
        at: String,
        actor: String,
        action: String,
        entity: String,
        entityID: Int64? = nil,
        detail: String
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.detail = detail
    }
}
