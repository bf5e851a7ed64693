import Foundation
internal import MaracStore

/// Who is acting and what day it is, read from the OS: the only place the
/// front ends' sessions learn them.
extension Actor {
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> Actor {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name {
            return Actor(String(cString: name))
        }
        // On a shared server the environment is the caller's to choose: never trust it.
        return Actor((SharedServer.isActive ? nil : environment["USER"]) ?? "uid-\(getuid())")
    }
}

extension Clock {
    /// Today in the local time zone; `MARAC_TODAY=YYYY-MM-DD` fixes it (for
    /// tests and for loading history as of a past date).
    public static func system(environment: [String: String] = ProcessInfo.processInfo.environment) -> Clock {
        // A shared server records real dates only: nobody may backdate the audit trail.
        if !SharedServer.isActive, let text = environment["MARAC_TODAY"], let day = Day(text) { return Clock(today: day) }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Clock(today: Day(year: parts.year!, month: parts.month!, day: parts.day!)!)
    }
}

extension Clock {
    /// A fixed day with the real time of day (tests, and history loaded as of a past date).
    public init(today: Day) { self.init(today: today, now: { Date() }) }
}
