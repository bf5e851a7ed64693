import Foundation

/// The person doing something. Every write takes one, so every change in the
/// audit trail is attributable to a person. For now it is the OS user.
public struct Actor: Sendable, Equatable {
    public let name: String

    public init(_ name: String) { self.name = name }
}

/// The calendar and clock the services use, passed in so tests can fix today.
public struct Clock: Sendable {
    public let today: Day
    public let now: @Sendable () -> Date

    public init(today: Day, now: @escaping @Sendable () -> Date) {
        self.today = today
        self.now = now
    }

    /// An ISO 8601 UTC timestamp for created_at / updated_at / audit rows.
    package var timestamp: String { Timestamp.string(now()) }
}

/// ISO 8601 UTC with milliseconds (`2026-11-25T04:51:23.123Z`), the text
/// stored in created_at / updated_at and hashed into the audit chain. Formatted
/// by hand from the seconds since 1970: no formatter, calendar or locale per
/// call (building an `ISO8601DateFormatter` for every row was a quarter of an
/// import's time). The same text `ISO8601DateFormatter` with
/// `[.withInternetDateTime, .withFractionalSeconds]` gives for the same instant
/// (milliseconds rounded to the nearest, half away from zero); `TimestampTests` compares them.
package enum Timestamp {
    package static func string(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let days = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
        let ms = millis - days * 86_400_000
        let secondOfDay = ms / 1000
        // The civil date from Core's one day arithmetic (Day(ordinal:)).
        let date = Day(ordinal: Int(days))
        let (year, month, day) = (Int64(date.year), Int64(date.month), Int64(date.day))
        return String(unsafeUninitializedCapacity: 24) { buffer in
            func put(_ value: Int64, _ width: Int, at offset: Int) {
                var v = value
                for i in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[i] = UInt8(truncatingIfNeeded: 48 + v % 10)
                    v /= 10
                }
            }
            put(year, 4, at: 0); buffer[4] = 45 // -
            put(month, 2, at: 5); buffer[7] = 45
            put(day, 2, at: 8); buffer[10] = 84 // T
            put(secondOfDay / 3600, 2, at: 11); buffer[13] = 58 // :
            put(secondOfDay / 60 % 60, 2, at: 14); buffer[16] = 58
            put(secondOfDay % 60, 2, at: 17); buffer[19] = 46 // .
            put(ms % 1000, 3, at: 20); buffer[23] = 90 // Z
            return 24
        }
    }
}
