import MaracCore
import MaracCases

/// Changing an agenda from meeting mode: take a case off, move it to another
/// meeting, add an urgent late case once hearing has started. Each question
/// is asked again with the text kept when the answer cannot be right.
enum AgendaEditing {
    static func remove(_ ref: String, from day: Day) -> Effect {
        .confirm("Take \(ref) off the agenda for \(day)? It waits, screened in, for another meeting (y/n)") { yes in
            yes ? [.run("\(ref) taken off the agenda for \(day)") { session in try session.removeCase(ref, from: day) }] : []
        }
    }

    static func move(_ ref: String, from day: Day, _ typed: String, problem: String? = nil) -> Effect {
        .prompt(problem.map { "Move \(ref) to the meeting on (YYYY-MM-DD) — \($0):" } ?? "Move \(ref) to the meeting on (YYYY-MM-DD)",
                initial: typed) { text in
            guard let target = Day(text.trimmingCharacters(in: .whitespaces)) else {
                return [move(ref, from: day, text, problem: "not a real date in the form YYYY-MM-DD")]
            }
            guard target != day else { return [move(ref, from: day, text, problem: "that is this meeting")] }
            return [.run("\(ref) moved to the meeting on \(target)") { session in try session.moveCase(ref, from: day, to: target) }]
        }
    }

    /// One place up or down within the case's section, kept for every reload;
    /// the highlight follows the case (the screen follows by reference).
    static func place(_ ref: String, on day: Day, _ place: Session.AgendaPlace) -> Effect {
        .run("\(ref) moved \(place == .up ? "up" : "down") within its section") { session in
            try session.reorderCase(ref, on: day, to: place)
        }
    }

    /// An urgent case added after hearing has started: a referral just
    /// received is screened in with it, in one step.
    static func late(on day: Day, _ typed: String = "", problem: String? = nil) -> Effect {
        .prompt(problem.map { "Urgent late case for \(day): reference — \($0):" } ?? "Urgent late case for \(day): reference", initial: typed) { text in
            let ref = text.trimmingCharacters(in: .whitespaces)
            guard !ref.isEmpty else { return [late(on: day, text, problem: "a reference is needed")] }
            return [.run("\(ref) added late, urgent, to the meeting on \(day)") { session in
                let status = try session.referral(ref).referral.status
                if status.canBeScreened { try session.screenInLate(ref, on: day) } else { try session.listCase(ref, on: day, urgentLate: true) }
            }]
        }
    }

    /// The first planned meeting after `day`, offered when moving a case.
    static func nextMeeting(after day: Day, session: Session) -> String {
        let page = try? session.meetings(limit: 50)
        return page?.items.filter { $0.heldOn > day && $0.status == .planned }.map(\.heldOn).min()?.description ?? ""
    }
}

/// Screening in and choosing the meeting to list the case on (the next one
/// is offered); a wrong date is asked again with the text kept.
enum ListingPrompt {
    static func ask(_ ref: String, _ typed: String, problem: String? = nil) -> Effect {
        .prompt(problem.map { "List \(ref) on the meeting of (YYYY-MM-DD) — \($0):" } ?? "List \(ref) on the meeting of (YYYY-MM-DD)",
                initial: typed) { text in
            guard let day = Day(text.trimmingCharacters(in: .whitespaces)) else {
                return [ask(ref, text, problem: "not a real date in the form YYYY-MM-DD")]
            }
            return [.run("\(ref) screened in and listed for \(day)") { session in try session.screenIn(ref, listingOn: day) }]
        }
    }
}
