@testable import Auth0Management
import Foundation
import RosterCore
import Synchronization
import Testing

/// Answers the emulator never gives, from a stub server: the client must end, and say why.
@Suite("Hostile and unusual answers")
struct HostileAnswerTests {
    static let token = #"{"access_token":"tok","token_type":"Bearer","expires_in":86400}"#
    static let desired = TestTenant.desired(organizations: ["org-000"])

    /// A client for a stub, one request at a time, retrying fast.
    static func client(_ baseURL: String, scheme: String? = nil) throws -> ManagementAPIClient {
        let domain = scheme.map { baseURL.replacingOccurrences(of: "http://", with: "\($0)://") } ?? baseURL
        return ManagementAPIClient(
            configuration: try ManagementAPIConfiguration(
                domain: domain, concurrency: 1, retry: ClientHarness.fastRetry, requestTimeout: .seconds(10)),
            credentials: .clientCredentials(clientID: TestTenant.clientID, clientSecret: Secret(TestTenant.secret)),
            logger: CapturedLogs().logger())
    }

    /// A stub tenant with one organization whose member pages come from `page(from)`.
    static func tenant(page: @escaping @Sendable (String?) -> StubServer.Answer) -> StubServer.Handler {
        { request in
            if request.path == "/oauth/token" { return .json(token) }
            if request.path.hasPrefix("/api/v2/organizations/name/") { return .json(#"{"id":"org_1","name":"org-000"}"#) }
            if request.path == "/api/v2/organizations/org_1/members" { return page(request.query["from"]) }
            return .json(#"{"statusCode":404,"error":"Not Found","message":"Not Found"}"#, status: 404)
        }
    }

    @Test("member paging that cycles back to an earlier cursor ends with a clear error")
    func cursorCycle() async throws {
        let handler = Self.tenant { from in
            switch from {
            case nil: return .json(#"{"members":[{"user_id":"auth0|a"}],"next":"c1"}"#)
            case "c1": return .json(#"{"members":[{"user_id":"auth0|b"}],"next":"c2"}"#)
            default: return .json(#"{"members":[{"user_id":"auth0|c"}],"next":"c1"}"#)
            }
        }
        try await StubServer.with(handler) { stub, baseURL in
            let error = await #expect(throws: ManagementAPIError.self) {
                try await Self.client(baseURL).readCurrentState(of: Self.desired, progress: nil)
            }
            guard case .pagingDidNotEnd(let endpoint, let pages, let reason)? = error else {
                Issue.record("expected pagingDidNotEnd, got \(String(describing: error))")
                return
            }
            #expect(endpoint.path == "/api/v2/organizations/org_1/members")
            #expect(pages == 3)
            #expect(reason.contains("came back a second time"))
            #expect(stub.requests.filter { $0.path.hasSuffix("/members") }.count == 3)
        }
    }

    @Test("a member page larger than asked for ends the read: a tenant cannot make it grow without bound")
    func oversizedPage() async throws {
        let members = (0 ..< 101).map { #"{"user_id":"auth0|m\#($0)"}"# }.joined(separator: ",")
        let handler = Self.tenant { from in
            .json(#"{"members":[\#(members)],"next":"c\#((from ?? "").count)"}"#)
        }
        try await StubServer.with(handler) { stub, baseURL in
            let error = await #expect(throws: ManagementAPIError.self) {
                try await Self.client(baseURL).readCurrentState(of: Self.desired, progress: nil)
            }
            #expect("\(String(describing: error))".contains("a page of 101 members, asked for at most 100"))
            #expect(stub.requests.filter { $0.path.hasSuffix("/members") }.count == 1)
        }
    }

    @Test("an empty member page ends the list even when it still has next")
    func emptyPageWithNext() async throws {
        let handler = Self.tenant { from in
            switch from {
            case nil: return .json(#"{"members":[{"user_id":"auth0|a"},{"user_id":"auth0|b"}],"next":"c1"}"#)
            default: return .json(#"{"members":[],"next":"c-forever"}"#)
            }
        }
        try await StubServer.with(handler) { stub, baseURL in
            let state = try await Self.client(baseURL).readCurrentState(of: Self.desired, progress: nil)
            #expect(state.organizations.first?.members?.map(\.userID) == ["auth0|a", "auth0|b"])
            #expect(stub.requests.filter { $0.path.hasSuffix("/members") }.count == 2)
        }
    }

    @Test("an answer that cannot be read carries Auth0's message and errorCode when its body has them")
    func unexpectedCarriesAuth0Words() async throws {
        let handler: StubServer.Handler = { request in
            if request.path == "/oauth/token" { return .json(Self.token) }
            return .json(#"{"statusCode":200,"error":"Odd","message":"Something odd","errorCode":"odd_answer"}"#)
        }
        try await StubServer.with(handler) { _, baseURL in
            let error = await #expect(throws: ManagementAPIError.self) {
                try await Self.client(baseURL).readCurrentState(of: Self.desired, progress: nil)
            }
            guard case .unexpectedResponse(_, let status, _, let message, let errorCode)? = error else {
                Issue.record("expected unexpectedResponse, got \(String(describing: error))")
                return
            }
            #expect(status == 200 && message == "Something odd" && errorCode == "odd_answer")
            #expect(error?.description.contains("\"Something odd\" (odd_answer)") == true)
        }
    }

    @Test("an answer over 8 MiB is an error of its own and is not retried")
    func tooLarge() async throws {
        let huge = #"{"members":[],"padding":""# + String(repeating: "x", count: 9 << 20) + #""}"#
        let handler = Self.tenant { _ in .json(huge) }
        try await StubServer.with(handler) { stub, baseURL in
            let error = await #expect(throws: ManagementAPIError.self) {
                try await Self.client(baseURL).readCurrentState(of: Self.desired, progress: nil)
            }
            #expect(error == .responseTooLarge(
                endpoint: Endpoint(method: "GET", path: "/api/v2/organizations/org_1/members"), limit: 8 << 20))
            #expect(stub.requests.filter { $0.path.hasSuffix("/members") }.count == 1)
        }
    }

    @Test("a TLS failure is an error of its own and is not retried")
    func tlsFailure() async throws {
        // https to a plain-HTTP server: the handshake fails.
        try await StubServer.with(Self.tenant { _ in .json(#"{"members":[]}"#) }) { _, baseURL in
            let client = try Self.client(baseURL, scheme: "https")
            let error = await #expect(throws: ManagementAPIError.self) {
                try await client.readCurrentState(of: Self.desired, progress: nil)
            }
            guard case .insecureConnection(let endpoint, let reason)? = error else {
                Issue.record("expected insecureConnection, got \(String(describing: error))")
                return
            }
            #expect(endpoint.path == "/oauth/token")
            #expect(!reason.isEmpty)
            #expect(error?.description.contains("certificate") == true)
        }
    }

    @Test("a request that is not idempotent is not retried after a 5xx; an idempotent one is")
    func notIdempotentNotRetried() async throws {
        let handler: StubServer.Handler = { request in
            if request.path == "/oauth/token" { return .json(Self.token) }
            return .json(#"{"statusCode":503,"error":"Service Unavailable","message":"down"}"#, status: 503)
        }
        try await StubServer.with(handler) { stub, baseURL in
            let client = try Self.client(baseURL)
            let once = await #expect(throws: ManagementAPIError.self) {
                _ = try await client.transport.send(.POST, ["organizations", "org_1", "members"], body: Data("{}".utf8),
                                                    idempotent: false)
            }
            #expect(once?.status == 503)
            #expect(stub.requests.filter { $0.method == "POST" && $0.path.hasPrefix("/api/v2/") }.count == 1)
            _ = await #expect(throws: ManagementAPIError.self) {
                _ = try await client.transport.send(.GET, ["organizations", "org_1"], idempotent: true)
            }
            #expect(stub.requests.filter { $0.method == "GET" }.count == ClientHarness.fastRetry.maxAttempts)
        }
    }

    @Test("the token is fetched at the start of each attempt, so a retry after a long wait uses a fresh one")
    func tokenPerAttempt() async throws {
        let clock = Mutex(Date())
        let issued = Mutex(0)
        let handler: StubServer.Handler = { request in
            if request.path == "/oauth/token" {
                let number = issued.withLock { $0 += 1; return $0 }
                return .json(#"{"access_token":"tok-\#(number)","token_type":"Bearer","expires_in":600}"#)
            }
            if request.authorization == "Bearer tok-1" {
                // While the client waits out this 429, its token expires.
                clock.withLock { $0 = $0.addingTimeInterval(3_600) }
                return .json(#"{"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached"}"#,
                             status: 429)
            }
            return .json(#"{"id":"org_1","name":"org-000"}"#)
        }
        try await StubServer.with(handler) { stub, baseURL in
            let client = ManagementAPIClient(
                configuration: try ManagementAPIConfiguration(domain: baseURL, concurrency: 1, retry: ClientHarness.fastRetry),
                credentials: .clientCredentials(clientID: TestTenant.clientID, clientSecret: Secret(TestTenant.secret)),
                logger: CapturedLogs().logger(), now: { clock.withLock { $0 } })
            _ = try await client.transport.send(.GET, ["organizations", "name", "org-000"], idempotent: true)
            let api = stub.requests.filter { $0.path.hasPrefix("/api/v2/") }
            #expect(api.map(\.authorization) == ["Bearer tok-1", "Bearer tok-2"])
            #expect(api.map(\.status) == [429, 200])
        }
    }

    @Test("users-by-email asks only for user_id")
    func emailFields() async throws {
        let handler: StubServer.Handler = { request in
            if request.path == "/oauth/token" { return .json(Self.token) }
            return .json(#"[{"user_id":"auth0|1"}]"#)
        }
        try await StubServer.with(handler) { stub, baseURL in
            #expect(try await Self.client(baseURL).usersWithEmail("a@example.com") == ["auth0|1"])
            let query = try #require(stub.requests.last?.query)
            #expect(query == ["email": "a@example.com", "fields": "user_id", "include_fields": "true"])
        }
    }
}
