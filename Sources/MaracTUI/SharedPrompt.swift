import MaracCore

/// An agency present at the meeting, offered by name when what was shared is recorded.
public struct AgencyChoice: Equatable, Sendable {
    public let code: String
    public let name: String
}

/// Meeting mode's "what was shared" (issue 20): the agency first, picked by
/// number or name from the agencies present (the register), then the text.
/// With no register yet there is nothing to pick from: the text alone is
/// asked, recorded as "agency not recorded", as before.
enum SharedPrompt {
    static func ask(ref: String, meeting: Day, present: [AgencyChoice]) -> Effect {
        present.isEmpty ? .ask(.shared(ref: ref, meeting: meeting), initial: "")
            : .ask(.sharedAgency(ref: ref, meeting: meeting, present: present, problem: nil), initial: "")
    }

    static func question(_ ref: String, _ present: [AgencyChoice]) -> String {
        "Who shared it about \(ref)? " + present.enumerated().map { "\($0.offset + 1) \($0.element.name)" }.joined(separator: " · ")
    }

    /// A number from the list, or a name (its start is enough when only one agency begins so).
    static func answerAgency(_ text: String, ref: String, meeting: Day, present: [AgencyChoice]) -> [Effect] {
        let typed = text.trimmingCharacters(in: .whitespaces)
        let folded = typed.lowercased()
        var picked: AgencyChoice?
        if let n = Int(typed), present.indices.contains(n - 1) {
            picked = present[n - 1]
        } else if !folded.isEmpty {
            let exact = present.filter { $0.name.lowercased() == folded || $0.code == folded }
            let starting = present.filter { $0.name.lowercased().hasPrefix(folded) }
            picked = exact.first ?? (starting.count == 1 ? starting.first : nil)
        }
        guard let picked else {
            return [.ask(.sharedAgency(ref: ref, meeting: meeting, present: present, problem: "pick one present, by number or name"), initial: text)]
        }
        return [.ask(.sharedBy(ref: ref, meeting: meeting, agency: picked), initial: "")]
    }
}
