import Foundation
import MaracCore
import MaracCases

/// Which questions are answered from a list, and the list for each (issue 22,
/// defect 5): agencies by name (those present first), meetings, a form
/// field's codes, lawful bases. Read when the question opens, so the keys
/// that asked it stay plain functions; a list that cannot be read (a role
/// that may not see it) leaves the question typed, as before.
extension App {
    func picker(for question: Question, initial: String) -> Picker? {
        switch question {
        case .attendance:
            let typed = initial.split(separator: " ").map(String.init)
            guard let agencies = agencyOptions(first: typed) else { return nil }
            // Known agencies come back marked; words that name none stay typed, to be put right.
            let present = typed.filter { code in agencies.contains { $0.code == code } }
            var picker = Picker(title: "Agencies present (space marks, Enter signs)", options: agencies, multiple: true, chosen: present)
            picker.filter = LineEditor(typed.filter { !present.contains($0) }.joined(separator: " "))
            return picker
        case .confirmAgencies(let day):
            // Those already confirmed lead the list, marked (issue 22: no code known by heart).
            let confirmed = (try? session.researchListRecipients(on: day)) ?? []
            guard let agencies = agencyOptions(first: confirmed) else { return nil }
            // Asked again after a refusal: the codes typed come back marked, other words stay typed.
            let typed = initial.split(separator: " ").map(String.init)
            let known = typed.filter { code in agencies.contains { $0.code == code } }
            var picker = Picker(title: "Agencies that will attend (space marks, Enter confirms)", options: agencies, multiple: true,
                                chosen: confirmed + known.filter { !confirmed.contains($0) })
            picker.filter = LineEditor(typed.filter { !known.contains($0) }.joined(separator: " "))
            return picker
        case .researchListsFor(let day, _):
            let confirmed = (try? session.researchListRecipients(on: day)) ?? []
            guard let agencies = agencyOptions(first: confirmed) else { return nil }
            return single("Research lists for", [PickerOption(code: "", name: "(every agency that confirmed: \(confirmed.count))")] + agencies, initial)
        case .newAgency:
            guard let agencies = agencyOptions() else { return nil }
            return single("Agency for the action", [PickerOption(code: "", name: "(as it is)")] + agencies, initial)
        case .agencyFilter, .agencyFilterAgain:
            guard let agencies = agencyOptions() else { return nil }
            return single("Actions of which agency", [PickerOption(code: "", name: "(all agencies)")] + agencies, initial)
        case .action(_, .agency, _), .research(_, .agency, _):
            guard let agencies = agencyOptions(first: initial.isEmpty ? [] : [initial]) else { return nil }
            return single("Which agency", agencies, initial)
        case .sharedAgency(_, _, let present, _):
            return single("Who shared it", present.map { PickerOption(code: $0.code, name: $0.name, note: "present") }, initial)
        case .listingMeeting, .moveCase:
            guard let meetings = meetingOptions(), !meetings.isEmpty else { return nil }
            return single("Which meeting", meetings, initial)
        case .incident(let prompts, let step, _):
            return incidentPicker(prompts, step, initial)
        case .transferOut(_, let step, _):
            return transferPicker(step, initial)
        case .transferDecision(_, .decision, _):
            return single("List or note the case", [PickerOption(code: "list", name: "list it for the next meeting"),
                                                    PickerOption(code: "note", name: "note it without a hearing")], initial)
        case .formField(let column, let label):
            guard let options = formOptions(column) else { return nil }
            if column == "criteria" {
                let marked = initial.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                return Picker(title: label + " (space marks, Enter takes them)", options: options, multiple: true, chosen: marked)
            }
            return single(label, options, initial)
        default:
            return nil
        }
    }

    /// A single choice: what was offered goes first and highlighted; other text typed filters.
    private func single(_ title: String, _ options: [PickerOption], _ initial: String) -> Picker {
        var ordered = options
        if let offered = options.firstIndex(where: { $0.code == initial }) { ordered.insert(ordered.remove(at: offered), at: 0) }
        // Text typed earlier that is not a choice stays in the field, as a typed
        // question keeps it (^U clears it to see them all). The current choice
        // itself is not filter text: it leads the list, highlighted, and what is
        // typed next looks for another (the form's consent starts at `unknown`).
        var picker = Picker(title: title, options: ordered)
        picker.filter = LineEditor(options.contains { $0.code == initial } ? "" : initial)
        return picker
    }

    /// An incident's coded answers by name (issue 23): agency, abuse types,
    /// crime reported, and the perpetrator from the victim's known ones.
    private func incidentPicker(_ prompts: IncidentPrompts, _ step: IncidentPrompts.Step, _ initial: String) -> Picker? {
        switch step {
        case .agency:
            guard let agencies = agencyOptions() else { return nil }
            return single("Which agency heard of it", agencies, initial)
        case .types:
            let options = AbuseType.allCases.map { PickerOption(code: $0.rawValue, name: $0.words) }
            let marked = initial.split(whereSeparator: { $0 == " " || $0 == ";" }).map(String.init)
            return Picker(title: "Abuse types (space marks, Enter takes them)", options: options, multiple: true, chosen: marked)
        case .crime:
            return single("Was a crime reported", [PickerOption(code: "no", name: "no"), PickerOption(code: "yes", name: "yes")], initial)
        case .perpetrator:
            guard let known = try? session.knownPerpetrators(of: prompts.ref) else { return nil }
            let people = known.map { PickerOption(code: String($0.personID), name: $0.name,
                                                  note: "person \($0.personID)" + ($0.dob.map { ", born \($0)" } ?? "")) }
            return single("Who did it", people + [
                PickerOption(code: IncidentPrompts.newPerpetrator, name: "someone not listed", note: "name and date of birth next"),
                PickerOption(code: IncidentPrompts.unknownPerpetrator, name: "not known", note: "cannot be shown to be a repeat"),
            ], initial)
        default:
            return nil
        }
    }

    /// A transfer's coded answers by name (issue 25): the known MARACs, the move, yes or no.
    private func transferPicker(_ step: TransferPrompts.Step, _ initial: String) -> Picker? {
        let yesNo = [PickerOption(code: "no", name: "no"), PickerOption(code: "yes", name: "yes")]
        switch step {
        case .peer:
            guard let peers = try? session.maracPeers(), !peers.isEmpty else { return nil }
            return single("Which MARAC receives the case", peers.map { PickerOption(code: $0.name, name: $0.name) }, initial)
        case .move:
            return single("The move", TransferAnswers.Move.allCases.map { PickerOption(code: $0.rawValue, name: $0.rawValue) }, initial)
        case .agenda: return single("Agenda already circulated", yesNo, initial)
        case .redo: return single("Redo the risk checklist", yesNo, initial)
        default: return nil
        }
    }

    /// The agencies known here, by name; `first` (those present) lead the list.
    func agencyOptions(first: [String] = []) -> [PickerOption]? {
        guard let agencies = try? session.agencies(), !agencies.isEmpty else { return nil }
        let options = agencies.map { PickerOption(code: $0.code, name: $0.name, note: first.contains($0.code) ? "present" : "") }
        return options.filter { first.contains($0.code) } + options.filter { !first.contains($0.code) }
    }

    /// Meetings from today on, soonest first.
    func meetingOptions() -> [PickerOption]? {
        guard let page = try? session.meetings(limit: 50) else { return nil }
        return page.items.filter { $0.heldOn >= session.today }.sorted { $0.heldOn < $1.heldOn }.map {
            PickerOption(code: $0.heldOn.description, name: $0.heldOn.description,
                         note: "\(Count.of($0.cases, "case")) · \($0.status.words)")
        }
    }

    /// A form field's allowed values by name.
    func formOptions(_ column: String) -> [PickerOption]? {
        if column == "lawful_basis" {
            guard let bases = try? session.lawfulBases(), !bases.isEmpty else { return nil }
            return bases.map { PickerOption(code: $0.code, name: $0.text, note: $0.code) }
        }
        if column == "criteria" {
            return ReferralCriterion.allCases.filter { $0 != .repeat }.map { PickerOption(code: $0.rawValue, name: Words.code($0.rawValue)) }
        }
        guard let field = ReferralField.byColumn[column], case .code(let codes) = field.kind else { return nil }
        if column == "referring_agency" || column == "second_agency", let agencies = agencyOptions() {
            let routes = agencies.filter { codes.contains($0.code) }
            if !routes.isEmpty { return routes }
        }
        return codes.map { PickerOption(code: $0, name: FieldHelp.name(of: $0, column: column)) }
    }

    /// The status line under a question: its keys (F1 help on every one).
    static func promptHints(_ kind: PromptState.Kind) -> String {
        switch kind {
        case .confirm: " y yes  n no"
        case .text: " Enter ok  Esc cancel  F1 help"
        case .pick(_, let picker): " type to filter  ↑↓ move  " + (picker.multiple ? "space mark  " : "") + "Enter choose  Esc cancel  F1 help"
        }
    }

    /// Rows a picker's list has, for paging.
    var pickerRows: Int { max(1, size.height - 9) }
}
