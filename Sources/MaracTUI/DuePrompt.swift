import MaracCore
import MaracCases

/// Moving an action's due date: checked as it is typed by Core's rule (a
/// real date, today or later); a wrong answer is asked again with the text
/// as typed and the problem beside it, as the use case would refuse it.
enum DuePrompt {
    static func ask(_ id: Int64, today: Day, _ typed: String, problem: String? = nil) -> Effect {
        .prompt(problem.map { "New due date for #\(id) — \($0):" } ?? "New due date for #\(id)", initial: typed) { text in
            guard let day = Day(text.trimmingCharacters(in: .whitespaces)) else {
                return [ask(id, today: today, text, problem: "not a real date in the form YYYY-MM-DD")]
            }
            do throws(FieldError) { try ActionRules.checkNewDue(day, today: today) } catch {
                return [ask(id, today: today, text, problem: error.message)]
            }
            return [.run("action #\(id) now due \(day)") { session in try session.moveActionDue(id, to: day) }]
        }
    }
}
