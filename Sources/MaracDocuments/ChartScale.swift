/// A chart's value axis on round numbers: ticks every 1, 2 or 5 × 10ⁿ, the
/// top the first tick at or above the largest value, so a reader can read a
/// bar against the grid ("40" rather than "37.5").
public struct ChartScale: Equatable, Sendable {
    public let step: Double
    public let top: Double

    /// At most `ticks` intervals above zero (five by default).
    public init(maximum: Double, ticks: Int = 5) {
        let target = max(maximum, 1) / Double(max(ticks, 1))
        var magnitude = 1.0
        while magnitude * 10 <= target { magnitude *= 10 }
        while magnitude > target { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= target } ?? magnitude * 10
        // Counts are whole: a step under 1 would label ticks 0.2, 0.4…
        self.step = max(1, step)
        top = (max(maximum, 1) / self.step).rounded(.up) * self.step
    }

    /// The tick values from 0 to the top.
    public var ticks: [Double] { (0...Int((top / step).rounded())).map { Double($0) * step } }
}
