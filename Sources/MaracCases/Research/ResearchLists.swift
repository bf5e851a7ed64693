import Foundation
internal import MaracStore
internal import GRDB

extension Session {
    /// The agencies a meeting's research lists go to: those that confirmed
    /// they will attend or are present (the agencies expected to return
    /// research), so their keys can be found before anything is written.
    public func researchListRecipients(on day: Day) throws(CaseError) -> [String] {
        try read(.writeMeetingDocuments) { db, _ in
            try research.confirmedAgencies(db, meetingID: try requireMeeting(db, on: day).id).sorted()
        }
    }

    /// Every expected agency's research list for a meeting, in one
    /// transaction (issue 22: one key in the UI sends them all): `deliver`
    /// writes each (a pack for the agency) and says how; each sending is
    /// recorded in the access log as `sendResearchList` records one. If any
    /// cannot be written nothing is recorded. Returns the agencies sent to.
    @discardableResult
    public func sendResearchLists(on day: Day, deliver: (ResearchList) throws -> PackDestination) throws(CaseError) -> [String] {
        try write(.writeMeetingDocuments) { db, permit in
            let meeting = try requireMeeting(db, on: day)
            let agencies = try research.confirmedAgencies(db, meetingID: meeting.id).sorted()
            guard !agencies.isEmpty else {
                throw CaseError(.invalid, field: "agencies", "no agency has confirmed it will attend the meeting on \(day); confirm them first")
            }
            for agency in agencies {
                try sendOneResearchList(db, permit, on: day, agency: agency, deliver: deliver)
            }
            return agencies
        }
    }
}
