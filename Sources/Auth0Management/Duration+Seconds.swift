extension Duration {
    /// The longest wait Roster computes from anything a server says: a minute.
    static let longestWait: Double = 60

    /// The duration in seconds, as a Double.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// `value` seconds, clamped to `0 ... limit` (NaN counts as 0). Unlike
    /// `Duration.seconds(Double)`, which traps on non-finite or huge values, it never traps.
    static func clampedSeconds(_ value: Double, limit: Double = Duration.longestWait) -> Duration {
        guard value.isFinite else { return value == .infinity ? .seconds(limit.isFinite ? limit : 0) : .zero }
        return .seconds(Swift.min(Swift.max(0, value), limit))
    }

    /// The duration as NIO's `TimeAmount`, to the millisecond, clamped to at most a day.
    var timeAmountMilliseconds: Int64 {
        Int64(Swift.min(Swift.max(0, seconds), 86_400) * 1_000)
    }
}
