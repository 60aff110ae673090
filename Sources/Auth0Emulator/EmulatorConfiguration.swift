import Foundation

/// How an emulator listens and behaves: address, persistence, rate limit, faults, consistency.
///
/// The defaults are a faithful, well-behaved tenant on `127.0.0.1` with an ephemeral port,
/// no rate limit, no faults and immediate consistency.
public struct EmulatorConfiguration: Sendable {
    /// The address to bind. Loopback unless the caller deliberately chose otherwise.
    public var host: String
    /// The port to bind; 0 picks a free port.
    public var port: Int
    /// When set, the snapshot is written to this file at start (so an unwritable path fails
    /// the start) and every change is written back to it atomically before it is answered.
    public var persistURL: URL?
    /// The token-bucket rate limit; nil means unlimited (and no `x-ratelimit-*` headers).
    /// Every request but `POST /oauth/token` takes a token; every response carries the headers.
    public var rateLimit: RateLimitConfiguration?
    /// Injected faults on the emulated `/api/v2` endpoints; the default injects none.
    public var faults: FaultConfiguration
    /// How long after a write member lists may still show the state before it (0: never).
    public var consistencyDelay: Duration
    /// Lifetime of issued access tokens in seconds (`expires_in`); 0 issues already-expired tokens.
    public var tokenLifetime: Int
    /// The largest accepted request body in bytes (at least 1); larger bodies get 413.
    public var maxBodyBytes: Int
    /// Whether ``RunningEmulator/requestLog()`` keeps every request (tests and benchmarks
    /// want it; it grows with every request). Per-endpoint counters are always kept.
    public var keepsRequestLog: Bool

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        persistURL: URL? = nil,
        rateLimit: RateLimitConfiguration? = nil,
        faults: FaultConfiguration = FaultConfiguration(),
        consistencyDelay: Duration = .zero,
        tokenLifetime: Int = 86_400,
        maxBodyBytes: Int = 512_000,
        keepsRequestLog: Bool = true
    ) {
        self.host = host
        self.port = port
        self.persistURL = persistURL
        self.rateLimit = rateLimit
        self.faults = faults
        self.consistencyDelay = consistencyDelay
        self.tokenLifetime = tokenLifetime
        self.maxBodyBytes = maxBodyBytes
        self.keepsRequestLog = keepsRequestLog
    }
}

/// A token bucket: `burst` requests at once, refilled at `requestsPerSecond`.
public struct RateLimitConfiguration: Sendable, Equatable {
    /// Sustained rate, in requests per second; must be positive.
    public var requestsPerSecond: Double
    /// Bucket size: requests allowed back to back; `x-ratelimit-limit` reports it.
    public var burst: Int

    /// Creates a rate limit.
    public init(requestsPerSecond: Double, burst: Int) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
    }
}

/// Seeded, reproducible faults for testing a client's error handling.
///
/// For each `/api/v2` request, in arrival order, the injector draws the same five numbers
/// from a generator seeded with `seed`, so the same request sequence meets the same faults.
public struct FaultConfiguration: Sendable, Equatable {
    /// The generator's seed.
    public var seed: UInt64
    /// Probability of answering 500, 502 or 503 without doing anything.
    public var errorRate: Double
    /// Probability of closing the connection without any response.
    public var dropRate: Double
    /// Probability that a successful write is applied but answered with 503.
    public var appliedButUnavailableRate: Double
    /// Added latency before each request is handled: the least.
    public var minimumLatency: Duration
    /// Added latency before each request is handled: the most (uniform between the two).
    public var maximumLatency: Duration

    /// Creates a fault configuration; the default injects nothing.
    public init(
        seed: UInt64 = 0,
        errorRate: Double = 0,
        dropRate: Double = 0,
        appliedButUnavailableRate: Double = 0,
        minimumLatency: Duration = .zero,
        maximumLatency: Duration = .zero
    ) {
        self.seed = seed
        self.errorRate = errorRate
        self.dropRate = dropRate
        self.appliedButUnavailableRate = appliedButUnavailableRate
        self.minimumLatency = minimumLatency
        self.maximumLatency = maximumLatency
    }

    /// Whether any fault or latency is configured.
    public var isActive: Bool {
        errorRate > 0 || dropRate > 0 || appliedButUnavailableRate > 0 || maximumLatency > .zero
    }
}
