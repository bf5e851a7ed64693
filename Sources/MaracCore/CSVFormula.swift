/// Spreadsheet formula injection (OWASP "CSV injection"): a cell that begins
/// with `=`, `+`, `-`, `@`, tab or carriage return is run as a formula by
/// Excel and LibreOffice. CSV meant for people gets such cells prefixed with
/// `'`, which a spreadsheet shows as text; import removes the prefix again, so
/// export → import is exact.
///
/// Leading quotes are counted too: a value that already begins `'=` is written
/// `''=` and read back as `'=`, so no value is ever changed by a round trip.
extension CSV {
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    private static func startsLikeFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first(where: { $0 != "'" }) else { return false }
        return formulaStarts.contains(first)
    }

    /// The cell as written for people: `'` in front when a spreadsheet would run it.
    public static func neutralised(_ text: String) -> String {
        startsLikeFormula(text) ? "'" + text : text
    }

    /// Undoes `neutralised` exactly.
    public static func unneutralised(_ text: String) -> String {
        text.unicodeScalars.first == "'" && startsLikeFormula(text) ? String(text.unicodeScalars.dropFirst()) : text
    }

    /// One row of CSV meant to be opened in a spreadsheet: RFC 4180 quoting and
    /// formula cells neutralised.
    public static func safeRow(_ fields: [String]) -> String {
        row(fields.map(neutralised))
    }
}
