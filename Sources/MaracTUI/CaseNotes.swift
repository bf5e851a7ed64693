import MaracCore
import MaracCases

/// What a row or the case in hand says about a case besides its risk: the
/// safety flags in words and the keyworker. One place, so the triage queue,
/// the agenda, meeting mode and search say it the same way.
enum CaseNotes {
    /// The last cell of a list row: the safety warnings first (they must not
    /// be cut off by a long agency name), then `rest`.
    static func row(_ summary: ReferralSummary, then rest: String) -> (String, Int, CellStyle) {
        let brief = summary.safety.brief
        guard !brief.isEmpty else { return (rest, 0, .plain) }
        return (rest.isEmpty ? brief : "\(brief) · \(rest)", 0, CellStyle(bold: true, colour: .warning))
    }

    /// The highlighted case's safety warnings, on a list's last line (a row
    /// has no room for them at 80 columns); nil when there are none.
    static func footer(_ summary: ReferralSummary) -> String? {
        let brief = summary.safety.brief
        return brief.isEmpty ? nil : "Safety: \(brief)"
    }

    static func drawFooter(_ summary: ReferralSummary?, into buffer: inout CellBuffer, area: Rect) {
        guard let summary, let text = footer(summary), area.height > 2 else { return }
        buffer.put(text, x: area.x + 1, y: area.y + area.height - 1, style: CellStyle(bold: true, colour: .warning), limit: area.width - 1)
    }

}

extension CaseNotes {
    /// The last cell of an agenda row: the items sharing the perpetrator
    /// ("same perp. as 4"), then the safety warnings (said in full for the
    /// case in hand on the line above the timer, so 80 columns lose neither).
    static func agendaRow(_ c: Agenda.Case, in agenda: Agenda) -> (String, Int, CellStyle) {
        let linked = c.samePerpetratorAs.isEmpty ? "" : "same perp. as \(c.samePerpetratorAs.map(String.init).joined(separator: ", "))"
        let brief = c.referral.safety.brief
        // Most pressing first, as 80 columns cut the end: heard, the linked
        // cases, whether to ask about deferring, repeat, then safety.
        let deferral = !c.heard && c.research.deferSuggested ? "defer?" : ""
        let serial = c.referral.serial?.isSerial == true ? "serial perp." : ""
        let text = [c.heard ? "HEARD" : "", linked, serial, deferral, c.referral.isRepeat ? "repeat" : "", brief].filter { !$0.isEmpty }.joined(separator: " · ")
        return (text, 0, text.isEmpty ? .plain : CellStyle(bold: true, colour: brief.isEmpty ? .none : .warning))
    }

    /// Meeting mode's case in hand, two lines: every safety flag; the
    /// keyworker and the linked items.
    static func inHand(_ c: Agenda.Case) -> [String] {
        let words = c.referral.safety.words
        return ["Safety: \(words.isEmpty ? "none recorded" : words.joined(separator: "; "))",
                "Keyworker: \(c.referral.keyworker ?? "none")" + (LinkedCases.words(c.samePerpetratorAs).map { " · \($0)" } ?? "")
                    + (c.referral.serial?.words.map { " · perpetrator \($0)" } ?? "")]
    }
}
