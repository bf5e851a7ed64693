import MaracCore

/// A few plain sentences for the board, written from the figures as they are
/// published: cases heard against the recommended volume, the largest change
/// on the year, the repeat rate against the national one. Built from the
/// document's shown values only, so a sentence never states a hidden number
/// (nor a share worked out from one); where a figure is hidden the sentence
/// says it is not published. Counts only: nobody is ever named.
public enum BoardSummary {
    public static func sentences(_ d: FiguresDocument, yearBefore: FiguresDocument?) -> [String] {
        [casesHeard(d), largestChange(d, yearBefore: yearBefore), repeats(d)].compactMap { $0 }
    }

    static func casesHeard(_ d: FiguresDocument) -> String {
        let f = d.figures
        let heard = d.casesHeardValue
        guard !heard.hidden else {
            return "The number of cases heard in \(f.period.spoken) is too small to publish."
        }
        var sentence = "MARAC heard \(heard.text) \(heard.value == 1 ? "case" : "cases") in \(f.period.spoken)"
        if let recommended = f.recommendedCases, let coverage = f.coverage {
            sentence += ", against \(whole(recommended)) recommended for an area of its size (\(percent(coverage)) of the recommended volume)."
        } else {
            sentence += "; the recommended volume needs the area's adult female population (a setting)."
        }
        return sentence
    }

    /// The figure that moved most on the same period a year before, among
    /// those shown in both; none when nothing can be compared.
    static func largestChange(_ d: FiguresDocument, yearBefore: FiguresDocument?) -> String? {
        let f = d.figures
        var pairs: [(what: String, now: FigureValue, before: FigureValue)] = [
            ("referrals received", d.byMonth.grandTotalValue, d.count(f.referralsYearBefore)),
            ("cases heard", d.casesHeardValue, d.count(f.casesHeardYearBefore)),
        ]
        if let b = yearBefore {
            pairs.append(("repeat cases", d.count(f.repeatCases, key: "repeat_cases"), b.count(b.figures.repeatCases, key: "repeat_cases")))
            pairs.append(("children in the households", d.count(f.childrenInHouseholds, key: "children"), b.count(b.figures.childrenInHouseholds, key: "children")))
        }
        let comparable = pairs.filter { !$0.now.hidden && !$0.before.hidden && $0.before.value > 0 }
        guard let largest = comparable.max(by: { abs(change($0.now, $0.before)) < abs(change($1.now, $1.before)) }) else { return nil }
        let moved = change(largest.now, largest.before)
        let direction = moved > 0 ? "up \(percent(moved))" : moved < 0 ? "down \(percent(-moved))" : "unchanged"
        return "The largest change on the year is in \(largest.what): \(largest.now.text) against \(largest.before.text) in \(f.period.yearBefore.spoken) (\(direction))."
    }

    static func repeats(_ d: FiguresDocument) -> String {
        let f = d.figures
        guard let rate = d.share(f.repeatCases, of: f.casesHeard, key: "repeat_cases") else {
            return f.casesHeard == 0 ? "No case was heard, so there is no repeat rate."
                : "The repeat rate is not published: the counts behind it are too small."
        }
        let national = NationalFigures.repeatRate
        let compared = abs(rate - national) < 0.005 ? "the same as" : rate > national ? "above" : "below"
        return "\(percent(rate)) of the cases heard were repeats, \(compared) the national \(percent(national)) (\(NationalFigures.source))."
    }

    static func change(_ now: FigureValue, _ before: FigureValue) -> Double { (now.value - before.value) / before.value }
    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
    static func whole(_ x: Double) -> String { String(Int(x.rounded())) }
}
