import Foundation

/// A person as stored.
public struct PersonRecord: Sendable, Equatable {
    public var id: Int64
    public var role: PersonRole
    public var name: String
    public var dob: Day?
    public var gender: Gender
    public var ethnicity: Ethnicity
    public var disability: TriState
    public var lgbt: TriState
    public var postcode: String?

    public init(
        id: Int64,
        role: PersonRole,
        name: String,
        dob: Day? = nil,
        gender: Gender,
        ethnicity: Ethnicity,
        disability: TriState,
        lgbt: TriState,
        postcode: String? = nil
    ) {
        self.id = id
        self.role = role
        self.name = name
        self.dob = dob
        self.gender = gender
        self.ethnicity = ethnicity
        self.disability = disability
        self.lgbt = lgbt
        self.postcode = postcode
    }
}
