import Foundation
import MaracCore

/// The papers of a meeting, for circulation: agenda, minutes, action log.
/// Cases are named by reference only, never by a person's name, because these
/// travel by email; free text is printed with control characters escaped.
public enum MeetingDocuments {
    public static func agendaMarkdown(_ agenda: Agenda, today: Day) -> String {
        // Markdown for circulation: references only, never names (agendas travel by email).
        var out = "# MARAC agenda \(agenda.meeting.heldOn)\n\n"
        out += "1. Introductions and confidentiality statement (everyone present signs)\n"
        out += "2. \(AgendaSection.openActionsReview.title): \(agenda.openActionCount) open\(agenda.openActionCount > agenda.openActions.count ? " (the \(agenda.openActions.count) due first below; marac action list --open for all)" : "")"
        // The chair holds agencies to account for actions escalated (overdue by the escalation days or more).
        out += agenda.escalatedCount > 0 ? "; \(agenda.escalatedCount) escalated to the chair (\(agenda.chase.escalationDays)+ days overdue)\n\n" : "\n\n"
        for action in agenda.openActions {
            let overdue = agenda.chase.isEscalated(status: action.status, due: action.due, today: today)
                ? " **ESCALATED: \(action.due.days(until: today)) days overdue, for the chair**"
                : action.isOverdue(today: today) ? " **OVERDUE**" : ""
            out += "   - #\(action.id) \(action.referralRef) · \(action.agency) · due \(action.due)\(overdue)\n"
        }
        var number = 2
        for section in [AgendaSection.casesWithChildren, .adultOnlyCases, .lapsedCases] {
            let cases = agenda.cases.filter { $0.item.section == section }
            number += 1
            out += "\n\(number). \(section.title) (\(cases.count))\n\n"
            if cases.contains(where: { $0.item.handPosition != nil }) { out += "Order within this section set by the coordinator.\n\n" }
            out += "| # | ref | band | score | repeat | children | referred by | heard | research |\n|---|---|---|---|---|---|---|---|---|\n"
            for (index, c) in cases.enumerated() {
                let r = c.referral
                let research = c.research.words + (c.research.deferSuggested ? " · **defer?**" : "")
                out += "| \(index + 1) | \(r.ref) | \(r.riskWords) | \(r.score.map(String.init) ?? "-") | \(r.isRepeat ? "repeat" : "") | \(r.childrenInHousehold) | \(r.referringAgency) | \(c.heard ? "heard" : "") | \(research) |\n"
            }
        }
        // Linked cases: heard together, so no agency misses the link (references only).
        let linked = agenda.cases.enumerated().filter { !$0.element.samePerpetratorAs.isEmpty }
        if !linked.isEmpty {
            out += "\nLinked cases (same perpetrator):\n\n"
            for (index, c) in linked {
                out += "- item \(index + 1), \(c.referral.ref): \(LinkedCases.words(c.samePerpetratorAs) ?? "")"
                out += " (\(c.samePerpetratorAs.map { agenda.cases[$0 - 1].referral.ref }.joined(separator: ", ")))\n"
            }
        }
        // Serial perpetrators (MATAC's rule): the fact and the count, never the other victims.
        let serial = agenda.cases.enumerated().compactMap { index, c in c.referral.serial?.words.map { (index, c.referral.ref, $0) } }
        if !serial.isEmpty {
            out += "\nSerial perpetrators:\n\n"
            for (index, ref, words) in serial { out += "- item \(index + 1), \(ref): perpetrator \(words)\n" }
        }
        // Cases taken in from another MARAC (issue 25): where from and what is missing.
        let transferred = agenda.cases.filter { $0.transferredIn != nil }
        if !transferred.isEmpty {
            out += "\nTransferred in from another MARAC:\n\n"
            for c in transferred {
                guard let transfer = c.transferredIn else { continue }
                let missing = transfer.missing.isEmpty ? "" : "; missing: " + transfer.missing.joined(separator: ", ")
                out += "- \(c.referral.ref): transferred from \(TerminalText.escape(transfer.from))\(missing)\n"
            }
        }
        out += "\n\(number + 1). Any other business\n"
        // Only validated codes, references and numbers appear here: no free text to escape.
        return out
    }

    /// `names`: agencies are written by name (the agency table), as the board
    /// and partners read them; the action log CSV keeps the codes.
    public static func minutesMarkdown(_ m: Minutes, names: FiguresNames = FiguresNames()) -> String {
        var out = "# MARAC minutes \(m.agenda.meeting.heldOn)\n\nCONFIDENTIAL: for MARAC members only; do not forward.\n\n"
        // Issue 22: what a chair signs: who chaired, when, who came for each agency, who sent apologies.
        let c = m.chairing
        out += "Chair: \(c.chair.map(TerminalText.escape) ?? "not recorded")\n"
        out += "Started: \(c.started ?? "not recorded") · ended: \(c.ended ?? "not recorded")\n\n"
        out += "## Present (signed the confidentiality statement)\n\n"
        out += m.agenda.attendance.isEmpty ? "None recorded.\n" : m.agenda.attendance.map { agency in
            "- \(TerminalText.escape(names.agency(agency)))\(c.representatives[agency].map { ": " + TerminalText.escape($0) } ?? "")\n"
        }.joined()
        out += "\n## Apologies (confirmed, not present)\n\n"
        out += m.apologies.isEmpty ? "None.\n" : m.apologies.map { "- \(TerminalText.escape(names.agency($0)))\n" }.joined()
        out += "\n## Cases\n"
        // The order heard, as on the agenda; say where the coordinator set it by hand.
        let handOrdered = AgendaSection.allCases.filter { section in m.agenda.cases.contains { $0.item.section == section && $0.item.handPosition != nil } }
        if !handOrdered.isEmpty {
            out += "\nIn agenda order; the order within \(handOrdered.map { $0.title.lowercased() }.joined(separator: " and ")) was set by the coordinator.\n"
        }
        for c in m.agenda.cases {
            out += "\n### \(c.referral.ref) · \(c.item.section.title) · \(c.referral.riskWords) risk\(c.referral.isRepeat ? " · repeat" : "") · \(c.heard ? "heard" : "NOT HEARD")\n\n"
            if let shared = m.shared[c.referral.ref] {
                out += shared.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.escape(String($0)) }.joined(separator: "\n") + "\n\n"
            }
            out += researchMarkdown(m.research[c.referral.ref] ?? [], names: names)
            let actions = m.actions.filter { $0.referralRef == c.referral.ref }
            for a in actions { out += "- Action #\(a.id): \(TerminalText.escape(names.agency(a.agency))), \(TerminalText.escape(a.owner)), due \(a.due): \(TerminalText.escape(a.description))\n" }
            if actions.isEmpty { out += "- No actions agreed.\n" }
        }
        return out
    }

    /// What each agency shared from its research, agency by agency.
    static func researchMarkdown(_ returns: [ResearchReturnRecord], names: FiguresNames = FiguresNames()) -> String {
        guard !returns.isEmpty else { return "Research returned: none.\n\n" }
        var out = "Research returned (\(returns.count) agenc\(returns.count == 1 ? "y" : "ies")):\n\n"
        for r in returns.sorted(by: { $0.agency < $1.agency }) {
            func text(_ value: String) -> String {
                value.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.escape(String($0)) }.joined(separator: " / ")
            }
            out += "- \(TerminalText.escape(names.agency(r.agency))): \(ResearchReturnInput.knownWords(r.known))"
            if !r.summary.isEmpty { out += ". \(text(r.summary))" }
            if !r.currentRisks.isEmpty { out += ". Current risks: \(text(r.currentRisks))" }
            out += " (returned \(r.returnedOn), \(TerminalText.escape(r.byWords))\(r.earlier > 0 ? "; revised, \(r.earlier) earlier return\(r.earlier == 1 ? "" : "s") kept" : ""))\n"
        }
        return out + "\n"
    }

    public static func actionLogCSV(_ m: Minutes) -> String {
        ([["action", "ref", "agency", "owner", "due_on", "status", "description"]] + m.actions.map {
            [String($0.id), $0.referralRef, $0.agency, $0.owner, $0.due.description, $0.status.rawValue, $0.description]
        }).map(CSV.safeRow).joined()
    }

    /// The agenda, minutes and action log of a meeting: file names and texts.
    public static func files(_ minutes: Minutes, today: Day) -> [(name: String, text: String)] {
        let day = minutes.agenda.meeting.heldOn
        return [("marac-agenda-\(day).md", agendaMarkdown(minutes.agenda, today: today)),
                ("marac-minutes-\(day).md", minutesMarkdown(minutes)),
                ("marac-actions-\(day).csv", actionLogCSV(minutes))]
    }
}
