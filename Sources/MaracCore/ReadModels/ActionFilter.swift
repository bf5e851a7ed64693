import Foundation

public struct ActionFilter: Sendable {
    public var openOnly = false
    public var overdueOnly = false
    public var agency: String?

    public init(openOnly: Bool = false, overdueOnly: Bool = false, agency: String? = nil) {
        self.openOnly = openOnly
        self.overdueOnly = overdueOnly
        self.agency = agency
    }
}
