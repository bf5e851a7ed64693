/// Generated names of many origins for demo data. Each is a common given name
/// or surname; combined at random they describe no real person.
enum DemoNames {
    static let femaleGiven = [
        "Amina", "Grace", "Olivia", "Fatima", "Zofia", "Priya", "Chloe", "Aisha", "Niamh", "Mei",
        "Yetunde", "Sofia", "Hannah", "Leila", "Siobhan", "Ewa", "Nkechi", "Emily", "Rukhsana", "Ana",
        "Charlotte", "Deepa", "Maryam", "Ioana", "Kezia", "Shanice", "Lucía", "Zeynep", "Hui Min", "Abena",
        "Jessica", "Noor", "Tamsin", "Oksana", "Bríd", "Thandiwe", "Sarah", "Farida", "Giulia", "Kavita",
    ]
    static let maleGiven = [
        "Daniel", "Mohammed", "Tomasz", "Kwame", "James", "Ravi", "Liam", "Ahmed", "Marco", "Wei",
        "Chidi", "Connor", "Bilal", "Andrei", "Jamal", "Oliver", "Hassan", "Dariusz", "Sean", "Tunde",
        "Luke", "Imran", "Mateus", "Kofi", "Ryan", "Yusuf", "Piotr", "Darren", "Arjun", "Emre",
    ]
    static let surnames = [
        "Begum", "Smith", "Kowalska", "Okafor", "O'Brien", "Patel", "Nguyen", "Hughes", "Mensah", "Khan",
        "Jones", "Novak", "Adeyemi", "Murphy", "Ali", "Chen", "Williams", "Popescu", "Osei", "Taylor",
        "Hussain", "Santos", "Brown", "Wiśniewska", "Kaur", "Achieng", "Davies", "Rossi", "Yilmaz", "Campbell",
        "Sharma", "Ahmed", "Walsh", "Nowak", "Evans", "Boateng", "García", "Singh", "Kelly", "Ibrahim",
        "Thompson", "Mahmood", "Zhang", "Okonkwo", "Robinson", "Ferreira", "Wright", "Ó Súilleabháin", "Lewis", "Dimitrov",
    ]
    static let districts = ["BR1", "BR2", "BR3", "BR4", "BR5", "BR6", "BR7", "BR8", "SE20", "SE9", "TN14", "TN16"]
    static let owners = ["DC Patel", "S. Okafor", "J. Murphy", "IDVA team", "A. Nowak", "Dr Hughes", "K. Mensah", "Duty SW"]
    static let actionTexts = [
        "Flag the address for urgent police response",
        "Share safety plan with GP surgery",
        "Refer to sanctuary scheme for target hardening",
        "Complete strategy discussion for the children",
        "Check bail conditions and notify IDVA",
        "Offer refuge space and transport",
        "Update school safeguarding lead",
        "Review tenancy and management transfer",
        "Arrange interpreter-led follow-up with victim",
        "Perpetrator programme referral via probation",
    ]
    static let declineReasons = [
        "Below threshold: score 6, no professional judgement reason; signposted to outreach",
        "Victim lives outside the borough; referred MARAC-to-MARAC",
        "Duplicate of a referral already on the next agenda",
    ]
}

/// SplitMix64: small, fast, and the same sequence for the same seed on every
/// machine, so `marac demo --seed N` is reproducible.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}
