import Foundation
import MaracCore
import MaracCases

/// Meeting mode's research panel: beside the case in hand, each agency's
/// return (known or not, what it holds, current risks, when and who), and how
/// far the research has come. The agenda screen draws it under its case list.
struct ResearchPanel: Sendable {
    /// The current returns of the meeting, by referral reference.
    var byRef: [String: [ResearchReturnRecord]] = [:]

    /// Lines the panel takes at the foot of the agenda (a heading and up to four agencies).
    static let height = 5

    /// False for a role the policy does not show research to (an IDVA): the
    /// panel says so rather than "no returns", which would be untrue.
    var shown = true

    init(_ returns: [ResearchReturnRecord] = [], shown: Bool = true) {
        byRef = Dictionary(grouping: returns, by: \.ref)
        self.shown = shown
    }

    func render(into buffer: inout CellBuffer, x: Int, y: Int, width: Int, height: Int, case c: Agenda.Case) {
        guard height > 0 else { return }
        guard shown else {
            buffer.put("Research: agencies' returns are not shown to your role", x: x, y: y, style: .dim, limit: width)
            return
        }
        let returns = (byRef[c.referral.ref] ?? []).sorted { $0.agency < $1.agency }
        let heading = "Research: \(c.research.words)" + (c.research.deferSuggested ? " · defer? (referrer neither confirmed nor returned)" : "")
        buffer.put(heading, x: x, y: y, style: c.research.deferSuggested ? CellStyle(bold: true, colour: .warning) : .bold, limit: width)
        if returns.isEmpty, height > 1 {
            buffer.put("No returns recorded for \(c.referral.ref). R records one.", x: x + 1, y: y + 1, style: .dim, limit: width - 1)
            return
        }
        let room = height - 1
        for (index, r) in returns.enumerated() where index < room {
            // The last line says how many more there are when they do not all fit.
            if index == room - 1, returns.count > room {
                buffer.put("… and \(returns.count - index) more agencies (marac meeting returns)", x: x + 1, y: y + 1 + index, style: .dim, limit: width - 1)
                break
            }
            let line = "\(r.agency): \(ResearchReturnInput.knownWords(r.known))"
                + (r.summary.isEmpty ? "" : " · \(r.summary)")
                + (r.currentRisks.isEmpty ? "" : " · risks: \(r.currentRisks)")
                + " · \(r.returnedOn) · \(r.recordedBy)\(r.onBehalf ? " for \(r.agency)" : "")"
            buffer.put(TerminalText.escape(line), x: x + 1, y: y + 1 + index, style: .plain, limit: width - 1)
        }
    }
}

/// Recording a research return at the table: the agency (an agency user's own
/// to start with), known or not, what it holds, the current risks. Each answer
/// is checked as it is given, and a wrong one asks again with the text kept.
struct ResearchPrompts: Sendable {
    let ref: String
    let meeting: Day
    let today: Day

    func agency(_ typed: String, problem: String? = nil) -> Effect {
        .prompt(ActionPrompts.question("Research return for \(ref): agency code", problem), initial: typed) { text in
            do { _ = try AgencyCode(validating: text) } catch { return [agency(text, problem: ActionPrompts.words(error))] }
            return [known(agency: text, "")]
        }
    }

    func known(agency: String, _ typed: String, problem: String? = nil) -> Effect {
        .prompt(ActionPrompts.question("Known to \(agency)? (yes or no)", problem), initial: typed) { text in
            let known: Bool
            do { known = try ResearchReturnInput.parseKnown(text.trimmingCharacters(in: .whitespaces)) } catch {
                return [self.known(agency: agency, text, problem: ActionPrompts.words(error))]
            }
            return [summary(agency: agency, known: known, "")]
        }
    }

    func summary(agency: String, known: Bool, _ typed: String, problem: String? = nil) -> Effect {
        .prompt(ActionPrompts.question(known ? "What \(agency) holds" : "Anything to add (Enter for nothing)", problem), initial: typed) { text in
            if known, text.trimmingCharacters(in: .whitespaces).isEmpty {
                return [summary(agency: agency, known: known, text, problem: "say what the agency holds")]
            }
            return [risks(agency: agency, known: known, summary: text, "")]
        }
    }

    func risks(agency: String, known: Bool, summary: String, _ typed: String) -> Effect {
        .prompt("Current risks or safeguarding in place (Enter for none)", initial: typed) { text in
            let fields = ["referral_ref": ref, "agency": agency, "known": known ? "yes" : "no", "summary": summary, "current_risks": text]
            let meeting = self.meeting, ref = self.ref
            return [.run("research return recorded for \(ref) (\(agency))") { session in
                try session.recordResearch(on: meeting, fields)
            }]
        }
    }
}
