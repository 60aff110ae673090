import Auth0Emulator
import Foundation
import Testing

@Suite("Rate limit")
struct RateLimitTests {
    @Test("every Management API response carries x-ratelimit headers, counting down")
    func headers() async throws {
        let configuration = EmulatorConfiguration(rateLimit: .init(requestsPerSecond: 0.001, burst: 5))
        try await EmulatorHarness.with(configuration: configuration) { harness in
            let token = try await harness.token()
            var remaining: [Int] = []
            for path in ["/api/v2/roles", "/api/v2/organizations/org_nope", "/api/v2/nope"] {
                let reply = try await harness.send(.GET, path, token: token)
                #expect(reply.headers["x-ratelimit-limit"].first == "5")
                remaining.append(Int(reply.headers["x-ratelimit-remaining"].first ?? "") ?? -1)
                let reset = Int(reply.headers["x-ratelimit-reset"].first ?? "") ?? 0
                #expect(reset >= Int(Date().timeIntervalSince1970) - 1, "reset is UNIX epoch seconds")
            }
            #expect(remaining == [4, 3, 2])
        }
    }

    @Test("an empty bucket answers 429 with Auth0's body and headers")
    func tooManyRequests() async throws {
        let configuration = EmulatorConfiguration(rateLimit: .init(requestsPerSecond: 0.001, burst: 2))
        try await EmulatorHarness.with(configuration: configuration) { harness in
            let token = try await harness.token()
            var statuses: [Int] = []
            var last: EmulatorHarness.Reply?
            for _ in 0 ..< 4 {
                let reply = try await harness.send(.GET, "/api/v2/roles", token: token)
                statuses.append(reply.status)
                last = reply
            }
            #expect(statuses == [200, 200, 429, 429])
            let reply = try #require(last)
            #expect(NSDictionary(dictionary: reply.object) == NSDictionary(dictionary: [
                "statusCode": 429, "error": "Too Many Requests",
                "message": "Global limit has been reached", "errorCode": "too_many_requests",
            ]))
            #expect(reply.headers["x-ratelimit-remaining"].first == "0")
            #expect(reply.headers["x-ratelimit-limit"].first == "2")
            let reset = Int(reply.headers["x-ratelimit-reset"].first ?? "") ?? 0
            #expect(reset > Int(Date().timeIntervalSince1970), "the bucket refills in the future")
        }
    }

    @Test("the token endpoint carries the headers but does not take from the bucket")
    func tokenNotLimited() async throws {
        let configuration = EmulatorConfiguration(rateLimit: .init(requestsPerSecond: 0.001, burst: 1))
        try await EmulatorHarness.with(configuration: configuration) { harness in
            for _ in 0 ..< 3 {
                _ = try await harness.token()
            }
            let reply = try await harness.send(.POST, "/oauth/token", json: ["grant_type": "client_credentials"])
            #expect(reply.headers["x-ratelimit-limit"].first == "1")
            #expect(reply.headers["x-ratelimit-remaining"].first == "1", "token requests are not counted")
            #expect(reply.headers["x-ratelimit-reset"].first.flatMap(Int.init) != nil)
            let token = try await harness.token()
            let roles = try await harness.send(.GET, "/api/v2/roles", token: token)
            #expect(roles.status == 200, "the bucket is still full")
        }
    }

    @Test("unknown paths outside /api/v2 carry the headers and are counted")
    func unknownPathsCounted() async throws {
        let configuration = EmulatorConfiguration(rateLimit: .init(requestsPerSecond: 0.001, burst: 2))
        try await EmulatorHarness.with(configuration: configuration) { harness in
            var statuses: [Int] = []
            var remaining: [String] = []
            for _ in 0 ..< 3 {
                let reply = try await harness.send(.GET, "/nope")
                statuses.append(reply.status)
                remaining.append(reply.headers["x-ratelimit-remaining"].first ?? "none")
                #expect(reply.headers["x-ratelimit-limit"].first == "2")
            }
            #expect(statuses == [404, 404, 429])
            #expect(remaining == ["1", "0", "0"])
        }
    }

    @Test("requests fired at once are admitted at most burst + rate x elapsed")
    func concurrentRequests() async throws {
        let rate = 20.0
        let burst = 5
        let configuration = EmulatorConfiguration(rateLimit: .init(requestsPerSecond: rate, burst: burst))
        try await EmulatorHarness.with(configuration: configuration) { harness in
            let token = try await harness.token()
            let clock = ContinuousClock()
            let start = clock.now
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0 ..< 80 {
                    group.addTask { try await harness.send(.GET, "/api/v2/roles", token: token).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            let elapsed = start.duration(to: clock.now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let admitted = statuses.filter { $0 == 200 }.count
            #expect(Set(statuses).isSubset(of: [200, 429]))
            #expect(admitted >= burst, "a full bucket admits its burst")
            #expect(Double(admitted) <= Double(burst) + (rate * seconds).rounded(.up),
                    "admitted \(admitted) in \(seconds) s")
        }
    }

    @Test("without a rate limit there are no x-ratelimit headers")
    func noLimit() async throws {
        try await EmulatorHarness.with { harness in
            let token = try await harness.token()
            let reply = try await harness.send(.GET, "/api/v2/roles", token: token)
            #expect(reply.status == 200)
            #expect(reply.headers["x-ratelimit-limit"].isEmpty)
        }
    }

    @Test("a rate limit of zero requests per second is refused at start")
    func invalidConfiguration() async throws {
        await #expect(throws: Emulator.StartError.self) {
            _ = try await Emulator.start(
                snapshot: Fixtures.tenant(),
                configuration: EmulatorConfiguration(rateLimit: .init(requestsPerSecond: 0, burst: 1)),
                logger: EmulatorHarness.logger)
        }
    }
}
