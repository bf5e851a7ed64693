import Foundation

public struct MeetingRecord: Sendable, Equatable {
    public var id: Int64
    public var heldOn: Day
    public var status: MeetingStatus
    public var confidentialitySigned: Bool
    public var cases: Int
    public var heard: Int

    public init(
        id: Int64,
        heldOn: Day,
        status: MeetingStatus,
        confidentialitySigned: Bool,
        cases: Int,
        heard: Int
    ) {
        self.id = id
        self.heldOn = heldOn
        self.status = status
        self.confidentialitySigned = confidentialitySigned
        self.cases = cases
        self.heard = heard
    }
}
