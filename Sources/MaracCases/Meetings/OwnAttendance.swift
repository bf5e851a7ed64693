internal import GRDB

extension Session {
    /// An agency representative confirms its own agency will attend a meeting
    /// (issue 22: from the agency home, as the coordinator does with
    /// `confirmAttendance`): it is then expected to return research.
    public func confirmOwnAttendance(on day: Day) throws(CaseError) {
        try write(.confirmOwnAttendance) { db, permit in
            guard let agency = permit.user.agency else {
                throw CaseError(.invalid, field: "agency", "you represent no agency: the coordinator confirms agencies on the meetings screen")
            }
            try recordConfirmed(db, on: day, agencies: [agency])
        }
    }
}
