import ArgumentParser
import Foundation
import MaracCases

/// `--limit` on every list: 1 to 10,000 rows, else exit 64 with a message.
func validateLimit(_ limit: Int) throws {
    guard ArgumentBounds.pageLimit.contains(limit) else {
        throw ValidationError("--limit must be \(ArgumentBounds.pageLimit.lowerBound) to \(ArgumentBounds.pageLimit.upperBound)")
    }
}
