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
