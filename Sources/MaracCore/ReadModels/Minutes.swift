import Foundation

/// A meeting's minutes, for circulation to the agencies within a few working days.
public struct Minutes: Sendable {
    public var agenda: Agenda
    /// What agencies shared, by referral reference.
    public var shared: [String: String]
    public var actions: [ActionRecord]
    /// Each agency's current research return, by referral reference.
    public var research: [String: [ResearchReturnRecord]] = [:]
    /// The chair, start and end, and representatives by name (v23).
    public var chairing = MeetingChairing()

    /// Agencies that confirmed they would attend but were not recorded present.
    public var apologies: [String] { agenda.confirmed.filter { !agenda.attendance.contains($0) } }

    public init(
        agenda: Agenda,
        shared: [String: String],
        actions: [ActionRecord],
        research: [String: [ResearchReturnRecord]] = [:]
    ) {
        self.agenda = agenda
        self.shared = shared
        self.actions = actions
        self.research = research
    }
}
