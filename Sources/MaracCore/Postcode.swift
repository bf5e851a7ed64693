/// A UK postcode, normalised to upper case with one space before the inward
/// code ("br1 3uh" → "BR1 3UH"). Figures use only the district ("BR1").
public struct Postcode: Hashable, Sendable, CustomStringConvertible {
    public let outward: String
    public let inward: String

    public init(validating text: String, field: String) throws(FieldError) {
        let compact = String(text.uppercased().filter { !$0.isWhitespace })
        guard compact.count >= 5, compact.count <= 7, compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw FieldError(field, "is not a UK postcode")
        }
        let out = String(compact.dropLast(3))
        let inn = String(compact.suffix(3))
        guard Postcode.isOutward(out) || out == "GIR", Postcode.isInward(inn) else {
            throw FieldError(field, "is not a UK postcode")
        }
        outward = out
        inward = inn
    }

    /// A9, A99, AA9, AA99, A9A, AA9A.
    static func isOutward(_ text: String) -> Bool {
        let c = Array(text)
        func letter(_ i: Int) -> Bool { c[i].isLetter }
        func digit(_ i: Int) -> Bool { c[i].isNumber }
        switch c.count {
        case 2: return letter(0) && digit(1)
        case 3: return letter(0) && ((digit(1) && digit(2)) || (letter(1) && digit(2)) || (digit(1) && letter(2)))
        case 4: return letter(0) && letter(1) && digit(2) && (digit(3) || letter(3))
        default: return false
        }
    }

    /// 9AA, excluding the letters Royal Mail never uses in the inward code.
    static func isInward(_ text: String) -> Bool {
        let c = Array(text)
        let unused: Set<Character> = ["C", "I", "K", "M", "O", "V"]
        return c.count == 3 && c[0].isNumber && c[1].isLetter && c[2].isLetter && !unused.contains(c[1]) && !unused.contains(c[2])
    }

    /// The postcode district, the finest level figures may show.
    public var district: String { outward }
    public var description: String { outward + " " + inward }
}
