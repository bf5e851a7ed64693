import MaracCore

/// The research list as the CSV an agency fills in: `ResearchReturnInput.columns`,
/// the return columns blank, so the same file comes back to `meeting research-return`.
/// Cells that a spreadsheet would run as formulas are neutralised (and undone
/// when the list comes back).
public enum ResearchListCSV {
    public static func render(_ list: ResearchList) -> String {
        ([CSV.row(ResearchReturnInput.columns)] + list.cases.map { c in
            CSV.safeRow(ResearchReturnInput.columns.map { column in
                switch column {
                case "referral_ref": c.ref
                case "agency": list.agency
                default: c.matching[column] ?? ""
                }
            })
        }).joined()
    }
}
