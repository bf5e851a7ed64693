import Foundation

/// What a subject access request discloses, and what it keeps back.
///
/// The requester sees their own data. Third parties are redacted: the
/// perpetrator when the requester is a victim, the victim (and every other
/// victim) when the requester is a perpetrator. A victim's own children in
/// the household are disclosed to the victim (normally disclosable to a
/// parent; the coordinator reviews the file before release). A
/// perpetrator's file holds no child's name or date of birth, and none of
/// the case's free text (what was shared, reasons, notes, action texts):
/// at a MARAC it is about the victim's risk and safety, and could endanger her
/// (DPA 2018 Sch 2 para 2 and Sch 3: withheld where disclosure would
/// prejudice the prevention of crime or identify another person).
public enum SubjectAccess {
    public static let redacted = "[redacted: third party]"
    public static let withheld = "[withheld: about another person's risk and safety]"

    /// Whether the household's children (names, dates of birth) are disclosed.
    public static func disclosesChildren(to requester: PersonRole) -> Bool { requester == .victim }

    /// Free text of a case as the requester receives it: for a victim with
    /// every third party's name (and each part of it) blanked; for a
    /// perpetrator withheld.
    public static func freeText(_ text: String?, for requester: PersonRole, thirdPartyNames: [String]) -> String? {
        guard let text else { return nil }
        guard requester == .victim else { return withheld }
        var out = text
        // Whole names first, then their parts (a first name alone is still a name).
        let parts = thirdPartyNames.flatMap { name in [name] + name.split(whereSeparator: { $0.isWhitespace || $0 == "-" }).map(String.init) }
        for part in parts.filter({ $0.count >= 3 }).sorted(by: { $0.count > $1.count }) {
            out = out.replacingOccurrences(of: part, with: redacted, options: [.caseInsensitive, .diacriticInsensitive])
        }
        return out
    }
}
