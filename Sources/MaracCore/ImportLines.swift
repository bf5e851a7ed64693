/// The `column` part of import error lines (`FILE:LINE: column: message`) for
/// problems that are not about one named column, and a safe way to name a
/// column the file spelled: a header cell that is not a plausible column name
/// might be data (a missing header row), so it is named by position instead.
public enum ImportLines {
    public static let fileColumn = "file"
    public static let headerColumn = "header"
    public static let rowColumn = "row"
    public static let syntaxColumn = "csv"

    public static func columnName(_ text: String, index: Int) -> String {
        let plausible = (1...40).contains(text.unicodeScalars.count)
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        return plausible ? text : "column \(index + 1)"
    }
}
