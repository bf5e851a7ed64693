/// One entry of what was shared about a case at a meeting (v15): which
/// agency shared it, what, who recorded it and when. Several per case; a
/// correction changes it in place (the record's history keeps the slip), a
/// withdrawal hides it from the minutes and the case (the history keeps it).
public struct SharedEntry: Sendable, Equatable {
    public var id: Int64
    public var meeting: Day
    public var referralID: Int64
    public var ref: String
    /// nil: agency not recorded (text recorded before v15, or without one).
    public var agency: String?
    public var agencyName: String?
    public var text: String
    public var recordedOn: Day
    public var recordedBy: String
    public var withdrawn: Bool

    public init(id: Int64, meeting: Day, referralID: Int64, ref: String, agency: String?, agencyName: String?, text: String,
                recordedOn: Day, recordedBy: String, withdrawn: Bool) {
        self.id = id
        self.meeting = meeting
        self.referralID = referralID
        self.ref = ref
        self.agency = agency
        self.agencyName = agencyName
        self.text = text
        self.recordedOn = recordedOn
        self.recordedBy = recordedBy
        self.withdrawn = withdrawn
    }

    /// What the agency is called where the entry is shown.
    public static let agencyNotRecorded = "agency not recorded"

    /// The entry as the minutes and the case show it: dated, the agency by
    /// name (an entry with no agency reads as it was typed, as before v15).
    public var line: String { "\(recordedOn): " + (agencyName.map { "\($0): " } ?? "") + text }

    /// The entries still standing, one line each in the order recorded; nil when none.
    public static func text(_ entries: [SharedEntry]) -> String? {
        let lines = entries.filter { !$0.withdrawn }.map(\.line)
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// Entries still standing by case reference, as the minutes show them.
    public static func byRef(_ entries: [SharedEntry]) -> [String: String] {
        Dictionary(grouping: entries, by: \.ref).compactMapValues(text)
    }

    /// v15 moved each case's text into entries: a line starting with a date
    /// and ": " began an entry (what `recordShared` wrote); any other line
    /// continues the one before, and text with no date is dated `fallback`.
    /// Nothing is dropped.
    public static func splitLegacy(_ text: String, fallback: Day) -> [(on: Day, text: String)] {
        var entries: [(on: Day, text: String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.count > 12, line.dropFirst(10).hasPrefix(": "), let day = Day(String(line.prefix(10))) {
                entries.append((day, String(line.dropFirst(12))))
            } else if entries.isEmpty {
                entries.append((fallback, line))
            } else {
                entries[entries.count - 1].text += "\n" + line
            }
        }
        return entries
    }
}
