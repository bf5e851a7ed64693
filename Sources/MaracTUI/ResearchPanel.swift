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
        // Every return wrapped, none cut mid-word (issue 22: `interpreter neede`);
        // what does not fit is counted, and `f` shows it all.
        let all = Self.lines(returns, width: width - 1)
        let room = height - 1
        for (index, line) in all.enumerated() where index < room {
            if index == room - 1, all.count > room {
                buffer.put("… \(all.count - index) more lines: f shows every return in full", x: x + 1, y: y + 1 + index, style: .dim, limit: width - 1)
                break
            }
            buffer.put(line.0, x: x + 1, y: y + 1 + index, style: line.1, limit: width - 1)
        }
    }

    /// Rows the panel would fill for a case at `width`: its heading and
    /// every line (or the "no returns" line), so what follows it (meeting
    /// mode's actions) sits right below instead of under empty rows.
    func rowsNeeded(for c: Agenda.Case, width: Int) -> Int {
        guard shown else { return 1 }
        let returns = byRef[c.referral.ref] ?? []
        return 1 + (returns.isEmpty ? 1 : Self.lines(returns, width: width - 1).count)
    }

    /// A case's returns, each agency's in full and wrapped at `width`: the
    /// panel and the full view (`ResearchTextScreen`) show the same lines.
    static func lines(_ returns: [ResearchReturnRecord], width: Int) -> [(String, CellStyle)] {
        var out: [(String, CellStyle)] = []
        for r in returns.sorted(by: { $0.agency < $1.agency }) {
            let text = "\(r.agency): \(ResearchReturnInput.knownWords(r.known))"
                + (r.summary.isEmpty ? "" : " · \(r.summary)")
                + (r.currentRisks.isEmpty ? "" : " · risks: \(r.currentRisks)")
                + " · \(r.returnedOn) · \(r.recordedBy)\(r.onBehalf ? " for \(r.agency)" : "")"
            for (index, line) in Wrap.lines(TerminalText.escape(text), width: max(10, width - 2)).enumerated() {
                out.append((index == 0 ? line : "  " + line, .plain))
            }
        }
        return out
    }
}

/// Recording a research return at the table: the agency (an agency user's own
/// to start with), known or not, what it holds, the current risks. Each answer
/// is checked as it is given, and a wrong one asks again with the text kept.
public struct ResearchPrompts: Equatable, Sendable {
    public enum Step: Equatable, Sendable { case agency, known, summary, risks }

    let ref: String
    let meeting: Day
    var agency = ""
    var known = false
    var summary = ""

    init(ref: String, meeting: Day) {
        self.ref = ref
        self.meeting = meeting
    }

    /// The first question, offering `agency` (the person's own, if any).
    func ask(offering agency: String) -> Effect { .ask(.research(self, .agency, problem: nil), initial: agency) }

    func question(_ step: Step) -> String {
        switch step {
        case .agency: "Research return for \(ref): agency code"
        case .known: "Known to \(agency)? (yes or no)"
        case .summary: known ? "What \(agency) holds" : "Anything to add (Enter for nothing)"
        case .risks: "Current risks or safeguarding in place (Enter for none)"
        }
    }

    func answer(_ step: Step, _ text: String) -> [Effect] {
        func again(_ problem: String) -> [Effect] { [.ask(.research(self, step, problem: problem), initial: text)] }
        var next = self
        switch step {
        case .agency:
            do { _ = try AgencyCode(validating: text) } catch { return again(ActionPrompts.words(error)) }
            next.agency = text
            return [.ask(.research(next, .known, problem: nil), initial: "")]
        case .known:
            do { next.known = try ResearchReturnInput.parseKnown(text.trimmingCharacters(in: .whitespaces)) } catch {
                return again(ActionPrompts.words(error))
            }
            return [.ask(.research(next, .summary, problem: nil), initial: "")]
        case .summary:
            if known, text.trimmingCharacters(in: .whitespaces).isEmpty { return again("say what the agency holds") }
            next.summary = text
            return [.ask(.research(next, .risks, problem: nil), initial: "")]
        case .risks:
            let fields = ["referral_ref": ref, "agency": agency, "known": known ? "yes" : "no", "summary": summary, "current_risks": text]
            return [.request(.recordResearch(meeting: meeting, fields: fields))]
        }
    }
}
