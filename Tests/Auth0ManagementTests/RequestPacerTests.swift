@testable import Auth0Management
import Foundation
import NIOHTTP1
import Testing

/// The pacer computes start times; these tests check the computed waits, never a clock.
@Suite("Request pacer")
struct RequestPacerTests {
    @Test("the request-rate cap books evenly spaced slots for concurrent requests")
    func capSpacing() async {
        let pacer = RequestPacer(maxRequestsPerSecond: 10)
        let now = ContinuousClock.now
        var waits: [Double] = []
        for _ in 0 ..< 5 { waits.append(await pacer.reserve(now: now).seconds) }
        #expect(waits.map { ($0 * 1_000).rounded() } == [0, 100, 200, 300, 400])
    }

    @Test("without headers or a cap there is no wait")
    func noLimits() async {
        let pacer = RequestPacer(maxRequestsPerSecond: nil)
        let now = ContinuousClock.now
        for _ in 0 ..< 20 { #expect(await pacer.reserve(now: now) == .zero) }
    }

    @Test("a bucket that runs low slows requests down before it is empty")
    func slowsBeforeEmpty() async throws {
        let pacer = RequestPacer(maxRequestsPerSecond: nil)
        let now = ContinuousClock.now
        let wall = Date(timeIntervalSince1970: 1_000_000)
        // 10-request bucket, 8 to 9 used, full again within 1.4 s: between 0.05 and 0.2 s per request.
        await pacer.observe(RateLimitHeaders(limit: 10, remaining: 2, reset: wall.addingTimeInterval(1.4)), now: now, wallClock: wall)
        let interval = try #require(await pacer.refillInterval)
        #expect(interval >= 0.05 && interval <= 0.2)
        // 2 tokens left, 2 kept in reserve: each request waits for one more refill.
        let first = await pacer.reserve(now: now).seconds
        let second = await pacer.reserve(now: now).seconds
        #expect(abs(first - interval) < 1e-6)
        #expect(abs(second - 2 * interval) < 1e-6)
    }

    @Test("bounds from several answers narrow the refill interval")
    func narrows() async throws {
        let pacer = RequestPacer(maxRequestsPerSecond: nil)
        let wall = Date(timeIntervalSince1970: 1_000_000)
        // A 5-request bucket refilled every 0.2 s, seen at different phases of the second.
        for (offset, remaining, tokens) in [(0.0, 0, 0.5), (0.35, 1, 1.2), (0.7, 2, 2.9), (0.1, 0, 0.95)] {
            let exactReset = offset + (5 - tokens) * 0.2
            let reset = wall.addingTimeInterval(exactReset.rounded(.up))
            await pacer.observe(RateLimitHeaders(limit: 5, remaining: remaining, reset: reset),
                                now: .now, wallClock: wall.addingTimeInterval(offset))
        }
        let interval = try #require(await pacer.refillInterval)
        #expect(interval > 0.1 && interval < 0.3)
    }

    @Test("the first answer's count is lowered by the requests sent alongside it")
    func firstAnswerCountsOthers() async {
        let pacer = RequestPacer(maxRequestsPerSecond: nil)
        let now = ContinuousClock.now
        let wall = Date(timeIntervalSince1970: 1_000_000)
        for _ in 0 ..< 4 { #expect(await pacer.reserve(now: now) == .zero) }
        // The first of four answers says 4 of 5 left, but the other three took theirs too.
        await pacer.observe(RateLimitHeaders(limit: 5, remaining: 4, reset: wall.addingTimeInterval(1.5)),
                            sentAt: wall, now: now, wallClock: wall)
        await pacer.finished()
        #expect(await pacer.reserve(now: now) > .zero, "1 token left, 2 kept in reserve")
    }

    @Test("the reserve is a fifth of the bucket, at least two from five up", arguments: [
        (1, 0.0), (2, 1.0), (4, 1.0), (5, 2.0), (10, 2.0), (50, 10.0), (100, 20.0),
    ])
    func reserve(limit: Int, tokens: Double) {
        #expect(RequestPacer.reserveTokens(limit: limit) == tokens)
    }

    @Test("a full bucket lets requests through at once")
    func fullBucket() async {
        let pacer = RequestPacer(maxRequestsPerSecond: nil)
        let now = ContinuousClock.now
        let wall = Date(timeIntervalSince1970: 1_000_000)
        await pacer.observe(RateLimitHeaders(limit: 50, remaining: 49, reset: wall.addingTimeInterval(1)), now: now, wallClock: wall)
        for _ in 0 ..< 30 { #expect(await pacer.reserve(now: now) == .zero) }
    }

    @Test("after a 429 every request waits until the reset time plus jitter")
    func waitsForReset() async {
        let pacer = RequestPacer(maxRequestsPerSecond: nil, jitter: 0.05 ... 0.25)
        let now = ContinuousClock.now
        let wall = Date(timeIntervalSince1970: 1_000_000)
        let wait = await pacer.rateLimited(
            RateLimitHeaders(limit: 5, remaining: 0, reset: wall.addingTimeInterval(2)), fallback: .seconds(1),
            now: now, wallClock: wall).seconds
        #expect(wait >= 2.05 && wait <= 2.25)
        let next = await pacer.reserve(now: now).seconds
        #expect(next >= 2.05, "other requests wait for the reset too")
    }

    @Test("a 429 without headers waits for the fallback backoff")
    func fallback() async {
        let pacer = RequestPacer(maxRequestsPerSecond: nil, jitter: 0 ... 0)
        let wait = await pacer.rateLimited(nil, fallback: .seconds(3), now: .now, wallClock: Date())
        #expect(abs(wait.seconds - 3) < 1e-6)
    }

    @Test("backoff grows exponentially with jitter and stays under its cap", arguments: 1 ... 8)
    func backoff(attempt: Int) {
        let policy = RetryPolicy(baseDelay: .milliseconds(500), maxDelay: .seconds(8))
        let ceiling = min(8, 0.5 * Double(1 << (attempt - 1)))
        for _ in 0 ..< 20 {
            let delay = policy.backoff(afterAttempt: attempt).seconds
            #expect(delay >= ceiling / 2 && delay <= ceiling)
        }
    }

    @Test("x-ratelimit-reset must be finite: inf, nan and garbage are ignored as if absent",
          arguments: ["inf", "-inf", "nan", "infinity", "1e400", "soon", ""])
    func nonFiniteResetIgnored(reset: String) {
        let headers = HTTPHeaders([("x-ratelimit-limit", "10"), ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset)])
        #expect(RateLimitHeaders(headers) == nil)
    }

    @Test("a 429 whose reset is far ahead, in the past or unreadable waits for the backoff, never more than a minute",
          arguments: [1e12, 1e300, 3_600, 61, -30, -1e300])
    func hostileResetOn429(offset: Double) async {
        let pacer = RequestPacer(maxRequestsPerSecond: nil, jitter: 0 ... 0)
        let wall = Date(timeIntervalSince1970: 1_000_000)
        let headers = RateLimitHeaders(limit: 10, remaining: 0, reset: wall.addingTimeInterval(offset))
        let wait = await pacer.rateLimited(headers, fallback: .milliseconds(700), now: .now, wallClock: wall).seconds
        #expect(abs(wait - 0.7) < 1e-6, "the fallback backoff")
        #expect(await pacer.refillInterval == nil, "no sample from an unbelievable reset")
    }

    @Test("a 429 with a believable reset waits for it, and every computed wait is capped at a minute")
    func capped() async {
        let pacer = RequestPacer(maxRequestsPerSecond: nil, jitter: 0 ... 0)
        let wall = Date(timeIntervalSince1970: 1_000_000)
        let now = ContinuousClock.now
        let wait = await pacer.rateLimited(RateLimitHeaders(limit: 10, remaining: 0, reset: wall.addingTimeInterval(59)),
                                           fallback: .seconds(3), now: now, wallClock: wall).seconds
        #expect(abs(wait - 59) < 1e-6)
        let huge = await pacer.rateLimited(nil, fallback: .seconds(1e9), now: now, wallClock: wall).seconds
        #expect(huge <= 60, "a fallback is capped too")
        #expect(Duration.clampedSeconds(.infinity) == .seconds(60))
        #expect(Duration.clampedSeconds(.nan) == .zero)
        #expect(Duration.clampedSeconds(-5) == .zero)
        #expect(Duration.clampedSeconds(1e300) == .seconds(60))
    }

    @Test("answers with a reset far ahead or in the past still update the count but give no interval sample",
          arguments: [1e12, 120, -5])
    func implausibleObserve(offset: Double) async {
        let pacer = RequestPacer(maxRequestsPerSecond: nil)
        let wall = Date(timeIntervalSince1970: 1_000_000)
        let now = ContinuousClock.now
        await pacer.observe(RateLimitHeaders(limit: Int.max, remaining: 0, reset: wall.addingTimeInterval(offset)),
                            sentAt: wall, now: now, wallClock: wall)
        #expect(await pacer.refillInterval == nil)
        for _ in 0 ..< 5 { #expect(await pacer.reserve(now: now) <= .seconds(60)) }
    }

    @Test("a tiny request-rate cap spaces requests at most a minute apart instead of trapping")
    func tinyCap() async {
        let pacer = RequestPacer(maxRequestsPerSecond: 1e-300)
        let now = ContinuousClock.now
        #expect(await pacer.reserve(now: now) == .zero)
        #expect(await pacer.reserve(now: now) == .seconds(60))
    }
}
