import MaracCore

/// A correction made from the terminal UI (issue 20), as a value: what is
/// corrected, waiting for its reason. Every correction asks the reason last,
/// with the same question; an empty reason is asked again, the text kept.
public enum Correction: Equatable, Sendable {
    case moveDue(action: Int64, to: Day)
    case reassign(action: Int64, owner: String, agency: String?)
    case reopen(action: Int64)
    case unhear(ref: String, meeting: Day)
    case cancelMeeting(Day)
    case moveMeeting(Day, to: Day)
    case correctShared(entry: Int64, text: String)
    case withdrawShared(entry: Int64)

    /// What the reason is asked for.
    var words: String {
        switch self {
        case .moveDue(let id, let day): "moving #\(id) to \(day)"
        case .reassign(let id, let owner, _): "giving #\(id) to \(owner)"
        case .reopen(let id): "reopening #\(id)"
        case .unhear(let ref, let day): "putting \(ref) back to listed for \(day)"
        case .cancelMeeting(let day): "cancelling the meeting on \(day)"
        case .moveMeeting(let day, let to): "moving the meeting on \(day) to \(to)"
        case .correctShared(let id, _): "correcting entry \(id)"
        case .withdrawShared(let id): "withdrawing entry \(id)"
        }
    }
}

enum CorrectionPrompt {
    static func ask(_ correction: Correction) -> Effect { .ask(.correctionReason(correction, problem: nil), initial: "") }

    static func answer(_ text: String, _ correction: Correction) -> [Effect] {
        do throws(FieldError) { _ = try Corrections.requireReason(text) } catch {
            return [.ask(.correctionReason(correction, problem: error.message), initial: text)]
        }
        return [.request(.correct(correction, reason: text))]
    }
}
