import GRDB
import MaracCore

/// The data return's lines, one per meeting: the meetings held in the period
/// (each listed, even with no case heard), and the cases heard added to the
/// meeting of their `heard_on` day as the figures' one pass over the cases
/// heard walks them (`FiguresService`).
enum MeetingDays {
    /// Meetings held in the period (the unique index on held_on: a range, a
    /// few dozen rows a year).
    static func held(_ db: Database, _ range: StatementArguments) throws -> [String: MeetingReturn] {
        var lines: [String: MeetingReturn] = [:]
        for text in try String.fetchAll(db, sql: "SELECT held_on FROM meeting WHERE held_on BETWEEN ? AND ? AND status = 'held'", arguments: range) {
            if let day = Day(text) { lines[text] = MeetingReturn(heldOn: day) }
        }
        return lines
    }

    /// Adds one group of the cases-heard pass to its day's line.
    static func add(_ row: Row, cases: Int, to lines: inout [String: MeetingReturn]) throws {
        let text: String = row["heard_on"]
        guard let day = Day(text) else { throw UnreadableRow(table: "referral", id: nil, column: "heard_on") }
        var line = lines[text] ?? MeetingReturn(heldOn: day)
        var routes: [String: Double] = [:]
        FiguresService.addRoute(row["referring_agency"], row["second_agency"], Double(cases), into: &routes)
        let police = routes[ReferralRoute.police.rawValue] ?? 0
        line.casesDiscussed += cases
        line.repeatCases += row["repeats"] as Int
        line.children += row["children"] as Int
        line.policeReferrals += police
        line.partnerAgencyReferrals += Double(cases) - police
        line.raciallyMinoritised += row["minoritised"] as Int
        line.lgbt += row["lgbt"] as Int
        line.disabled += row["disabled"] as Int
        line.male += row["male"] as Int
        line.aged16to17 += row["aged16to17"] as Int
        line.perpetrators17OrUnder += row["young_perpetrators"] as Int
        lines[text] = line
    }
}
