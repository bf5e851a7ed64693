import Foundation
import GRDB
import MaracCore

/// The person doing something. Every write takes one, so every change in the
/// audit trail is attributable to a person. For now it is the OS user.
public struct Actor: Sendable, Equatable {
    public let name: String

    public init(_ name: String) { self.name = name }

    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> Actor {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name {
            return Actor(String(cString: name))
        }
        // On a shared server the environment is the caller's to choose: never trust it.
        return Actor((SharedServer.isActive ? nil : environment["USER"]) ?? "uid-\(getuid())")
    }
}

/// The calendar and clock the services use, passed in so tests can fix today.
public struct Clock: Sendable {
    public let today: Day
    public let now: @Sendable () -> Date

    public init(today: Day, now: @escaping @Sendable () -> Date = { Date() }) {
        self.today = today
        self.now = now
    }

    /// Today in the local time zone; `MARAC_TODAY=YYYY-MM-DD` fixes it (for
    /// tests and for loading history as of a past date).
    public static func system(environment: [String: String] = ProcessInfo.processInfo.environment) -> Clock {
        // A shared server records real dates only: nobody may backdate the audit trail.
        if !SharedServer.isActive, let text = environment["MARAC_TODAY"], let day = Day(text) { return Clock(today: day) }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Clock(today: Day(year: parts.year!, month: parts.month!, day: parts.day!)!)
    }

    /// An ISO 8601 UTC timestamp for created_at / updated_at / audit rows.
    package var timestamp: String { Timestamp.string(now()) }
}

// The audit trail (`Audit.record`) is in AuditChain.swift.

enum Timestamp {
    static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
