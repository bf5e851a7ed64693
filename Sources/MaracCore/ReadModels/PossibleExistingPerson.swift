/// A person already recorded whom a new referral's victim or perpetrator may
/// be (issue 20), as the form and `referral add` show them before asking.
/// The name and cases appear only when the reader may see one of the cases.
public struct PossibleExistingPerson: Sendable, Equatable {
    public struct Case: Sendable, Equatable {
        public let id: Int64
        public let ref: String
        public let referredOn: Day
        public let status: String
        public let band: String

        public init(id: Int64, ref: String, referredOn: Day, status: String, band: String) {
            self.id = id
            self.ref = ref
            self.referredOn = referredOn
            self.status = status
            self.band = band
        }
    }

    public let personID: Int64
    public let role: PersonRole
    public let reason: NearMatch.Reason
    /// nil when none of their cases is within the reader's scope.
    public let name: String?
    public let dob: Day?
    /// Their cases within the reader's scope, newest first.
    public let cases: [Case]

    public init(personID: Int64, role: PersonRole, reason: NearMatch.Reason, name: String?, dob: Day?, cases: [Case]) {
        self.personID = personID
        self.role = role
        self.reason = reason
        self.name = name
        self.dob = dob
        self.cases = cases
    }
}
