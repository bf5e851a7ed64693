import Foundation

/// Trimming the way Foundation does it, without Foundation's cost when there
/// is nothing to trim: an import trims every cell of every row, and almost no
/// cell starts or ends with a space. When neither end is in the set the text
/// comes back unchanged, which is what `trimmingCharacters(in:)` returns then.
extension String {
    public func trimmed(_ set: CharacterSet = .whitespacesAndNewlines) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !set.contains(first) && !set.contains(last) { return self }
        return trimmingCharacters(in: set)
    }
}
