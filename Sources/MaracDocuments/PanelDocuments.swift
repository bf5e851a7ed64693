import Foundation
import MaracCore

/// The perpetrator panel's papers (issue 24): agenda and minutes, sent as
/// age packs like the MARAC's. Perpetrators by id, never by name (the papers
/// travel by email); victims by their safety facts only, never by name;
/// free text escaped.
public enum PanelDocuments {
    public static func agendaMarkdown(_ agenda: PanelAgenda, today: Day) -> String {
        var out = "# Perpetrator panel agenda \(agenda.meeting.heldOn)\n\n"
        if let chair = agenda.meeting.chair { out += "Chair: \(TerminalText.escape(chair))\n\n" }
        out += items(agenda, today: today, decisions: false)
        return out
    }

    public static func minutesMarkdown(_ agenda: PanelAgenda, today: Day) -> String {
        var out = "# Perpetrator panel minutes \(agenda.meeting.heldOn)\n\n## Present\n\n"
        out += agenda.attendance.isEmpty ? "None recorded.\n" : agenda.attendance.map { "- \($0)\n" }.joined()
        out += "\n"
        out += items(agenda, today: today, decisions: true)
        return out
    }

    static func items(_ agenda: PanelAgenda, today: Day, decisions: Bool) -> String {
        var out = ""
        for (number, kind) in PanelListingKind.allCases.enumerated() {
            let items = agenda.items.filter { $0.kind == kind }
            out += "## \(number + 1). \(kind.heading) (\(items.count))\n\n"
            for item in items { out += self.item(item, today: today, decisions: decisions) }
        }
        return out
    }

    static func item(_ item: PanelAgendaItem, today: Day, decisions: Bool) -> String {
        let r = item.referral
        var out = "### Panel referral \(r.id): perpetrator \(r.perpetratorID)\n\n"
        out += "- referred \(r.referredOn)" + (r.fromReferralRef.map { " from MARAC case \($0)" } ?? "") + "\n"
        out += "- criteria met: " + (r.criteria.isEmpty ? "none" : r.criteria.map(\.words).joined(separator: ", ")) + "\n"
        out += "- " + (item.serial.words ?? "not serial (\(item.serial.differentVictims) victim\(item.serial.differentVictims == 1 ? "" : "s") in the window)") + "\n"
        out += "- reason: \(TerminalText.escape(r.reason))\n"
        out += "- state: \(r.state.rawValue)\n"
        for (index, victim) in item.victims.enumerated() {
            let safety = victim.safety.words.isEmpty ? "no safety flags" : victim.safety.words.joined(separator: "; ")
            out += "- victim \(index + 1): risk \(victim.band.words) · \(victim.childrenInHousehold) children · \(safety)\n"
        }
        if decisions, let decision = r.decision {
            out += "- decision: \(decision.words)" + (r.decidedOn.map { " (\($0))" } ?? "") + ": \(TerminalText.escape(r.decisionReason ?? ""))\n"
        }
        for i in item.interventions {
            let overdue = i.daysOverdue(today: today)
            out += "- intervention \(i.id): \(i.type.rawValue) · \(i.ownerAgency) · from \(i.startOn)" + (i.endOn.map { " to \($0)" } ?? "")
                + " · outcome \(i.outcome?.rawValue ?? "not yet") · review \(i.reviewDue)" + (overdue > 0 ? " **OVERDUE \(overdue) days**" : "") + "\n"
        }
        return out + "\n"
    }
}
