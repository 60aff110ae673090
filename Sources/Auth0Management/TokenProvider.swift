import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Gets and caches the Management API access token.
///
/// With client credentials the token is cached until shortly before it expires and fetched
/// once however many requests ask at the same time; after a 401 the caller asks for a
/// renewal once. A pre-issued token is returned as is and cannot be renewed.
actor TokenProvider {
    private let credentials: Credentials
    private let configuration: ManagementAPIConfiguration
    private let http: HTTPClient
    private let pacer: RequestPacer?
    private let logger: Logger
    private let now: @Sendable () -> Date
    private var cached: AccessToken?
    private var cachedAt: Date?
    private var pending: Task<AccessToken, any Error>?

    /// How long before `exp` a cached token is renewed: a minute, or a tenth of a short lifetime.
    static let renewalMargin: TimeInterval = 60

    /// The shortest time a fetched token is cached, whatever its `expires_in` says (0, negative
    /// or a few seconds): without it every request would fetch a token. A token that really
    /// expired is answered 401, renewed once, then reported.
    static let minimumCacheLifetime: TimeInterval = 30

    /// The largest token response read.
    static let maxResponseBytes = 1 << 20

    init(
        credentials: Credentials, configuration: ManagementAPIConfiguration, http: HTTPClient,
        pacer: RequestPacer? = nil, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.credentials = credentials
        self.configuration = configuration
        self.http = http
        self.pacer = pacer
        self.logger = logger
        self.now = now
        if case .accessToken(let secret) = credentials {
            cached = AccessToken(secret.revealed)
        }
    }

    /// Whether a 401 can be answered with a new token.
    nonisolated var canRenew: Bool { credentials.canRenew }

    /// The current token, fetched when there is none or it is about to expire.
    func token() async throws -> AccessToken {
        if let cached, !credentials.canRenew || isUsable(cached) {
            return cached
        }
        return try await fetch()
    }

    /// A new token after `rejected` was refused with 401; if another request already renewed
    /// it, that newer token is returned without another fetch.
    func renew(after rejected: AccessToken) async throws -> AccessToken {
        if let cached, cached != rejected { return cached }
        cached = nil
        return try await fetch()
    }

    private func isUsable(_ token: AccessToken) -> Bool {
        let date = now()
        if let cachedAt, date < cachedAt.addingTimeInterval(Self.minimumCacheLifetime) { return true }
        return token.isValid(at: date, margin: margin(for: token))
    }

    /// A minute, or a tenth of the token's lifetime when that is shorter.
    private func margin(for token: AccessToken) -> TimeInterval {
        guard let lifetime = token.lifetime, lifetime.isFinite else { return Self.renewalMargin }
        return min(Self.renewalMargin, max(0, lifetime) / 10)
    }

    private func fetch() async throws -> AccessToken {
        if let pending { return try await pending.value }
        guard case .clientCredentials(let clientID, let secret) = credentials else {
            throw ManagementAPIError.missingCredentials("the access token cannot be renewed without client credentials")
        }
        let task = Task { [configuration, http, pacer, logger, now] in
            try await Self.request(
                clientID: clientID, secret: secret, configuration: configuration, http: http, pacer: pacer,
                logger: logger, now: now)
        }
        pending = task
        defer { pending = nil }
        let token = try await task.value
        cached = token
        cachedAt = now()
        return token
    }

    /// `POST /oauth/token` with the client credentials grant, paced like any other request and
    /// retried on 429 (after the reset, capped at a minute, else the backoff), 5xx and
    /// transient connection failures.
    private static func request(
        clientID: String, secret: Secret, configuration: ManagementAPIConfiguration, http: HTTPClient,
        pacer: RequestPacer?, logger: Logger, now: @Sendable () -> Date
    ) async throws -> AccessToken {
        let endpoint = Endpoint(method: "POST", path: "/oauth/token")
        let form = [
            ("grant_type", "client_credentials"), ("client_id", clientID),
            ("client_secret", secret.revealed), ("audience", configuration.audience),
        ].map { "\($0.0)=\(QueryEncoding.encode($0.1))" }.joined(separator: "&")
        var attempt = 0
        var rateLimitedAttempts = 0
        while true {
            attempt += 1
            var request = HTTPClientRequest(url: configuration.tokenURL)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.headers.add(name: "Accept", value: "application/json")
            request.body = .bytes(ByteBuffer(string: form))
            let status: Int
            let headers: HTTPHeaders
            let body: ByteBuffer
            let wait = await pacer?.reserve() ?? .zero
            do {
                if wait > .zero { try await Task.sleep(for: wait) }
                let response = try await http.execute(
                    request, timeout: .milliseconds(configuration.requestTimeout.timeAmountMilliseconds))
                status = Int(response.status.code)
                headers = response.headers
                body = try await response.body.collect(upTo: maxResponseBytes)
                await pacer?.finished()
            } catch let error as CancellationError {
                await pacer?.finished()
                throw error
            } catch {
                await pacer?.finished()
                if Task.isCancelled { throw CancellationError() }
                let failure = ConnectionFailure.classify(error)
                logger.debug("token request failed without an answer",
                             metadata: ["attempt": "\(attempt)", "reason": "\(failure.reason)"])
                switch failure {
                case .tooLarge: throw ManagementAPIError.responseTooLarge(endpoint: endpoint, limit: maxResponseBytes)
                case .insecure(let reason): throw ManagementAPIError.insecureConnection(endpoint: endpoint, reason: reason)
                case .other(let reason):
                    throw ManagementAPIError.unreachable(endpoint: endpoint, attempts: attempt, reason: reason + "; not retried")
                case .transient(let reason, _):
                    // Asking for a token again is harmless: it changes nothing on the tenant.
                    guard attempt < configuration.retry.maxAttempts else {
                        throw ManagementAPIError.unreachable(endpoint: endpoint, attempts: attempt, reason: reason)
                    }
                }
                try await Task.sleep(for: configuration.retry.backoff(afterAttempt: attempt))
                continue
            }
            logger.debug("POST /oauth/token \(status)")
            let data = Data(body.readableBytesView)
            if (200 ..< 300).contains(status) {
                guard let decoded = try? JSONDecoder().decode(TokenResponseBody.self, from: data) else {
                    let error = try? JSONDecoder().decode(TokenErrorBody.self, from: data)
                    throw ManagementAPIError.unexpectedResponse(
                        endpoint: endpoint, status: status, reason: "no access_token in the token response",
                        message: error?.errorDescription, errorCode: error?.error)
                }
                return AccessToken(decoded.accessToken, expiresIn: decoded.expiresIn, receivedAt: now())
            }
            if status == 429 {
                rateLimitedAttempts += 1
                attempt -= 1
                if rateLimitedAttempts < configuration.retry.maxRateLimitedAttempts {
                    // The token endpoint has its own limits: its headers do not feed the
                    // Management API's bucket model, they only say how long to wait.
                    let fallback = configuration.retry.backoff(afterAttempt: rateLimitedAttempts).seconds
                    let seconds = RateLimitHeaders(headers).flatMap { RequestPacer.untilReset($0) } ?? fallback
                    logger.debug("POST /oauth/token rate limited; waiting", metadata: ["seconds": "\(seconds)"])
                    try await Task.sleep(for: .clampedSeconds(seconds) + .clampedSeconds(Double.random(in: 0.05 ... 0.25)))
                    continue
                }
            }
            if status >= 500, attempt < configuration.retry.maxAttempts {
                try await Task.sleep(for: configuration.retry.backoff(afterAttempt: attempt))
                continue
            }
            let error = try? JSONDecoder().decode(TokenErrorBody.self, from: data)
            throw ManagementAPIError.tokenRequestFailed(
                endpoint: endpoint, status: status, error: error?.error, message: error?.errorDescription)
        }
    }
}
