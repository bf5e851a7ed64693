import Foundation
import Testing
@testable import MaracCore

/// The audit chain hashes the timestamp text, so the hand-written formatter
/// must give exactly what `ISO8601DateFormatter` gave for the same instant.
@Suite struct TimestampTests {
    @Test func sameTextAsTheFoundationFormatter() {
        let reference = ISO8601DateFormatter()
        reference.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var rng = SystemRandomNumberGenerator()
        var instants: [Double] = [0, 0.0005, 0.0015, 0.9995, 0.9999999, 1, 59.9996, 951_782_400, 951_868_800.9996,
                                  1_764_045_083.123, 1_764_045_083.1239999, 1_795_000_000.0009, 4_102_444_799.999]
        for _ in 0..<20_000 { instants.append(Double.random(in: 0...4_102_444_800, using: &rng)) }
        for _ in 0..<20_000 {
            // Whole and half milliseconds, where rounding decides.
            let second = Double(Int.random(in: 0...4_102_444_800, using: &rng))
            instants.append(second + Double(Int.random(in: 0...999, using: &rng)) / 1000)
            instants.append(second + (Double(Int.random(in: 0...999, using: &rng)) + 0.5) / 1000)
        }
        for k in 0..<4096 { instants.append(1_764_045_083 + Double(k) / 4096) }
        let now = Date().timeIntervalSince1970
        for _ in 0..<5_000 { instants.append(now + Double.random(in: 0...86_400, using: &rng)) }
        var mismatches: [Double] = []
        for t in instants {
            let date = Date(timeIntervalSince1970: t)
            if Timestamp.string(date) != reference.string(from: date) { mismatches.append(t) }
        }
        #expect(mismatches.isEmpty, "differ at \(mismatches.prefix(5))")
    }

    @Test func knownInstants() {
        #expect(Timestamp.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: 1_795_000_000.123)) == "2026-11-18T11:06:40.123Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: 951_825_600)) == "2000-02-29T12:00:00.000Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: 4_102_444_799.999)) == "2099-12-31T23:59:59.999Z")
    }
}
