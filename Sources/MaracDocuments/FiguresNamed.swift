import MaracCore

extension FiguresDocument {
    /// Tables whose rows are agencies (by code in the figures, the JSON and CSV).
    public static let agencyTables: Set<String> = ["referrals_by_source", "referral_routes", "actions_by_agency", "actions_escalated_by_agency"]

    /// The same document with agency names for its agency rows, as people
    /// read them (the table, the board report, the figures screen). Only the
    /// labels change: the values and what is hidden stay as they were, and
    /// the JSON and CSV, which outside tools read, keep the codes.
    public func named(_ names: FiguresNames) -> FiguresDocument {
        var copy = self
        copy.bySource = bySource.named(names)
        copy.routes = routes.named(names)
        copy.actions = actions.named(names)
        copy.escalated = escalated.named(names)
        return copy
    }
}

extension FigureTable {
    func named(_ names: FiguresNames) -> FigureTable {
        guard FiguresDocument.agencyTables.contains(id) else { return self }
        var copy = self
        copy.rows = rows.map { (label: names.agency($0.label), values: $0.values) }
        return copy
    }
}
