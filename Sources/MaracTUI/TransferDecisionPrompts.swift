import MaracCore

/// Deciding on a case taken in from another MARAC, from triage (issue 25):
/// list it for a meeting or note it without a hearing, with a reason either
/// way, then the file the acknowledgement for the sending MARAC is written
/// to. The same use case as `marac transfer decide` (the next planned
/// meeting when listed). Each answer is checked as given; a wrong one is
/// asked again with the text kept.
public struct TransferDecisionPrompts: Equatable, Sendable {
    public enum Step: Equatable, Sendable { case decision, reason, path }

    let ref: String
    let from: String
    var decision: TransferDecision?
    var reason = ""

    init(ref: String, from: String) {
        self.ref = ref
        self.from = from
    }

    var ask: Effect { .ask(.transferDecision(self, .decision, problem: nil), initial: "") }

    /// The file offered: in the current folder, named after the case.
    var defaultPath: String { "transfer-ack-\(ref).age" }

    func question(_ step: Step) -> String {
        switch step {
        case .decision: "\(ref), transferred from \(from): list it for a meeting or note it without a hearing (list or note)"
        case .reason: "Why \(decision == .note ? "note" : "list") \(ref)? (sent back in the acknowledgement)"
        case .path: "File for the acknowledgement to \(from) (encrypted to its key; readable by you only)"
        }
    }

    func answer(_ step: Step, _ typed: String) -> [Effect] {
        func again(_ problem: String) -> [Effect] { [.ask(.transferDecision(self, step, problem: problem), initial: typed)] }
        let text = typed.trimmingCharacters(in: .whitespaces)
        var after = self
        switch step {
        case .decision:
            guard let chosen = TransferDecision(rawValue: text.lowercased()), chosen != .reject else { return again("list or note") }
            after.decision = chosen
            return [.ask(.transferDecision(after, .reason, problem: nil), initial: "")]
        case .reason:
            guard !text.isEmpty else { return again("a reason is needed either way") }
            after.reason = typed
            return [.ask(.transferDecision(after, .path, problem: nil), initial: defaultPath)]
        case .path:
            guard !text.isEmpty else { return again("a file name is needed") }
            guard let decision else { return [.message("cancelled: no decision")] }
            return [.request(.decideTransfer(ref: ref, decision: decision, reason: reason, path: text))]
        }
    }
}
