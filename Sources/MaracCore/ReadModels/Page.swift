import Foundation

/// A page of a list and the cursor that fetches the next one.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Pass to the next call's `after` to continue; nil on the last page.
    public var next: String?

    public init(items: [Item], next: String? = nil) {
        self.items = items
        self.next = next
    }
}
