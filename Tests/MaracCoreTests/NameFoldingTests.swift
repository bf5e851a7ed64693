import Testing
@testable import MaracCore

/// Issue 10, search: one folding function for the index and the query.
@Suite struct NameFoldingTests {
    @Test(arguments: [
        ("Siobhán", "siobhan"), ("SIOBHÁN  Ní  Bhriain", "siobhan ni bhriain"), ("O'Brien", "obrien"), ("O’Brien", "obrien"),
        ("Mary-Jane Walsh", "mary jane walsh"), ("  Zoë\tKowalczyk ", "zoe kowalczyk"), ("Łukasz Øberg", "lukasz oberg"),
        ("Straße", "strasse"), ("Ａｎｎ", "ann"), ("Jo\u{200B}hn", "john"), ("Ann 😀 Lee", "ann lee"), ("", ""), ("'", ""),
        ("BR1 3AB", "br1 3ab"), ("Renée", "renee"), ("Rene\u{301}e", "renee"),
    ])
    func foldsCaseAccentsApostrophesAndSpacing(_ pair: (String, String)) {
        #expect(NameFolding.fold(pair.0) == pair.1)
    }

    @Test func aFoldedQueryIsASubstringOfTheFoldedName() {
        for (query, name) in [("siobhan", "Siobhán O'Neill"), ("brien", "Aoife O'Brien"), ("o'neill", "Siobhán O’Neill"), ("WALSH", "Mary Walsh")] {
            #expect(NameFolding.fold(name).contains(NameFolding.fold(query)), "\(query) in \(name)")
        }
    }

    @Test func foldingTwiceChangesNothing() {
        for name in ["Siobhán O'Neill", "Łukasz", "Zoë  -  Ann", "ＡＢ"] {
            #expect(NameFolding.fold(NameFolding.fold(name)) == NameFolding.fold(name))
        }
    }
}

/// Issue 10: cases linked by a shared perpetrator on an agenda.
/// The ASCII fast paths (issue 11: an import folds and normalises every name)
/// against the general Unicode rules they stand in for, on every ASCII code
/// point alone and on random ASCII text; and text with any non-ASCII byte
/// never takes the fast path.
@Suite struct ASCIIFastPathTests {
    static func randomASCII(_ generator: inout some RandomNumberGenerator) -> String {
        // Weighted towards letters, spaces and punctuation names carry.
        let common = Array("Aa Zz'`-.,\t\r\n09 ".unicodeScalars)
        let count = Int.random(in: 0...16, using: &generator)
        var text = String.UnicodeScalarView()
        for _ in 0..<count {
            text.append(Bool.random(using: &generator) ? common.randomElement(using: &generator)!
                        : Unicode.Scalar(UInt8.random(in: 0...127, using: &generator)))
        }
        return String(text)
    }

    @Test func foldingAgreesWithTheGeneralRule() {
        for value in UInt8(0)...127 {
            let text = "x" + String(Unicode.Scalar(value)) + "Y"
            #expect(NameFolding.foldASCII(text) == NameFolding.foldUnicode(text), "code point \(value)")
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = Self.randomASCII(&generator)
            #expect(NameFolding.foldASCII(text) == NameFolding.foldUnicode(text), "\(text.debugDescription)")
        }
        #expect(NameFolding.foldASCII("Siobhán") == nil)
        #expect(NameFolding.fold("Siobhán O'Brien") == "siobhan obrien")
    }

    /// Issue 20: matching folds names as search does, so the spellings a
    /// coordinator meets of one name are one key, and different names are not.
    @Test func identityKeysFoldAsSearchDoes() {
        #expect(IdentityKey.normalise("  Amina \r\n BEGUM ") == "amina begum")
        for (a, b) in [("Siobhán O'Connor", "Siobhan O'Connor"), ("D’Souza", "D'Souza"), ("Aoife Ni Mhurchu", "Aoife Ní Mhurchú"),
                       ("Mary-Jane Smith", "Mary Jane Smith"), ("ZOË  ŁUKASZ", "zoe lukasz"), ("O`Brien", "OBrien")] {
            #expect(IdentityKey(name: a, dob: Day("1988-03-14")) == IdentityKey(name: b, dob: Day("1988-03-14")), "\(a) / \(b)")
        }
        for (a, b) in [("Amina Begum", "Amina Begam"), ("Jo Smith", "Joe Smith"), ("Ann Lee", "Anne Lee")] {
            #expect(IdentityKey(name: a, dob: nil) != IdentityKey(name: b, dob: nil), "\(a) / \(b)")
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = Self.randomASCII(&generator)
            #expect(IdentityKey.normalise(text) == NameFolding.fold(text))
        }
    }

    @Test func trimmingAgreesWithFoundation() {
        let pieces = [" ", "\t", "\n", "\r\n", "\u{00A0}", "\u{2028}", "a", "é", "", "b c"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(text.trimmed() == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
            #expect(text.trimmed(.whitespaces) == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }
}

@Suite struct LinkedCasesTests {
    @Test func eachCaseNamesTheOtherItemsWithItsPerpetrator() {
        let links = LinkedCases.samePerpetrator([7, nil, 3, 7, 3, 7] as [Int?])
        #expect(links == [[4, 6], [], [5], [1, 6], [3], [1, 4]])
        #expect(LinkedCases.samePerpetrator([nil, nil] as [Int?]) == [[], []])
    }

    @Test func saidInWords() {
        #expect(LinkedCases.words([]) == nil)
        #expect(LinkedCases.words([4]) == "same perpetrator as item 4")
        #expect(LinkedCases.words([2, 5, 7]) == "same perpetrator as items 2, 5 and 7")
    }
}
