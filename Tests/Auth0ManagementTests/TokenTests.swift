import Auth0Emulator
import Auth0Management
import Foundation
import Synchronization
import Testing

@Suite("Access token")
struct TokenTests {
    static let snapshot = TestTenant.snapshot(organizations: 2, memberCount: { _ in 3 })
    static let desired = TestTenant.desired(organizations: ["org-000", "org-001"])

    @Test("a 401 during a run gets a new token once and the request is repeated")
    func renewsAfter401() async throws {
        // A token-issuing stub that can revoke every token it issued: the situation of a
        // token revoked or a signing key rotated during a run, without rebinding a port.
        let issued = Mutex(0)
        let revokedUpTo = Mutex(0)
        let handler: StubServer.Handler = { request in
            if request.path == "/oauth/token" {
                let number = issued.withLock { $0 += 1; return $0 }
                return .json(#"{"access_token":"tok-\#(number)","token_type":"Bearer","expires_in":86400}"#)
            }
            let number = request.authorization.flatMap { Int($0.replacingOccurrences(of: "Bearer tok-", with: "")) } ?? 0
            guard number > revokedUpTo.withLock({ $0 }) else {
                return .json(#"{"statusCode":401,"error":"Unauthorized","message":"Invalid token","errorCode":"invalid_token"}"#,
                             status: 401)
            }
            if request.path.hasPrefix("/api/v2/organizations/name/") {
                let name = request.path.split(separator: "/").last.map(String.init) ?? ""
                return .json(#"{"id":"org_\#(name)","name":"\#(name)"}"#)
            }
            return .json(#"{"members":[]}"#)
        }
        try await StubServer.with(handler) { stub, baseURL in
            let logs = CapturedLogs()
            let configuration = try ManagementAPIConfiguration(domain: baseURL, retry: ClientHarness.fastRetry)
            let client = ManagementAPIClient(
                configuration: configuration,
                credentials: .clientCredentials(clientID: TestTenant.clientID, clientSecret: Secret(TestTenant.secret)),
                logger: logs.logger())
            _ = try await client.readCurrentState(of: Self.desired, progress: nil)
            let before = stub.requests.count
            revokedUpTo.withLock { $0 = issued.withLock { $0 } }

            let state = try await client.readCurrentState(of: Self.desired, progress: nil)
            #expect(state.organizations.count == 2)
            let log = stub.requests.dropFirst(before)
            let refused = log.filter { $0.status == 401 }
            #expect(refused.count >= 1 && refused.count <= configuration.concurrency)
            #expect(log.filter { $0.path == "/oauth/token" }.count == 1, "one renewal however many requests saw the 401")
            #expect(log.last?.status == 200)
            #expect(log.filter { $0.path.hasPrefix("/api/v2/") && $0.status == 200 }.allSatisfy { $0.authorization == "Bearer tok-2" })
            #expect(await client.statistics().tokenRenewals == refused.count)
        }
    }

    @Test("a token refused twice carries Auth0's message and errorCode")
    func unauthorizedCarriesErrorCode() async throws {
        let handler: StubServer.Handler = { request in
            if request.path == "/oauth/token" {
                return .json(#"{"access_token":"tok","token_type":"Bearer","expires_in":86400}"#)
            }
            return .json(#"{"statusCode":401,"error":"Unauthorized","message":"Invalid token","errorCode":"invalid_token"}"#,
                         status: 401)
        }
        try await StubServer.with(handler) { _, baseURL in
            let client = ManagementAPIClient(
                configuration: try ManagementAPIConfiguration(domain: baseURL, concurrency: 1, retry: ClientHarness.fastRetry),
                credentials: .clientCredentials(clientID: TestTenant.clientID, clientSecret: Secret(TestTenant.secret)),
                logger: CapturedLogs().logger())
            let error = await #expect(throws: ManagementAPIError.self) {
                try await client.readCurrentState(of: Self.desired, progress: nil)
            }
            guard case .unauthorized(_, let message, let errorCode, let canRenew)? = error else {
                Issue.record("expected unauthorized, got \(String(describing: error))")
                return
            }
            #expect(message == "Invalid token" && errorCode == "invalid_token" && canRenew)
            #expect(error?.description.contains("\"Invalid token\" (invalid_token)") == true)
        }
    }

    @Test("the token endpoint's 429 is retried after the reset, and a token with expires_in 0 is still cached a while",
          arguments: ["0", "-5", "1"])
    func tokenEndpointRateLimitAndTinyLifetime(expiresIn: String) async throws {
        let tokenCalls = Mutex(0)
        let handler: StubServer.Handler = { request in
            if request.path == "/oauth/token" {
                let call = tokenCalls.withLock { $0 += 1; return $0 }
                if call == 1 {
                    return .json(#"{"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached"}"#,
                                 status: 429, headers: ["x-ratelimit-limit": "10", "x-ratelimit-remaining": "0",
                                                        "x-ratelimit-reset": "inf"])
                }
                return .json(#"{"access_token":"tok","token_type":"Bearer","expires_in":\#(expiresIn)}"#)
            }
            if request.path.hasPrefix("/api/v2/organizations/name/") {
                let name = request.path.split(separator: "/").last.map(String.init) ?? ""
                return .json(#"{"id":"org_\#(name)","name":"\#(name)"}"#)
            }
            return .json(#"{"members":[]}"#)
        }
        try await StubServer.with(handler) { stub, baseURL in
            let client = ManagementAPIClient(
                configuration: try ManagementAPIConfiguration(
                    domain: baseURL, retry: ClientHarness.fastRetry, requestTimeout: .seconds(10)),
                credentials: .clientCredentials(clientID: TestTenant.clientID, clientSecret: Secret(TestTenant.secret)),
                logger: CapturedLogs().logger())
            let state = try await client.readCurrentState(of: Self.desired, progress: nil)
            #expect(state.organizations.count == 2)
            #expect(tokenCalls.withLock { $0 } == 2, "one 429, then one token cached for all requests")
            #expect(stub.requests.filter { $0.path.hasPrefix("/api/v2/") }.count == 4)
        }
    }

    @Test("a token refused again after renewal ends the run with a clear error")
    func refusedTwice() async throws {
        // tokenLifetime 0: the emulator issues tokens that are already expired.
        try await ClientHarness.with(Self.snapshot, configuration: EmulatorConfiguration(tokenLifetime: 0)) { harness in
            let error = await #expect(throws: ManagementAPIError.self) {
                try await harness.client().readCurrentState(of: Self.desired, progress: nil)
            }
            guard case .unauthorized(let endpoint, let message, _, let canRenew)? = error else {
                Issue.record("expected unauthorized, got \(String(describing: error))")
                return
            }
            #expect(endpoint.method == "GET")
            #expect(message == "Expired token received for JSON Web Token validation")
            #expect(canRenew)
            #expect(error?.description.contains("AUTH0_DOMAIN") == true)
            let log = await harness.emulator.requestLog()
            #expect(log.filter { $0.status == 401 }.count >= 2)
            #expect(log.filter { $0.path.hasPrefix("/api/v2/") }.allSatisfy { $0.status == 401 })
        }
    }

    @Test("a pre-issued token that is refused is not renewed: the error says to issue a new one")
    func preIssuedRefused() async throws {
        try await ClientHarness.with(Self.snapshot) { harness in
            let client = try harness.client(token: "not-a-jwt")
            let error = await #expect(throws: ManagementAPIError.self) {
                try await client.readCurrentState(of: Self.desired, progress: nil)
            }
            guard case .unauthorized(let endpoint, let message, _, let canRenew)? = error else {
                Issue.record("expected unauthorized, got \(String(describing: error))")
                return
            }
            #expect(endpoint.path.hasPrefix("/api/v2/organizations/name/org-00"))
            #expect(message == "Invalid token")
            #expect(!canRenew)
            #expect(await harness.emulator.requestLog().filter { $0.path == "/oauth/token" }.isEmpty)
            #expect(error?.description.contains("AUTH0_API_TOKEN was refused") == true)
            #expect(harness.logs.all.contains { $0.hasPrefix("warning") && $0.contains("not a JWT") },
                    "the scope preflight is skipped with a warning")
        }
    }

    @Test("a pre-issued JWT with the scopes is used as is")
    func preIssuedWorks() async throws {
        try await ClientHarness.with(Self.snapshot) { harness in
            let token = try await Self.issueToken(harness)
            let state = try await harness.client(token: token).readCurrentState(of: Self.desired, progress: nil)
            #expect(state.organizations.count == 2)
            #expect(await harness.emulator.requestLog().filter { $0.path == "/oauth/token" }.count == 1,
                    "only the token the test issued")
        }
    }

    @Test("the token is cached, and renewed shortly before it expires")
    func cachedUntilShortlyBeforeExpiry() async throws {
        let clock = Mutex(Date())
        try await ClientHarness.with(Self.snapshot) { harness in
            let configuration = try ManagementAPIConfiguration(domain: harness.domain, retry: ClientHarness.fastRetry)
            let client = ManagementAPIClient(
                configuration: configuration,
                credentials: .clientCredentials(clientID: TestTenant.clientID, clientSecret: Secret(TestTenant.secret)),
                logger: harness.logs.logger(), now: { clock.withLock { $0 } })
            func tokenRequests() async -> Int {
                await harness.emulator.requestLog().filter { $0.path == "/oauth/token" }.count
            }
            _ = try await client.readCurrentState(of: Self.desired, progress: nil)
            _ = try await client.readCurrentState(of: Self.desired, progress: nil)
            #expect(await tokenRequests() == 1)
            clock.withLock { $0 = $0.addingTimeInterval(86_400 - 120) }  // two minutes before exp
            _ = try await client.readCurrentState(of: Self.desired, progress: nil)
            #expect(await tokenRequests() == 1)
            clock.withLock { $0 = $0.addingTimeInterval(90) }  // 30 s before exp
            _ = try await client.readCurrentState(of: Self.desired, progress: nil)
            let renewed = await tokenRequests()
            #expect(renewed == 2)
        }
    }

    @Test("a sub-second request timeout is kept to the millisecond, for token requests too")
    func subSecondTimeout() async throws {
        try await ClientHarness.with(Self.snapshot) { harness in
            let client = ManagementAPIClient(
                configuration: try ManagementAPIConfiguration(
                    domain: harness.domain, retry: ClientHarness.fastRetry, requestTimeout: .milliseconds(900)),
                credentials: .clientCredentials(clientID: TestTenant.clientID, clientSecret: Secret(TestTenant.secret)),
                logger: harness.logs.logger())
            // A timeout cut to whole seconds would be 0 s: every attempt would time out and the
            // read would fail. (Counting timeouts would make the test depend on the machine's
            // load: a busy machine can exceed 0.9 s now and then, which the retries absorb.)
            let state = try await client.readCurrentState(of: Self.desired, progress: nil)
            #expect(state.organizations.count == 2)
        }
    }

    @Test("wrong client credentials end the run at the token endpoint with Auth0's error")
    func wrongSecret() async throws {
        try await ClientHarness.with(Self.snapshot) { harness in
            let configuration = try ManagementAPIConfiguration(domain: harness.domain)
            let client = ManagementAPIClient(
                configuration: configuration,
                credentials: .clientCredentials(clientID: TestTenant.clientID, clientSecret: Secret("wrong-secret-123")),
                logger: harness.logs.logger())
            let error = await #expect(throws: ManagementAPIError.self) {
                try await client.readCurrentState(of: Self.desired, progress: nil)
            }
            #expect(error == .tokenRequestFailed(
                endpoint: Endpoint(method: "POST", path: "/oauth/token"), status: 401,
                error: "access_denied", message: "Unauthorized"))
            #expect(error?.description.contains("AUTH0_CLIENT_SECRET") == true)
            #expect(await harness.apiRequests().isEmpty)
        }
    }

    /// A token issued by the emulator for the all-scopes client.
    static func issueToken(_ harness: ClientHarness, clientID: String = TestTenant.clientID) async throws -> String {
        var request = HTTPClientRequestBuilder.tokenRequest(
            url: harness.domain + "/oauth/token", clientID: clientID, secret: TestTenant.secret,
            audience: harness.emulator.audience)
        return try await request.send()
    }
}
