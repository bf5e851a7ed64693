/// The counts of what happens between meetings (issue 23) that go into the
/// figures published with the period's others (`marac stats`, `marac report`)
/// and so under their disclosure control: incidents and Clare's Law requests.
/// Counts only, never identities.
public struct BetweenMeetingsFigures: Sendable, Equatable {
    public var incidents: IncidentFigures
    public var disclosures: DisclosureFigures

    public init(incidents: IncidentFigures, disclosures: DisclosureFigures) {
        self.incidents = incidents
        self.disclosures = disclosures
    }
}
