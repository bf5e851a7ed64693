import Foundation
import Testing
@testable import MaracCore

/// The field table is the only list of a referral's fields: what a purge
/// clears is read from it, so a new text column must be placed there (or named
/// as holding no identity) before it can be stored unnoticed.
@Suite struct FieldTableTests {
    /// The referral table's TEXT columns, read from the reviewed schema.
    static func referralTextColumns() throws -> [String] {
        let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("schema.sql")
        let text = try String(contentsOf: schema, encoding: .utf8)
        guard let start = text.range(of: "CREATE TABLE referral (") else { return [] }
        let body = text[start.upperBound...].prefix { $0 != ";" }
        var columns: [String] = []
        for piece in body.split(whereSeparator: { $0 == "," || $0 == "\n" }) {
            let words = piece.split(separator: " ").filter { !$0.isEmpty }
            guard words.count >= 2, words[1].hasPrefix("TEXT"), !words[0].hasPrefix("--") else { continue }
            columns.append(String(words[0]).trimmingCharacters(in: CharacterSet(charactersIn: "(")))
        }
        return columns
    }

    @Test func everyTextColumnOfTheReferralIsPlaced() throws {
        let columns = try Self.referralTextColumns()
        // The parser is exercised: the schema's referral row has these at least.
        #expect(columns.contains("referrer") && columns.contains("police_reference") && columns.contains("decline_reason"))
        let fields = Set(ReferralField.all.filter { $0.home == .referral }.map(\.column))
        for column in columns {
            let placed = fields.contains(column) || ReferralField.recordedText.contains(column)
                || ReferralField.notIdentifying.contains(column) || ReferralField.figuresSnapshot.contains(column)
            #expect(placed, "referral.\(column) is neither a field, recorded text, nor named as not identifying")
        }
    }

    @Test func aPurgeClearsEveryIdentifyingFieldOnTheReferralRow() {
        let cleared = Set(ReferralField.clearedOnPurge.map(\.column))
        for field in ReferralField.all where field.identifying && field.home == .referral {
            #expect(cleared.contains(field.column), "\(field.column) would survive a purge")
        }
        // Free text that may name someone, and the answers, are among them.
        for column in ["referrer", "relationship", "professional_judgement_reason", "consent_note", "police_reference",
                       "ric_answers", "decline_reason"] {
            #expect(cleared.contains(column), "\(column) would survive a purge")
        }
        // Codes, logins and the figures' snapshot stay.
        for column in ["referring_agency", "keyworker", "lawful_basis", "consent"] {
            #expect(!cleared.contains(column))
        }
    }

    @Test func namedAsNotIdentifyingIsNotAlsoAField() {
        let fields = Set(ReferralField.all.map(\.column))
        #expect(ReferralField.notIdentifying.intersection(fields).isEmpty)
        #expect(Set(ReferralField.recordedText).intersection(fields).isEmpty)
    }
}
