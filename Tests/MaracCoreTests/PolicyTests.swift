import Foundation
import Testing
@testable import MaracCore

/// The permission policy: one table in Core, documented cell for cell in
/// docs/permissions.md (this test fails when the two drift).
@Suite struct PolicyTests {
    static let document = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/permissions.md")

    static func words(_ scope: Scope?) -> String {
        switch scope {
        case nil: "—"
        case .all?: "all"
        case .ownCases?: "own cases"
        case .agendaCases?: "agenda cases"
        }
    }

    @Test func theDocumentedMatrixIsThePolicy() throws {
        let text = try String(contentsOf: Self.document, encoding: .utf8)
        var checked = 0
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let name = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let useCase = try #require(UseCase(rawValue: name), "unknown use case \(name) in docs/permissions.md")
            #expect(cells.count == Role.allCases.count + 2, "\(line)")
            for (index, role) in Role.allCases.enumerated() {
                #expect(cells[index + 1] == Self.words(Policy.scope(role, useCase)), "\(name) × \(role.rawValue)")
            }
            checked += 1
        }
        #expect(checked == UseCase.allCases.count, "every use case has its row")
    }

    @Test func rolesCombineAsTheUnionOfTheirScopes() {
        #expect(Policy.grant([.idva, .agency], .listReferrals)?.scopes == [.ownCases, .agendaCases])
        #expect(Policy.grant([.idva, .coordinator], .listReferrals) == .all)
        #expect(Policy.grant([.analyst], .listReferrals) == nil)
        #expect(Policy.grant([.admin], .viewReferral) == nil)
        #expect(Policy.grant([.analyst], .viewExactFigures) == nil)
        #expect(Policy.grant([.analyst], .viewSuppressedFigures) == .all)
    }

    @Test func nobodyButAnAdminManagesPeopleAndNoAdminReadsCases() {
        for role in Role.allCases {
            #expect((Policy.scope(role, .manageUsers) != nil) == (role == .admin))
        }
        for useCase in [UseCase.viewReferral, .listReferrals, .searchPeople, .exportReferrals, .viewAgenda, .breakGlass] {
            #expect(Policy.scope(.admin, useCase) == nil)
            #expect(Policy.scope(.analyst, useCase) == nil)
        }
    }
}

/// Quarters: every day falls in the quarter whose first and last days surround it.
/// Opening a case outside one's scope needs a reason; a blank one is none.
@Suite struct AccessReasonTests {
    @Test func breakGlassNeedsAReasonAndBlankIsNone() throws {
        #expect(throws: FieldError.self) { _ = try AccessReason.checked("  ", kind: .breakGlass) }
        #expect(throws: FieldError.self) { _ = try AccessReason.checked(nil, kind: .breakGlass) }
        #expect(try AccessReason.checked("  victim at A&E ", kind: .breakGlass) == "victim at A&E")
        #expect(try AccessReason.checked("  ", kind: .read) == nil)
    }
}

@Suite struct QuarterTests {
    @Test func everyDayOfAYearFallsInItsQuarter() throws {
        var day = try #require(Day("2024-01-01"))
        while day.year == 2024 {
            let quarter = Quarter(containing: day)
            #expect(quarter.first <= day && day <= quarter.last, "\(day)")
            #expect(quarter == Quarter(year: 2024, number: (day.month - 1) / 3 + 1))
            #expect(quarter.period.from == quarter.first && quarter.period.to == quarter.last)
            day = day.adding(days: 1)
        }
        #expect(Quarter("2026q4")?.adding(1)?.description == "2027Q1")
        #expect(Quarter("2026Q5") == nil && Quarter("26Q1") == nil)
    }

    @Test func rolesListInTheOrderTheyAreDeclared() {
        #expect(Set(Role.allCases).sorted() == Role.allCases)
    }
}
