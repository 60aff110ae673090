/// How apply reads the touched organizations back: Auth0's member lists take seconds to
/// show a removal, so it reads up to `attempts` times, `delay` apart.
public struct ReadBackPolicy: Sendable, Hashable {
    /// Reads at most this many times (at least 1).
    public var attempts: Int
    /// Waits this long between reads.
    public var delay: Duration

    /// Creates a policy; the default reads 6 times, 2 seconds apart.
    public init(attempts: Int = 6, delay: Duration = .seconds(2)) {
        self.attempts = max(1, attempts)
        self.delay = delay
    }
}
