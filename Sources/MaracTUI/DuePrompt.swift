import MaracCore

/// Moving an action's due date: checked as it is typed by Core's rule (a
/// real date, today or later); a wrong answer is asked again with the text
/// as typed and the problem beside it, as the use case would refuse it.
enum DuePrompt {
    static func answer(_ text: String, action id: Int64, today: Day) -> [Effect] {
        func again(_ problem: String) -> [Effect] { [.ask(.newDueDate(action: id, today: today, problem: problem), initial: text)] }
        guard let day = Day(text.trimmingCharacters(in: .whitespaces)) else {
            return again("not a real date in the form YYYY-MM-DD")
        }
        do throws(FieldError) { try ActionRules.checkNewDue(day, today: today) } catch {
            return again(error.message)
        }
        // The move needs its reason (issue 20), asked next.
        return [CorrectionPrompt.ask(.moveDue(action: id, to: day))]
    }
}
