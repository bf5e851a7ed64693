import Foundation

/// What makes minutes a chair would sign (issue 22), beside the register:
/// who chaired, when the meeting started and ended, and the name each
/// agency's representative gave. Each is nil (or absent) until recorded.
public struct MeetingChairing: Sendable, Equatable {
    public var chair: String?
    /// Times of day as the minutes keep them: HH:MM, 24-hour.
    public var started: String?
    public var ended: String?
    /// The representative present for each agency, by agency code.
    public var representatives: [String: String]

    public init(chair: String? = nil, started: String? = nil, ended: String? = nil, representatives: [String: String] = [:]) {
        self.chair = chair
        self.started = started
        self.ended = ended
        self.representatives = representatives
    }

    /// A time of day, checked: HH:MM from 00:00 to 23:59.
    public static func time(_ text: String, field: String) throws(FieldError) -> String {
        let value = text.trimmingCharacters(in: .whitespaces)
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60 else {
            throw FieldError(field, "needs a time of day as HH:MM, 24-hour (for example 09:30)")
        }
        return value
    }

    /// A person's name as the minutes show it: one line, not blank.
    public static func name(_ text: String, field: String) throws(FieldError) -> String {
        let value = text.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { throw FieldError(field, "needs a name") }
        try FieldLimits.check(field, value, maxLength: FieldLimits.name, multiLine: false)
        return value
    }

    /// This record with the values given replacing those kept; the end may
    /// not come before the start.
    public func updated(chair: String?, started: String?, ended: String?) throws(FieldError) -> MeetingChairing {
        var next = self
        if let chair { next.chair = try Self.name(chair, field: "chair") }
        if let started { next.started = try Self.time(started, field: "started") }
        if let ended { next.ended = try Self.time(ended, field: "ended") }
        if let s = next.started, let e = next.ended, e < s { throw FieldError("ended", "is before the start: give the time the meeting closed") }
        return next
    }
}

/// Names from a case found in text that goes to every agency (issue 22:
/// minutes name people only in the case section). Names are folded as
/// search folds them, so case, accents and apostrophes do not hide one.
public enum CaseNamesInText {
    /// The names (as given) that occur in `text` as whole words; names
    /// shorter than three letters are left out, so initials do not warn.
    public static func found(in text: String, names: [String]) -> [String] {
        let folded = " " + words(NameFolding.fold(text)) + " "
        return names.filter { name in
            let key = words(NameFolding.fold(name))
            return key.count >= 3 && folded.contains(" " + key + " ")
        }
    }

    private static func words(_ text: String) -> String {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }
}
