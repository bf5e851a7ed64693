import MaracCore

/// What F1 (and `?` off a text field) says about the thing in hand (issue 22,
/// defect 4): a form field's format and allowed values by name, a question's
/// format, and the keys that edit or choose. The formats come from the field
/// table and the pickers' lists, so help and checks say the same.
enum FieldHelp {
    typealias Line = (keys: String, help: String)

    static let dateFormat = "a date as YYYY-MM-DD: year, month, day with dashes, e.g. 2026-12-17"
    static let editing: [Line] = [
        ("typing", "edits the text (Bksp, Del, ←, →, Home, End; ^U clears, ^Y puts it back); ? and / type themselves"),
        ("F1", "this help (any key closes it; the text is kept); ? and / are typed"),
    ]
    static let choosing: [Line] = [
        ("typing", "filters the list by name (or code); the code never has to be known"),
        ("↑ ↓ PgUp PgDn", "move; Enter chooses the highlighted one"),
        ("Enter", "with nothing matching, uses the text as typed (checked, and asked again if wrong)"),
        ("Esc", "cancel"),
    ]
    static let marking: Line = ("space", "marks or unmarks the highlighted one; Enter takes all marked")

    /// A form field: what it is, its format, its allowed values by name.
    static func lines(for field: ReferralField) -> [Line] {
        var out: [Line] = [(field.label, field.help + (field.required ? " Required." : ""))]
        switch field.kind {
        case .day: out.append(("format", dateFormat))
        case .count: out.append(("format", "a whole number, e.g. 2"))
        case .name: out.append(("format", "the name as the person gives it (never shown in errors)"))
        case .code(let codes):
            out.append(("allowed", codes.map { name(of: $0, column: field.column) }.joined(separator: ", ")))
            out.append(("F4 ^O", "choose from the list by name"))
        case .list where field.column == "children":
            out = [(field.label, "one child each, ; between: name|YYYY-MM-DD|lives with; name|YYYY-MM-DD|lives with; …")]
        case .list where field.column == "criteria":
            out.append(("allowed", ReferralCriterion.allCases.filter { $0 != .repeat }.map { name(of: $0.rawValue, column: "criteria") }.joined(separator: "; ")
                + " (repeat is worked out)"))
            out.append(("F4 ^O", "choose from the list by name"))
        case .list: out.append(("format", "several, separated by ;"))
        case .codes(let codes):
            out.append(("allowed", "several, ; between: " + codes.map { name(of: $0, column: field.column) }.joined(separator: "; ")))
        case .text where field.column == "lawful_basis":
            out.append(("allowed", "one of this MARAC's lawful bases for sharing without consent"))
            out.append(("F4 ^O", "choose from the list by name"))
        case .text, .checklistAnswers: break
        }
        return out
    }

    /// A question's format, from the question itself.
    static func lines(for question: Question) -> [Line] {
        var out: [Line] = [("question", question.text)]
        let text = question.text
        if text.contains("YYYY-MM-DD") || text.contains("date") { out.append(("format", dateFormat)) }
        switch question {
        case .attendance: out.append(("agencies", "the agencies present: each signs the confidentiality statement"))
        case .agencyFilter, .newAgency: out.append(("agency", "chosen by name; the first line keeps all, or as it is"))
        case .reopenWhich: out.append(("format", "an action number, e.g. 12"))
        default: break
        }
        return out
    }

    /// Words for a stored code: agencies by name, the rest as words.
    static func name(of code: String, column: String) -> String {
        switch column {
        case "referring_agency", "second_agency": Draw.agency(code)
        default: Words.code(code)
        }
    }
}

/// A stored code in words: `not_given` → `not given` (agencies have names: `Draw.agency`).
enum Words {
    static func code(_ code: String) -> String { code.replacingOccurrences(of: "_", with: " ") }
}
