import Foundation

/// A token bucket shared by all Management API requests.
actor RateLimiter {
    /// The outcome of one request's take, with the values for the `x-ratelimit-*` headers.
    struct Decision: Sendable, Equatable {
        /// Whether the request may proceed.
        var allowed: Bool
        /// `x-ratelimit-limit`: the bucket size.
        var limit: Int
        /// `x-ratelimit-remaining`: whole tokens left after this request.
        var remaining: Int
        /// `x-ratelimit-reset`: UNIX epoch seconds at which the bucket is full again.
        var reset: Int
    }

    private let configuration: RateLimitConfiguration
    private var tokens: Double
    private var last: ContinuousClock.Instant

    /// Creates a full bucket.
    init(configuration: RateLimitConfiguration) {
        self.configuration = configuration
        self.tokens = Double(configuration.burst)
        self.last = ContinuousClock.now
    }

    /// Refills by elapsed time, then takes one token if there is one. The clocks are read
    /// here, inside the actor, so that requests arriving together cannot be credited the
    /// same elapsed time twice.
    func take() -> Decision {
        decide(taking: true, now: .now, wallClock: Date())
    }

    /// Refills by elapsed time and reports the bucket without taking a token (for requests
    /// that are not counted, such as the token endpoint).
    func peek() -> Decision {
        decide(taking: false, now: .now, wallClock: Date())
    }

    /// `take()` at given instants, for tests. An instant earlier than one already seen
    /// credits nothing: time only moves forward.
    func take(now: ContinuousClock.Instant, wallClock: Date) -> Decision {
        decide(taking: true, now: now, wallClock: wallClock)
    }

    private func decide(taking: Bool, now: ContinuousClock.Instant, wallClock: Date) -> Decision {
        let capacity = Double(configuration.burst)
        if now > last {
            let elapsed = last.duration(to: now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            tokens = min(capacity, tokens + seconds * configuration.requestsPerSecond)
            last = now
        }
        let allowed = tokens >= 1
        if allowed, taking { tokens -= 1 }
        // Capped so that an extremely slow rate cannot overflow the conversion below.
        let secondsToFull = min((capacity - tokens) / configuration.requestsPerSecond, 1e9)
        let reset = Int((wallClock.timeIntervalSince1970 + secondsToFull).rounded(.up))
        return Decision(allowed: allowed || !taking, limit: configuration.burst,
                        remaining: Int(tokens.rounded(.down)), reset: reset)
    }
}
