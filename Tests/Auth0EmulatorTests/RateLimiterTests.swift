@testable import Auth0Emulator
import Foundation
import Testing

@Suite("Token bucket")
struct RateLimiterTests {
    @Test("an instant older than one already seen credits nothing")
    func outOfOrderInstants() async {
        let limiter = RateLimiter(configuration: .init(requestsPerSecond: 1, burst: 10))
        let start = ContinuousClock.now.advanced(by: .seconds(10))
        let wall = Date()
        for _ in 0 ..< 10 {
            #expect(await limiter.take(now: start, wallClock: wall).allowed)
        }
        #expect(await limiter.take(now: start, wallClock: wall).allowed == false, "the bucket is empty")
        #expect(await limiter.take(now: start + .seconds(1), wallClock: wall).allowed, "one second refills one token")
        // A request that read the clock earlier but arrived later must not move time back...
        #expect(await limiter.take(now: start + .milliseconds(500), wallClock: wall).allowed == false)
        // ...or the next request would be credited the same half second again.
        #expect(await limiter.take(now: start + .milliseconds(1500), wallClock: wall).allowed == false,
                "only 1.5 s have passed: one token so far, already taken")
        #expect(await limiter.take(now: start + .seconds(2), wallClock: wall).allowed)
    }

    @Test("peek reports the bucket without taking")
    func peek() async {
        let limiter = RateLimiter(configuration: .init(requestsPerSecond: 0.001, burst: 2))
        #expect(await limiter.peek().remaining == 2)
        #expect(await limiter.peek().remaining == 2)
        #expect(await limiter.take().remaining == 1)
    }
}
