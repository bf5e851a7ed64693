import MaracCore
import MaracCases

/// Changing an agenda from meeting mode: take a case off, move it to another
/// meeting, add an urgent late case once hearing has started. Each question
/// is asked again with the text kept when the answer cannot be right.
enum AgendaEditing {
    static func answerMove(_ text: String, ref: String, from day: Day) -> [Effect] {
        func again(_ problem: String) -> [Effect] { [.ask(.moveCase(ref: ref, from: day, problem: problem), initial: text)] }
        guard let target = Day(text.trimmingCharacters(in: .whitespaces)) else { return again("not a real date in the form YYYY-MM-DD") }
        guard target != day else { return again("that is this meeting") }
        return [.request(.moveCase(ref: ref, from: day, to: target))]
    }

    /// An urgent case added after hearing has started: a referral just
    /// received is screened in with it, in one step.
    static func answerLate(_ text: String, on day: Day) -> [Effect] {
        let ref = text.trimmingCharacters(in: .whitespaces)
        guard !ref.isEmpty else { return [.ask(.lateCase(meeting: day, problem: "a reference is needed"), initial: text)] }
        return [.request(.addLateCase(ref: ref, meeting: day))]
    }
}

/// Screening in and choosing the meeting to list the case on (the next one
/// is offered); a wrong date is asked again with the text kept.
enum ListingPrompt {
    static func answer(_ text: String, ref: String) -> [Effect] {
        guard let day = Day(text.trimmingCharacters(in: .whitespaces)) else {
            return [.ask(.listingMeeting(ref: ref, problem: "not a real date in the form YYYY-MM-DD"), initial: text)]
        }
        return [.request(.screenIn(ref: ref, meeting: day))]
    }
}
