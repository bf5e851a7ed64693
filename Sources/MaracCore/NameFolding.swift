import Foundation

/// The one way a name is folded for search: case, accents and apostrophes do
/// not matter ("siobhan" finds Siobhán, "obrien" and "brien" find O'Brien).
/// The search index stores names folded by this function and every query is
/// folded by it too, so the two can never disagree. (SQLite's trigram
/// tokenizer cannot remove diacritics itself.)
public enum NameFolding {
    /// Letters without accents in lower case, digits, and single spaces for
    /// any run of spaces or punctuation; apostrophes vanish, so "O'Brien",
    /// "O’Brien" and "OBrien" fold alike.
    public static func fold(_ text: String) -> String {
        foldASCII(text) ?? foldUnicode(text)
    }

    /// The general rule, for any text.
    static func foldUnicode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.decomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            let properties = scalar.properties
            if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark
                || properties.generalCategory == .spacingMark || apostrophes.contains(scalar) || properties.isDefaultIgnorableCodePoint {
                continue
            }
            if properties.isAlphabetic || properties.numericType != nil {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                if let plain = undecomposable[scalar] { out.append(plain) } else { out.unicodeScalars.append(scalar) }
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// The same folding for text that is all ASCII (most names in an import),
    /// without Unicode normalisation: in ASCII the only letters and digits are
    /// A–Z, a–z and 0–9, the only apostrophes ' and `, and there are no marks
    /// or ignorable code points, so the general rule reduces to this.
    /// `NameFoldingTests` checks the two agree. Nil when any byte is not ASCII.
    static func foldASCII(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if pendingSpace, !out.isEmpty { out.append(UInt8(ascii: " ")) }
                pendingSpace = false
                out.append(byte <= UInt8(ascii: "Z") && byte >= UInt8(ascii: "A") ? byte + 32 : byte)
            case UInt8(ascii: "'"), UInt8(ascii: "`"):
                continue
            default:
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{2018}", "`", "\u{02BC}", "\u{00B4}"]

    /// Letters Unicode does not decompose into a base letter and an accent.
    static let undecomposable: [Unicode.Scalar: String] = [
        "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "ħ": "h",
    ]
}
