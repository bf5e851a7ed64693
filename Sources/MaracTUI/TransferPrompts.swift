import MaracCore

/// Sending a case to another MARAC from the referral page (issue 25), the
/// flowchart's questions in turn through the one answer path: the receiving
/// MARAC (from the known peers), temporary or permanent, the date of the
/// move, when heard here (empty: not heard), the agenda already circulated,
/// the IDVA handover (to whom; empty: none arranged), the checklist to be
/// redone, then the file. Each answer is checked as it is given; a wrong one
/// asks the same question again with the text as typed. The answers so far
/// ride in the value; the whole is checked again (`TransferAnswers.checked`)
/// and then by the same use case `marac transfer out` calls.
public struct TransferPrompts: Equatable, Sendable {
    public enum Step: Equatable, Sendable { case peer, move, movedOn, heardOn, agenda, idva, redo, path }

    let ref: String
    let today: Day
    var peer = ""
    var fields: [String: String] = [:]

    init(ref: String, today: Day) {
        self.ref = ref
        self.today = today
    }

    /// The first question: which MARAC receives the case.
    var ask: Effect { .ask(.transferOut(self, .peer, problem: nil), initial: "") }

    /// The file offered: in the current folder, named after the case.
    var defaultPath: String { "transfer-\(ref).age" }

    func question(_ step: Step) -> String {
        switch step {
        case .peer: "Transfer \(ref) to which MARAC"
        case .move: "Is the move temporary or permanent"
        case .movedOn: "Date of the move (YYYY-MM-DD)"
        case .heardOn: "When was it heard here (YYYY-MM-DD; empty: not heard here)"
        case .agenda: "Has this MARAC's agenda with the case already gone out (yes or no)"
        case .idva: "Who did the IDVA hand over to (empty: no handover arranged)"
        case .redo: "Should the receiving MARAC redo the risk checklist (yes or no)"
        case .path: "File for the transfer of \(ref) (encrypted to \(peer)'s key; readable by you only)"
        }
    }

    func answer(_ step: Step, _ typed: String) -> [Effect] {
        func again(_ problem: String) -> [Effect] { [.ask(.transferOut(self, step, problem: problem), initial: typed)] }
        func next(_ prompts: TransferPrompts, _ step: Step, initial: String = "") -> [Effect] {
            [.ask(.transferOut(prompts, step, problem: nil), initial: initial)]
        }
        let text = typed.trimmingCharacters(in: .whitespaces)
        var after = self
        switch step {
        case .peer:
            do throws(FieldError) { after.peer = try MaracPeerName.checked(text) } catch { return again("choose a MARAC from the list") }
            return next(after, .move)
        case .move:
            guard TransferAnswers.Move(rawValue: text.lowercased()) != nil else { return again("temporary or permanent") }
            after.fields["move"] = text.lowercased()
            return next(after, .movedOn, initial: today.description)
        case .movedOn:
            guard Day(text) != nil else { return again("not a real date in the form YYYY-MM-DD") }
            after.fields["moved_on"] = text
            return next(after, .heardOn)
        case .heardOn:
            if !text.isEmpty {
                guard let day = Day(text) else { return again("not a real date in the form YYYY-MM-DD") }
                guard day <= today else { return again("in the future") }
                after.fields["heard_on"] = day.description
            }
            return next(after, .agenda)
        case .agenda, .redo:
            guard let yes = Self.yesNo(text) else { return again("yes or no") }
            after.fields[step == .agenda ? "agenda_circulated" : "redo_checklist"] = yes
            return step == .agenda ? next(after, .idva) : next(after, .path, initial: defaultPath)
        case .idva:
            guard text.count <= ReferralInput.maxNameLength else { return again("longer than \(ReferralInput.maxNameLength) characters") }
            after.fields["idva_handover"] = text
            return next(after, .redo)
        case .path:
            guard !text.isEmpty else { return again("a file name is needed") }
            let answers: TransferAnswers
            do throws(ValidationFailure) {
                answers = try TransferAnswers.checked(move: fields["move"], movedOn: fields["moved_on"], heardOn: fields["heard_on"],
                                                      agendaCirculated: fields["agenda_circulated"], idvaHandoverTo: fields["idva_handover"],
                                                      redoChecklist: fields["redo_checklist"], today: today)
            } catch {
                return [.message("not sent: \(error.description)")]
            }
            return [.request(.transferOut(ref: ref, peer: peer, answers: answers, path: text))]
        }
    }

    static func yesNo(_ text: String) -> String? {
        switch text.lowercased() {
        case "yes", "y": "yes"
        case "no", "n": "no"
        default: nil
        }
    }
}
