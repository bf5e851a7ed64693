import Testing
@testable import MaracCore

/// Issue 20: one person, one record. The exact rule (folded name + date of
/// birth) decides automatically; the near-match rule only offers.
@Suite struct NearMatchTests {
    static let dob = Day("1988-03-14")!

    /// SplitMix64: the same names on every run, so a failure can be replayed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let given = ["Siobhán", "Aoife", "Zoë", "Renée", "Chloé", "Seán", "Priya", "José", "Łukasz", "Mary-Jane", "Ann", "Bríd"]
    static let family = ["O'Connor", "D'Souza", "Ní Mhurchú", "Müller", "Kowalczyk", "Smith-Jones", "Nguyễn", "Ó Briain", "Begum", "Walsh"]

    /// A spelling of `name` as someone else might type it: accents dropped,
    /// either apostrophe, any case, extra spaces, hyphens as spaces.
    static func retyped(_ name: String, _ g: inout Seeded) -> String {
        var out = ""
        for character in name {
            var piece = String(character)
            switch character {
            case "'", "’": piece = Bool.random(using: &g) ? "'" : "’"
            case "-": piece = ["-", " ", "  "].randomElement(using: &g)!
            case " ": piece = [" ", "  ", "\t"].randomElement(using: &g)!
            default:
                if Bool.random(using: &g) { piece = String(String(character).decomposedStringWithCanonicalMapping.unicodeScalars.first!) }
                if character == "Ł", Bool.random(using: &g) { piece = "L" }
                if Bool.random(using: &g) { piece = Bool.random(using: &g) ? piece.uppercased() : piece.lowercased() }
            }
            out += piece
        }
        return (Bool.random(using: &g) ? " " : "") + out
    }

    @Test func retypedNamesAreTheSamePersonAutomatically() {
        var g = Seeded(state: 20)
        for _ in 0..<2_000 {
            let name = "\(Self.given.randomElement(using: &g)!) \(Self.family.randomElement(using: &g)!)"
            let typed = Self.retyped(name, &g)
            #expect(IdentityKey(name: typed, dob: Self.dob) == IdentityKey(name: name, dob: Self.dob), "\(typed) / \(name)")
            #expect(NearMatch.reason(.init(name: typed, dob: Self.dob), .init(name: name, dob: Self.dob)) == nil)
        }
    }

    @Test func swappedGivenAndFamilyNamesAreOfferedNeverDecided() {
        var g = Seeded(state: 21)
        for _ in 0..<2_000 {
            let given = Self.given.randomElement(using: &g)!, family = Self.family.randomElement(using: &g)!
            let swapped = Self.retyped("\(family) \(given)", &g)
            #expect(IdentityKey(name: swapped, dob: Self.dob) != IdentityKey(name: "\(given) \(family)", dob: Self.dob))
            #expect(NearMatch.reason(.init(name: swapped, dob: Self.dob), .init(name: "\(given) \(family)", dob: Self.dob)) == .swappedOrSpaced,
                    "\(swapped)")
        }
    }

    @Test func unrelatedNamesWithTheSameDateOfBirthNeverAutoMatch() {
        var g = Seeded(state: 22)
        for _ in 0..<2_000 {
            let a = "\(Self.given.randomElement(using: &g)!) \(Self.family.randomElement(using: &g)!)"
            let b = "\(Self.given.randomElement(using: &g)!) \(Self.family.randomElement(using: &g)!)"
            guard NameFolding.fold(a) != NameFolding.fold(b) else { continue }
            #expect(IdentityKey(name: a, dob: Self.dob) != IdentityKey(name: Self.retyped(b, &g), dob: Self.dob))
            // Different given and family names from these lists are never even offered.
            if a.split(separator: " ").first != b.split(separator: " ").first, a.split(separator: " ").last != b.split(separator: " ").last {
                #expect(NearMatch.reason(.init(name: a, dob: Self.dob), .init(name: b, dob: Self.dob)) == nil, "\(a) / \(b)")
            }
        }
    }

    @Test(arguments: [
        ("Amina Begum", "Amina Begam", NearMatch.Reason.similarName), ("Siobhan OConnor", "Siobhan OConor", .similarName),
        ("Catherine Fitzgerald", "Katherine Fitzgerlad", .similarName), ("Aoife O Connor", "Aoife O'Connor", .swappedOrSpaced),
        ("Walsh Mary", "Mary Walsh", .swappedOrSpaced),
    ])
    func nearNamesWithTheSameDateOfBirth(_ a: String, _ b: String, _ reason: NearMatch.Reason) {
        #expect(NearMatch.reason(.init(name: a, dob: Self.dob), .init(name: b, dob: Self.dob)) == reason)
        #expect(NearMatch.reason(.init(name: b, dob: Self.dob), .init(name: a, dob: Self.dob)) == reason)
    }

    @Test(arguments: [("Ann Lee", "Kim Lee"), ("Amina Begum", "Amira Begam"), ("Jo Smith", "Jon Smyth")])
    func differentNamesAreNotOffered(_ a: String, _ b: String) {
        #expect(NearMatch.reason(.init(name: a, dob: Self.dob), .init(name: b, dob: Self.dob)) == nil)
    }

    @Test func anAliasOfTheOtherIsOffered() {
        let known = NearMatch.Identity(name: "Mary Walsh", dob: Self.dob, aliases: ["Mary Byrne"])
        #expect(NearMatch.reason(.init(name: "Mary Byrne", dob: Self.dob), known) == .alias)
        #expect(NearMatch.reason(known, .init(name: "Mary Byrne", dob: Self.dob)) == .alias)
        #expect(NearMatch.reason(.init(name: "Molly Jones", dob: Self.dob, aliases: ["Mary Walsh"]), known) == .alias)
        #expect(NearMatch.reason(.init(name: "Mary Byrne", dob: Day("1990-01-01")!), known) == nil)
    }

    @Test func datesOfBirthATypoApart() {
        let name = "Priya D'Souza"
        for typed in ["1988-03-15", "1988-08-14", "1989-03-14", "1988-03-04"] {
            #expect(NearMatch.reason(.init(name: name, dob: Day(typed)!), .init(name: name, dob: Self.dob)) == .dobTypo, "\(typed)")
        }
        let dayMonth = Day("1990-04-03")!, monthDay = Day("1990-03-04")!
        #expect(NearMatch.isTypo(dayMonth, monthDay))
        #expect(!NearMatch.isTypo(Day("1988-03-14")!, Day("1988-04-15")!))
        #expect(NearMatch.reason(.init(name: name, dob: Day("1979-11-02")!), .init(name: name, dob: Self.dob)) == nil)
        #expect(NearMatch.reason(.init(name: name, dob: nil), .init(name: name, dob: Self.dob)) == nil)
    }
}
