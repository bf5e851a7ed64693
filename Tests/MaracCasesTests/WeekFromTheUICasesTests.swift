import Foundation
import Testing
import MaracTestSupport
@testable import MaracCore
@testable import MaracCases
@testable import MaracStore

/// Issue 22, defect 6: what the UI's agency home and meetings screen call
/// beyond the commands there were: an agency confirming its own attendance,
/// an agency loading its own returned list, every research list in one go.
@Suite struct WeekFromTheUICasesTests {
    typealias F = ResearchTests.Fixture
    static let meeting = ResearchTests.meeting

    @Test func anAgencyConfirmsItsOwnAttendanceAndNoOtherAgencys() throws {
        let f = try F()
        #expect(try !f.coordinator.researchListRecipients(on: Self.meeting).contains("housing"))
        try f.housing.confirmOwnAttendance(on: Self.meeting)
        #expect(try f.coordinator.researchListRecipients(on: Self.meeting) == ["housing", "mental_health", "police"])
        // Confirming others is still the coordinator's.
        #expect(throws: CaseError.self) { try f.housing.confirmAttendance(on: Self.meeting, agencies: ["probation"]) }
        // The coordinator represents no agency: told where to confirm instead.
        let error = try #require(throws: CaseError.self) { try f.coordinator.confirmOwnAttendance(on: Self.meeting) }
        #expect(error.description.contains("you represent no agency"))
    }

    @Test func anAgencyLoadsItsOwnRowsOnlyAndAnotherAgencysRowRecordsNothing() throws {
        let f = try F()
        let before = try f.state()
        let error = try #require(throws: CaseError.self) {
            _ = try f.police.importResearchReturns(on: Self.meeting, csv: "referral_ref,agency,known\nKIDS,police,yes\nADULT,housing,no\n", fileName: "r.csv")
        }
        #expect(error.description.contains("r.csv:3: agency") && error.description.contains("another agency's"), "\(error)")
        #expect(try f.state() == before, "nothing recorded")
        let load = try f.police.importResearchReturns(on: Self.meeting, csv: "referral_ref,agency,known,summary\nKIDS,police,yes,Two call-outs\n", fileName: "r.csv")
        #expect(load.recorded == 1)
        // Housing has not confirmed it takes part: refused, as recording one by hand is.
        #expect(throws: CaseError.self) {
            _ = try f.housing.importResearchReturns(on: Self.meeting, csv: "referral_ref,agency,known\nADULT,housing,no\n", fileName: "h.csv")
        }
    }

    @Test func everyConfirmedAgencysResearchListIsSentInOneTransaction() throws {
        let f = try F()
        var sent: [String] = []
        let agencies = try f.coordinator.sendResearchLists(on: Self.meeting) { list in
            sent.append(list.agency)
            return .plainFile
        }
        #expect(agencies == ["mental_health", "police"] && sent == agencies)
        // A delivery that fails records no sending at all, the ones before it included.
        let before = try f.state()
        #expect(throws: CaseError.self) {
            _ = try f.coordinator.sendResearchLists(on: Self.meeting) { list in
                if list.agency == "police" { throw CaseError(.storage, field: "file", "cannot be written") }
                return .plainFile
            }
        }
        #expect(try f.state() == before)
    }
}
