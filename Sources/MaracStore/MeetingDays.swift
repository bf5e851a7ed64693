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
    static func add(_ group: HeardGroup, to lines: inout [String: MeetingReturn]) throws {
        let text = group.day
        var line: MeetingReturn
        if let known = lines[text] {
            line = known
        } else {
            guard let day = Day(text) else { throw UnreadableRow(table: "referral", id: nil, column: "heard_on") }
            line = MeetingReturn(heldOn: day)
        }
        let cases = group.cases
        // A joint referral counts half to each agency (`FiguresService.addRoute`).
        let police = ReferralRoute.police.rawValue
        let policeShare = group.secondAgency.map { second in
            (group.agency == police ? Double(cases) / 2 : 0) + (second == police ? Double(cases) / 2 : 0)
        } ?? (group.agency == police ? Double(cases) : 0)
        line.casesDiscussed += cases
        line.repeatCases += group.repeats
        line.children += group.children
        line.policeReferrals += policeShare
        line.partnerAgencyReferrals += Double(cases) - policeShare
        line.raciallyMinoritised += group.minoritised
        line.lgbt += group.lgbt
        line.disabled += group.disabled
        line.male += group.male
        line.aged16to17 += group.aged16to17
        line.perpetrators17OrUnder += group.youngPerpetrators
        lines[text] = line
    }
}

/// One group of the cases-heard pass (`FiguresService.receivedAndHeard`'s
/// second statement), its columns read once by position: by name, each of
/// its thousands of rows a year searched the column names a dozen times.
struct HeardGroup {
    let day: String, agency: String, secondAgency: String?
    let cases: Int, repeats: Int, children: Int, minoritised: Int, lgbt: Int, disabled: Int, male: Int,
        aged16to17: Int, youngPerpetrators: Int

    /// The columns in the statement's order: heard_on, referring_agency,
    /// second_agency, cases, repeats, children, minoritised, lgbt, disabled,
    /// male, aged16to17, young_perpetrators.
    init(_ row: Row) {
        day = row[0]; agency = row[1]; secondAgency = row[2]
        cases = row[3]; repeats = row[4]; children = row[5]; minoritised = row[6]; lgbt = row[7]
        disabled = row[8]; male = row[9]; aged16to17 = row[10]; youngPerpetrators = row[11]
    }
}
