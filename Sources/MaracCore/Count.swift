/// A number with its noun, singular when it is one (issue 22, defect 10):
/// `1 case`, `2 cases`, `1 repeat`. One helper, so no screen or command says `1 cases`.
public enum Count {
    /// `noun` is the singular; `plural` when it is not the noun plus "s".
    public static func of(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        of(String(count), noun, plural: plural)
    }

    /// A count already in words (a published figure may read `<5`): singular only for exactly "1".
    public static func of(_ count: String, _ noun: String, plural: String? = nil) -> String {
        "\(count) " + (count == "1" ? noun : plural ?? noun + "s")
    }
}
