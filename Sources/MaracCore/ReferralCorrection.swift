/// Correcting a referral's details (issue 20): which fields an edit changed,
/// from what to what, and a command line's few changes laid over the
/// referral as stored. The use case keeps the changes in the record's history.
public enum ReferralCorrection {
    /// The fields people correct, in the field table's order: every field
    /// they type except the reference, which names the record.
    public static let fields: [ReferralField] = ReferralField.all.filter { $0.enteredByPeople && $0.column != "referral_ref" }

    /// Each field whose value differs between the two (the field table's
    /// columns, as `ReferralDetail.columnValues` gives them), with whose
    /// record holds it; identifying as the field table says.
    public static func changes(before: [String: String], after: [String: String]) -> [(home: ReferralField.Home, change: FieldChange)] {
        fields.compactMap { field in
            let from = before[field.column], to = after[field.column]
            guard from != to else { return nil }
            return (field.home, FieldChange(field: field.column, from: from, to: to, identifying: field.identifying))
        }
    }

    /// The stored columns with `given` laid over them: a blank value clears
    /// the field. The checklist is one thing: answers given alone replace the
    /// stored score, a score given alone replaces the stored answers, and a
    /// version given alone starts that version's checklist empty (so the
    /// answers it clears are counted, never misread as the other version's).
    public static func merged(stored: [String: String], given: [String: String]) throws(FieldError) -> [String: String] {
        if let ref = given["referral_ref"], ref != stored["referral_ref"] {
            throw FieldError("referral_ref", "the reference of a saved referral cannot change")
        }
        var fields = stored.filter { !ReferralField.setByMarac.contains($0.key) }
        if given["ric_answers"] != nil, given["ric_score"] == nil { fields["ric_score"] = nil }
        if given["ric_score"] != nil, given["ric_answers"] == nil { fields["ric_answers"] = nil }
        if let version = given["ric_version"], version != stored["ric_version"], given["ric_answers"] == nil, given["ric_score"] == nil {
            fields["ric_answers"] = nil
            fields["ric_score"] = nil
        }
        for (column, value) in given where !ReferralField.setByMarac.contains(column) {
            fields[column] = value.isEmpty ? nil : value
        }
        return fields
    }
}

extension ReferralRecord {
    /// The checklist as stored: its answers when it has them, else its score.
    public var checklist: RiskChecklist? {
        if let ricAnswers, let parsed = try? RiskChecklist.parse(answers: ricAnswers, version: ricVersion) { return parsed }
        return ricScore.flatMap { try? RiskChecklist.scoreOnly($0, version: ricVersion) }
    }
}
