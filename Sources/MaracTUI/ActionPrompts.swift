import MaracCore

/// Agreeing an action at the table: four questions, each checked as it is
/// answered. A wrong answer asks the same question again with the text as
/// typed and the problem beside it, so nothing typed before is lost. The
/// answers so far ride in the value, so each question is a plain value too.
public struct ActionPrompts: Equatable, Sendable {
    public enum Step: Equatable, Sendable { case agency, owner, due, what }

    let ref: String
    let meeting: Day
    let today: Day
    /// The agency codes known to this database (empty: any well-formed code).
    let agencies: [String]
    var agency = ""
    var owner = ""
    var due: Day?

    init(ref: String, meeting: Day, today: Day, agencies: [String]) {
        self.ref = ref
        self.meeting = meeting
        self.today = today
        self.agencies = agencies
    }

    /// The first question.
    var ask: Effect { .ask(.action(self, .agency, problem: nil), initial: "") }

    static func words(_ error: Error) -> String { (error as? FieldError)?.message ?? "not valid" }

    func question(_ step: Step) -> String {
        switch step {
        case .agency: "Action on \(ref): agency code"
        case .owner: "Owner (the person responsible)"
        case .due: "Due (YYYY-MM-DD)"
        case .what: "What is to be done"
        }
    }

    func answer(_ step: Step, _ text: String) -> [Effect] {
        func again(_ problem: String) -> [Effect] { [.ask(.action(self, step, problem: problem), initial: text)] }
        var next = self
        switch step {
        case .agency:
            let code: AgencyCode
            do { code = try AgencyCode(validating: text) } catch { return again(Self.words(error)) }
            if !agencies.isEmpty, !agencies.contains(code.rawValue) {
                return again("\(code) is not an agency here; e.g. police, idva, housing")
            }
            next.agency = code.rawValue
            return [.ask(.action(next, .owner, problem: nil), initial: "")]
        case .owner:
            do { _ = try ActionRules.requireText(text, field: "owner") } catch { return again(Self.words(error)) }
            next.owner = text
            // A fortnight is offered: most actions are due before the next meeting.
            return [.ask(.action(next, .due, problem: nil), initial: today.adding(days: 14).description)]
        case .due:
            guard let day = Day(text.trimmingCharacters(in: .whitespaces)) else { return again("not a real date in the form YYYY-MM-DD") }
            guard day >= today else { return again("before today") }
            next.due = day
            return [.ask(.action(next, .what, problem: nil), initial: "")]
        case .what:
            do { _ = try ActionRules.requireText(text, field: "description") } catch { return again(Self.words(error)) }
            guard let due else { return [] }
            return [.request(.addAction(ref: ref, agency: agency, owner: owner, due: due, description: text, meeting: meeting))]
        }
    }
}
