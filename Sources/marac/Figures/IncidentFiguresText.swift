import Foundation
import MaracCore
import MaracDocuments

/// Issue 23's figures in `stats` beyond their tables (which print with the
/// others, protected with them): referrals by abuse type with each type's
/// share and the change on the quarter before, and the median days to a
/// Clare's Law disclosure. A share or change withheld reads "-".
enum IncidentFiguresText {
    static func table(_ b: BetweenMeetingsTables) -> String {
        func percent(_ value: Double?, sign: Bool = false) -> String {
            value.map { String(format: sign ? "%+.1f%%" : "%.1f%%", $0 * 100) } ?? "-"
        }
        var out = "\nReferrals by abuse type: share and change on the quarter before\n"
        out += Table(columns: ["type", "count", "share", "quarter before", "change"], rows: b.referralsByTypeRows.map { r in
            [r.type.words, r.count.text, percent(r.share), r.before?.text ?? "-", percent(r.change, sign: true)]
        }).render(format: .table)
        out += "\nClare's Law: median days from request to disclosure: "
            + (b.medianDaysToDisclosure.map { String(format: "%.1f", $0) } ?? "-") + "\n"
        return out
    }
}
