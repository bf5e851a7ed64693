import Testing
@testable import MaracCore

/// MATAC's serial perpetrator: 2 or more different victims within 3 years,
/// aged 16 or over; the window and the count are settings.
@Suite struct SerialRuleTests {
    let today = Day("2026-12-07")!

    @Test func theWindowEndsTodayAndReachesBackThreeYearsToTheDay() {
        let rule = SerialRule()
        #expect(rule.windowStart(today: today) == Day("2023-12-08"))
        #expect(SerialRule(windowYears: 1, victims: 2).windowStart(today: today) == Day("2025-12-08"))
        // A leap day: 29 February three years back is the last day of February.
        #expect(rule.windowStart(today: Day("2028-02-29")!) == Day("2025-03-01"))
    }

    @Test func twoDifferentVictimsMakeASerialPerpetratorOneDoesNot() {
        let rule = SerialRule()
        #expect(!rule.isSerial(differentVictims: 0, perpetratorBorn: nil, today: today))
        #expect(!rule.isSerial(differentVictims: 1, perpetratorBorn: nil, today: today))
        #expect(rule.isSerial(differentVictims: 2, perpetratorBorn: nil, today: today))
        #expect(rule.isSerial(differentVictims: 7, perpetratorBorn: Day("1980-01-01"), today: today))
        #expect(!SerialRule(windowYears: 3, victims: 3).isSerial(differentVictims: 2, perpetratorBorn: nil, today: today))
    }

    @Test func aPerpetratorUnderSixteenIsNotCountedOneOfUnknownAgeIs() {
        let rule = SerialRule()
        #expect(!rule.isSerial(differentVictims: 3, perpetratorBorn: Day("2010-12-08"), today: today))
        #expect(rule.isSerial(differentVictims: 3, perpetratorBorn: Day("2010-12-07"), today: today))
        #expect(rule.isSerial(differentVictims: 3, perpetratorBorn: nil, today: today))
    }

    @Test func theWordsGiveTheFactAndTheCount() {
        #expect(SerialRule().words(differentVictims: 3) == "serial: 3 victims in 3 years")
        #expect(SerialRule(windowYears: 1, victims: 2).words(differentVictims: 2) == "serial: 2 victims in 1 year")
        let standing = SerialStanding(rule: SerialRule(), differentVictims: 1, perpetratorBorn: nil, today: today)
        #expect(!standing.isSerial && standing.words == nil && standing.differentVictims == 1)
    }

    @Test func storedSettingsAreReadAndABadOneIsNamed() throws {
        #expect(try SerialRule(storedWindowYears: nil, storedVictims: nil) == SerialRule())
        #expect(try SerialRule(storedWindowYears: "5", storedVictims: "3") == SerialRule(windowYears: 5, victims: 3))
        #expect(throws: FieldError.self) { try SerialRule(storedWindowYears: "0", storedVictims: nil) }
        #expect(throws: FieldError.self) { try SerialRule(storedWindowYears: nil, storedVictims: "1") }
        #expect(throws: FieldError.self) { try SerialRule(storedWindowYears: "three", storedVictims: nil) }
    }
}
