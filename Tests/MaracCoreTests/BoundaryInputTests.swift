import Testing
@testable import MaracCore

/// Input at the boundary: dates, postcodes, numbers, references, names, text for terminals.
@Suite struct BoundaryInputTests {
    static let today = Day("2026-11-24")!

    static func row(_ overrides: [String: String] = [:]) -> [String: String] {
        var fields = ["referral_ref": "BR-2026-0042", "referred_on": "2026-11-20", "referring_agency": "police",
                      "victim_name": "Amina Begum", "victim_dob": "1990-05-01"]
        for (key, value) in overrides { fields[key] = value }
        return fields
    }

    func problems(_ overrides: [String: String]) -> [FieldError] {
        do {
            _ = try ReferralInput.validate(Self.row(overrides), today: Self.today)
            return []
        } catch {
            return error.problems
        }
    }

    @Test(arguments: ["2024-02-29", "2000-02-29", "1999-12-31"])
    func realDates(text: String) { #expect(Day(text)?.description == text) }

    @Test(arguments: ["2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-2-1", "2024/02/01", "", "24-02-2024", "2024-02-01T10:00"])
    func notDates(text: String) { #expect(Day(text) == nil) }

    @Test func dayArithmetic() {
        #expect(Day("2024-01-31")!.adding(months: 1) == Day("2024-02-29"))
        #expect(Day("2023-01-31")!.adding(months: 1) == Day("2023-02-28"))
        #expect(Day("2024-12-31")!.adding(days: 1) == Day("2025-01-01"))
        #expect(Day(ordinal: 0) == Day("1970-01-01"))
        for ordinal in stride(from: -1000, to: 30000, by: 37) { #expect(Day(ordinal: ordinal).ordinal == ordinal) }
        #expect(Day("2026-11-24")!.age(bornOn: Day("2008-11-25")!) == 17)
        #expect(Day("2026-11-24")!.age(bornOn: Day("2008-11-24")!) == 18)
    }

    @Test func aFullRowIsAccepted() throws {
        let input = try ReferralInput.validate(Self.row([
            "second_agency": "IDVA", "victim_postcode": "br1 3uh", "perpetrator_name": "Daniel Smith",
            "children_in_household": "2", "ric_answers": String(repeating: "Y", count: 15) + String(repeating: "N", count: 9),
            "ric_score": "15", "criteria": "visible_high_risk;escalation", "police_incidents_12m": "4",
        ]), today: Self.today)
        #expect(input.band == .high)
        #expect(input.secondAgency == .idva)
        #expect(input.victim.postcode?.description == "BR1 3UH")
        #expect(input.childrenInHousehold == 2)
    }

    @Test func everyProblemIsReportedNotJustTheFirst() {
        let found = problems(["referral_ref": "", "referred_on": "", "referring_agency": "", "victim_name": ""])
        #expect(found.map(\.field) == ["referral_ref", "referred_on", "referring_agency", "victim_name"])
        #expect(found.allSatisfy { $0.message == "is required" })
    }

    @Test(arguments: [
        (["referred_on": "2026-11-25"], "referred_on"),
        (["victim_dob": "2027-01-01"], "victim_dob"),
        (["children_in_household": "-1"], "children_in_household"),
        (["children_in_household": "2.5"], "children_in_household"),
        (["children_in_household": "two"], "children_in_household"),
        (["referring_agency": "the police"], "referring_agency"),
        (["second_agency": "police"], "second_agency"),
        (["victim_postcode": "12345"], "victim_postcode"),
        (["ric_score": "12", "ric_answers": String(repeating: "Y", count: 11) + String(repeating: "N", count: 13)], "ric_score"),
        (["criteria": "professional_judgement"], "professional_judgement_reason"),
        (["criteria": "gut_feeling"], "criteria"),
        (["heard_on": "2026-11-01"], "heard_on"),
        (["victim_gender": "f"], "victim_gender"),
        (["referral_ref": "BR 2026 42"], "referral_ref"),
    ] as [([String: String], String)])
    func badFieldsAreNamed(overrides: [String: String], field: String) {
        #expect(problems(overrides).map(\.field) == [field])
    }

    @Test(arguments: ["O'Brien", "Zoë \"Zo\" Ó Súilleabháin", "'; DROP TABLE referral; --", "李小龙", "محمد علي", "Łucja Wiśniewska"])
    func namesAreData(name: String) throws {
        let input = try ReferralInput.validate(Self.row(["victim_name": name]), today: Self.today)
        #expect(input.victim.name == name)
    }

    @Test func errorsNeverRepeatIdentities() {
        let found = problems(["victim_name": "Amina Begum", "victim_dob": "1990-02-30", "victim_postcode": "ZZ1 1ZZZ"])
        let text = found.map(\.description).joined()
        #expect(found.count == 2)
        #expect(!text.contains("Amina"))
        #expect(!text.contains("1990"))
        #expect(!text.contains("ZZ1"))
    }

    @Test(arguments: [("br1 3uh", "BR1 3UH", "BR1"), ("SW1A1AA", "SW1A 1AA", "SW1A"), ("EC1A 1BB", "EC1A 1BB", "EC1A"),
                      ("W1A 0AX", "W1A 0AX", "W1A"), ("M1 1AE", "M1 1AE", "M1"), ("se20  7aa", "SE20 7AA", "SE20")])
    func postcodesNormalise(text: String, normal: String, district: String) throws {
        let postcode = try Postcode(validating: text, field: "victim_postcode")
        #expect(postcode.description == normal)
        #expect(postcode.district == district)
    }

    @Test(arguments: ["12345", "BR1", "BR1 3UHX", "BR1 3CI", "B£1 3UH", "1R1 3UH"])
    func notPostcodes(text: String) {
        #expect(throws: FieldError.self) { try Postcode(validating: text, field: "victim_postcode") }
    }

    @Test func controlCharactersAreEscapedForTerminals() {
        #expect(TerminalText.escape("a\u{1B}]0;pwned\u{07}b") == "a\\e]0;pwned\\x07b")
        #expect(TerminalText.escape("x\u{9B}31m") == "x\\u{9b}31m")
        #expect(TerminalText.escape("abc\u{202E}cba") == "abc\\u{202e}cba")
        #expect(TerminalText.escape("line\nnext\tcol\r") == "line\\nnext\\tcol\\r")
        #expect(TerminalText.escape("Zoë 李 🙂 O'Neil") == "Zoë 李 🙂 O'Neil")
    }

    @Test func csvKeepsTheLineEachRecordStartsOn() throws {
        let records = try CSV.parse("a,b\r\n\"multi\nline\",2\n\n3,\"say \"\"hi\"\"\"\n")
        #expect(records.map(\.line) == [1, 2, 5])
        #expect(records[1].fields == ["multi\nline", "2"])
        #expect(records[2].fields == ["3", "say \"hi\""])
        #expect(throws: CSVSyntaxError(line: 1, message: "a quoted field is never closed")) { try CSV.parse("\"open,1\n") }
        #expect(CSV.row(["a,b", "q\"", "plain"]) == "\"a,b\",\"q\"\"\",plain\r\n")
    }
}

@Suite struct ChildrenInputTests {
    static let today = Day("2026-11-24")!

    @Test func childrenAreListedWithDateAndCarer() throws {
        let input = try ReferralInput.validate(BoundaryInputTests.row(["children": "Ada|2019-03-04|mother; Ben||grandmother; Cai"]), today: Self.today)
        #expect(input.children == [ChildInput(name: "Ada", dob: Day("2019-03-04"), livesWith: "mother"),
                                   ChildInput(name: "Ben", livesWith: "grandmother"), ChildInput(name: "Cai")])
        #expect(input.childrenInHousehold == 3)
        #expect(ChildInput.format(input.children) == "Ada|2019-03-04|mother; Ben||grandmother; Cai||")
    }

    @Test(arguments: [
        (["children": "Ada|2027-01-01"], "children"),
        (["children": "|2019-01-01"], "children"),
        (["children": "Ada|x|y|z"], "children"),
        (["children": "Ada; Ben", "children_in_household": "1"], "children_in_household"),
    ] as [([String: String], String)])
    func badChildren(overrides: [String: String], field: String) {
        do {
            _ = try ReferralInput.validate(BoundaryInputTests.row(overrides), today: Self.today)
            Issue.record("accepted \(overrides)")
        } catch {
            #expect(error.problems.map(\.field) == [field])
            #expect(!error.description.contains("Ada"))
        }
    }
}

/// The streaming CSV reader (issue 11) against the scalar parser it replaced,
/// kept here as the oracle: the same records, lines and errors for random
/// texts made of the characters CSV treats specially.
@Suite struct CSVReaderTests {
    /// The parser as it was before the reader, unchanged.
    static func scalarParse(_ text: String) throws(CSVSyntaxError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var afterQuote = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        var fieldStarted = false
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldStarted) { records.append(CSVRecord(line: recordLine, fields: fields)) }
            fields = []; field = ""; fieldStarted = false
        }
        if let first = iterator.next(), first != "\u{FEFF}" { pending = first }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; afterQuote = true; pending = n }
                    } else { inQuotes = false; afterQuote = true }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",": fields.append(field); field = ""; afterQuote = false; fieldStarted = true
            case "\r":
                if let n = next(), n != "\n" { pending = n }
                endRecord(); afterQuote = false; line += 1; recordLine = line
            case "\n": endRecord(); afterQuote = false; line += 1; recordLine = line
            case "\"":
                guard field.isEmpty, !afterQuote else {
                    throw CSVSyntaxError(line: line, message: "a quote inside an unquoted field; quote the whole field and double the quote")
                }
                inQuotes = true; fieldStarted = true
            default:
                if afterQuote { throw CSVSyntaxError(line: line, message: "text after a closing quote") }
                field.unicodeScalars.append(c); fieldStarted = true
            }
        }
        if inQuotes { throw CSVSyntaxError(line: recordLine, message: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || fieldStarted { endRecord() }
        return records
    }

    static func outcome(_ parse: () throws(CSVSyntaxError) -> [CSVRecord]) -> Result<[CSVRecord], CSVSyntaxError> {
        do { return .success(try parse()) } catch { return .failure(error) }
    }

    /// A short random text of the pieces CSV gets wrong: quotes, line ends, marks, wide letters.
    static func randomText(_ generator: inout some RandomNumberGenerator, pieces count: ClosedRange<Int>) -> String {
        let pieces = [",", "\"", "\"\"", "\r", "\n", "\r\n", "a", "Zoë", "李", "🙂", " ", "\u{FEFF}", "x,y", "é"]
        return (0..<Int.random(in: count, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    @Test func theReaderAgreesWithTheScalarParserOnRandomTexts() {
        var generator = SystemRandomNumberGenerator()
        var failures = 0
        for _ in 0..<20_000 {
            let text = Self.randomText(&generator, pieces: 0...14)
            let expected = Self.outcome { () throws(CSVSyntaxError) in try Self.scalarParse(text) }
            let actual = Self.outcome { () throws(CSVSyntaxError) in try CSV.parse(text) }
            if expected != actual {
                failures += 1
                if failures <= 3 { Issue.record("differs for \(text.debugDescription): \(expected) vs \(actual)") }
            }
        }
        #expect(failures == 0)
    }

    @Test func theReaderGivesOneRecordAtATime() throws {
        var reader = CSVReader("\u{FEFF}h1,h2\r\n\"a\r\nb\",2\n\n3,4")
        #expect(try reader.next() == CSVRecord(line: 1, fields: ["h1", "h2"]))
        #expect(try reader.next() == CSVRecord(line: 2, fields: ["a\r\nb", "2"]))
        #expect(try reader.next() == CSVRecord(line: 5, fields: ["3", "4"]))
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil)
    }
}
