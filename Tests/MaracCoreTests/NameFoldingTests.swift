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
