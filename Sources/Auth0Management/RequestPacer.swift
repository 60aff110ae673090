import Foundation

/// Decides when each request may start, so that Roster stays under both its own cap
/// (`maxRequestsPerSecond`) and the tenant's rate limit, and slows down before the tenant's
/// bucket is empty rather than after.
///
/// Each call to ``reserve(now:)`` books a start time and returns how long to wait for it, so
/// concurrent requests get distinct slots. The tenant's bucket is modelled from the
/// `x-ratelimit-*` headers: its size, the tokens left, and its refill interval. The tenant
/// floors its token count and rounds the reset up to a whole second, so one answer only
/// bounds the interval: with `L` the limit, `r` the remaining count and `t` the seconds to the
/// reset, it lies between `(t - 1) / (L - r)` and `t / (L - r - 1)`. The pacer keeps the
/// tightest bounds of recent answers and uses their middle. A reserve of tokens is left for
/// the tenant's other clients. On 429 every request waits until the reset time plus jitter.
actor RequestPacer {
    private let minimumSpacing: Double?
    private let jitter: ClosedRange<Double>
    private var nextCapSlot: ContinuousClock.Instant?
    private var blockedUntil: ContinuousClock.Instant?
    private var bucket: Bucket?
    private var outstanding = 0
    private var upperBounds: [Double] = []
    private var lowerBounds: [Double] = []

    private struct Bucket {
        var limit: Int
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    /// The most samples of the refill interval kept.
    private static let sampleWindow = 64

    /// Creates a pacer with an optional cap; `jitter` is added to waits for a reset, in seconds.
    init(maxRequestsPerSecond: Double?, jitter: ClosedRange<Double> = 0.05 ... 0.25) {
        self.minimumSpacing = maxRequestsPerSecond.flatMap { rate in
            rate.isFinite && rate > 0 ? min(1 / rate, Duration.longestWait) : nil
        }
        self.jitter = jitter
    }

    /// The tenant's refill interval in seconds per request, once headers have shown it: the
    /// middle of the tightest bounds, or the upper bound when recent answers disagree.
    var refillInterval: Double? {
        let upper = upperBounds.min()
        let lower = lowerBounds.max()
        switch (lower, upper) {
        case let (lower?, upper?): return lower <= upper ? (lower + upper) / 2 : upper
        case let (nil, upper?): return upper
        case let (lower?, nil): return lower
        case (nil, nil): return nil
        }
    }

    /// Tokens kept back for the tenant's other clients and for requests that reach the
    /// tenant closer together than they were sent: a fifth of the bucket, at least two when
    /// it holds five or more, one when it holds two to four. The reserve costs a few requests
    /// of the first burst only; the sustained rate is the refill rate either way.
    static func reserveTokens(limit: Int) -> Double {
        switch limit {
        case ...1: return 0
        case 2 ..< 5: return 1
        default: return max(2, (Double(limit) / 5).rounded(.down))
        }
    }

    /// Books the next start time and returns how long to wait before starting.
    func reserve(now: ContinuousClock.Instant = .now) -> Duration {
        outstanding += 1
        var start = now
        if let blockedUntil, blockedUntil > start { start = blockedUntil }
        if let spacing = minimumSpacing {
            if let slot = nextCapSlot, slot > start { start = slot }
            nextCapSlot = start + .clampedSeconds(spacing)
        }
        if var bucket, let interval = refillInterval, interval > 0 {
            refill(&bucket, to: now, interval: interval)
            let floor = Self.reserveTokens(limit: bucket.limit)
            if bucket.tokens - 1 < floor {
                // Wait until the bucket has refilled above the reserve for this request.
                let missing = floor + 1 - bucket.tokens
                let ready = now + .clampedSeconds(missing * interval)
                if ready > start { start = ready }
            }
            bucket.tokens -= 1
            self.bucket = bucket
        }
        return now.duration(to: start)
    }

    /// Takes in an answer's rate-limit headers. The tenant counted the request somewhere
    /// between `sentAt` and `wallClock` (when the answer arrived): the upper bound is taken
    /// from the earlier and the lower bound from the later, so that latency never makes the
    /// pacer faster than the tenant.
    func observe(
        _ headers: RateLimitHeaders, sentAt: Date? = nil, now: ContinuousClock.Instant = .now, wallClock: Date = Date()
    ) {
        let longest = headers.reset.timeIntervalSince(sentAt ?? wallClock)
        let shortest = headers.reset.timeIntervalSince(wallClock)
        let used = Double(headers.limit) - Double(headers.remaining)
        // A reset in the past or more than a minute away is not believable: no sample.
        let plausible = (0 ... Duration.longestWait).contains(shortest) && (0 ... Duration.longestWait).contains(longest)
        if plausible, longest > 0, used >= 1 {
            Self.append(shortest > 1 ? (shortest - 1) / used : 0, to: &lowerBounds)
            if used >= 2 { Self.append(longest / (used - 1), to: &upperBounds) }
        }
        if var bucket, let interval = refillInterval {
            refill(&bucket, to: now, interval: interval)
            // The tenant's count is the truth, but requests booked since are not in it yet.
            bucket.tokens = min(bucket.tokens, Double(headers.remaining))
            bucket.limit = headers.limit
            self.bucket = bucket
        } else {
            // The first answer: requests sent alongside it are not counted in it yet.
            let others = Double(max(0, outstanding - 1))
            bucket = Bucket(limit: headers.limit, tokens: Double(headers.remaining) - others, updated: now)
        }
    }

    /// Marks a reserved request as finished (answered or failed), after its headers were observed.
    func finished() {
        outstanding = max(0, outstanding - 1)
    }

    /// Takes in a 429: every request waits until the reset time plus jitter, or `fallback`
    /// (the retry backoff) when the answer has no headers or its reset is not within a
    /// minute from now. Returns the wait for the refused request, at most a minute plus jitter.
    func rateLimited(
        _ headers: RateLimitHeaders?, fallback: Duration, sentAt: Date? = nil,
        now: ContinuousClock.Instant = .now, wallClock: Date = Date()
    ) -> Duration {
        var wait = fallback.seconds
        if let headers {
            observe(headers, sentAt: sentAt, now: now, wallClock: wallClock)
            wait = Self.untilReset(headers, wallClock: wallClock) ?? fallback.seconds
            bucket?.tokens = 0
            bucket?.updated = now
        }
        let until = now + .clampedSeconds(wait) + .clampedSeconds(Double.random(in: jitter))
        if blockedUntil.map({ until > $0 }) ?? true { blockedUntil = until }
        return now.duration(to: blockedUntil ?? until)
    }

    /// The seconds from `wallClock` to the reset, when that is within `0 ... 60`; nil for a
    /// reset in the past, too far ahead, or not finite.
    static func untilReset(_ headers: RateLimitHeaders, wallClock: Date = Date()) -> Double? {
        let seconds = headers.reset.timeIntervalSince(wallClock)
        if seconds.isFinite, seconds >= -1, seconds <= Duration.longestWait { return max(0, seconds) }
        return nil
    }

    private static func append(_ value: Double, to samples: inout [Double]) {
        samples.append(value)
        if samples.count > sampleWindow { samples.removeFirst() }
    }

    private func refill(_ bucket: inout Bucket, to now: ContinuousClock.Instant, interval: Double) {
        let elapsed = bucket.updated.duration(to: now).seconds
        if elapsed > 0 {
            bucket.tokens = min(Double(bucket.limit), bucket.tokens + elapsed / interval)
            bucket.updated = now
        }
    }
}
