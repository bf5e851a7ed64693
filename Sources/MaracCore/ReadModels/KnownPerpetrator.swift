/// One of a victim's known perpetrators (named on one of their referrals),
/// as an incident's perpetrator is picked from them (issue 23).
public struct KnownPerpetrator: Sendable, Equatable {
    public let personID: Int64
    public let name: String
    public let dob: Day?

    public init(personID: Int64, name: String, dob: Day?) {
        self.personID = personID
        self.name = name
        self.dob = dob
    }
}
