import Foundation

public struct ActionRecord: Sendable, Equatable {
    public var id: Int64
    public var referralRef: String
    public var meetingDate: Day?
    public var agency: String
    public var owner: String
    public var description: String
    public var due: Day
    public var status: ActionStatus
    public var completionNote: String?
    public var incompleteReason: String?
    public var closedOn: Day?
    public var version: Int

    public func isOverdue(today: Day) -> Bool { ActionRules.isOverdue(status: status, due: due, today: today) }

    public init(
        id: Int64,
        referralRef: String,
        meetingDate: Day? = nil,
        agency: String,
        owner: String,
        description: String,
        due: Day,
        status: ActionStatus,
        completionNote: String? = nil,
        incompleteReason: String? = nil,
        closedOn: Day? = nil,
        version: Int
    ) {
        self.id = id
        self.referralRef = referralRef
        self.meetingDate = meetingDate
        self.agency = agency
        self.owner = owner
        self.description = description
        self.due = due
        self.status = status
        self.completionNote = completionNote
        self.incompleteReason = incompleteReason
        self.closedOn = closedOn
        self.version = version
    }
}
