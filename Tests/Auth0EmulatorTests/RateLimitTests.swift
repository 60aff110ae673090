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

    @Test("the token endpoint is outside the Management API limit")
    func tokenNotLimited() async throws {
        let configuration = EmulatorConfiguration(rateLimit: .init(requestsPerSecond: 0.001, burst: 1))
        try await EmulatorHarness.with(configuration: configuration) { harness in
            for _ in 0 ..< 3 {
                _ = try await harness.token()
            }
            let reply = try await harness.send(.POST, "/oauth/token", json: ["grant_type": "client_credentials"])
            #expect(reply.headers["x-ratelimit-limit"].isEmpty)
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
