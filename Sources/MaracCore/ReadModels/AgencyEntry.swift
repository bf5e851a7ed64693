import Foundation

public struct Agency: Sendable, Equatable {
    public var code: String
    public var name: String
    public var isRoute: Bool
    /// The age public key packs for this agency are encrypted to, if stored.
    public var ageRecipient: String?

    public init(code: String, name: String, isRoute: Bool, ageRecipient: String? = nil) {
        self.code = code
        self.name = name
        self.isRoute = isRoute
        self.ageRecipient = ageRecipient
    }
}
