/// How failed requests are retried: 429, 5xx and connection failures, with capped exponential
/// backoff and full jitter, a bounded number of times. Other 4xx answers are never retried.
public struct RetryPolicy: Sendable, Equatable {
    /// The most attempts for one request that meets 5xx answers or connection failures.
    public var maxAttempts: Int
    /// The most attempts for one request that keeps meeting 429 (the pacer waits for the
    /// tenant's reset in between, so these are cheap for the tenant).
    public var maxRateLimitedAttempts: Int
    /// The first backoff, doubled at each further attempt.
    public var baseDelay: Duration
    /// The longest backoff.
    public var maxDelay: Duration

    /// Creates a policy; the default makes 5 attempts with backoff from 0.5 s up to 8 s.
    public init(
        maxAttempts: Int = 5, maxRateLimitedAttempts: Int = 10,
        baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.maxRateLimitedAttempts = max(1, maxRateLimitedAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The wait before attempt `attempt + 1` after `attempt` failed (1-based): a random
    /// duration between half and all of `min(maxDelay, baseDelay * 2^(attempt-1))`.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(maxDelay.seconds, baseDelay.seconds * Double(1 << exponent))
        guard ceiling > 0 else { return .zero }
        return .clampedSeconds(Double.random(in: (ceiling / 2) ... ceiling))
    }
}
