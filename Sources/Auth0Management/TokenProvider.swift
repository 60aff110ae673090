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
    private let logger: Logger
    private let now: @Sendable () -> Date
    private var cached: AccessToken?
    private var pending: Task<AccessToken, any Error>?

    /// How long before `exp` a cached token is renewed: a minute, or a tenth of a short lifetime.
    static let renewalMargin: TimeInterval = 60

    init(
        credentials: Credentials, configuration: ManagementAPIConfiguration, http: HTTPClient,
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.credentials = credentials
        self.configuration = configuration
        self.http = http
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
        if let cached, !credentials.canRenew || cached.isValid(at: now(), margin: margin(for: cached)) {
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

    /// A minute, or a tenth of the token's lifetime when that is shorter.
    private func margin(for token: AccessToken) -> TimeInterval {
        guard let lifetime = token.lifetime else { return Self.renewalMargin }
        return min(Self.renewalMargin, max(0, lifetime) / 10)
    }

    private func fetch() async throws -> AccessToken {
        if let pending { return try await pending.value }
        guard case .clientCredentials(let clientID, let secret) = credentials else {
            throw ManagementAPIError.missingCredentials("the access token cannot be renewed without client credentials")
        }
        let task = Task { [configuration, http, logger, now] in
            try await Self.request(
                clientID: clientID, secret: secret, configuration: configuration, http: http, logger: logger, now: now)
        }
        pending = task
        defer { pending = nil }
        let token = try await task.value
        cached = token
        return token
    }

    /// `POST /oauth/token` with the client credentials grant, retried on 5xx and connection
    /// failures like any other request.
    private static func request(
        clientID: String, secret: Secret, configuration: ManagementAPIConfiguration, http: HTTPClient,
        logger: Logger, now: @Sendable () -> Date
    ) async throws -> AccessToken {
        let endpoint = Endpoint(method: "POST", path: "/oauth/token")
        let form = [
            ("grant_type", "client_credentials"), ("client_id", clientID),
            ("client_secret", secret.revealed), ("audience", configuration.audience),
        ].map { "\($0.0)=\(QueryEncoding.encode($0.1))" }.joined(separator: "&")
        var attempt = 0
        while true {
            attempt += 1
            var request = HTTPClientRequest(url: configuration.tokenURL)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.headers.add(name: "Accept", value: "application/json")
            request.body = .bytes(ByteBuffer(string: form))
            let status: Int
            let body: ByteBuffer
            do {
                let response = try await http.execute(request, timeout: .seconds(Int64(configuration.requestTimeout.seconds)))
                status = Int(response.status.code)
                body = try await response.body.collect(upTo: 1 << 20)
            } catch let error as CancellationError {
                throw error
            } catch {
                logger.debug("token request failed without an answer", metadata: ["attempt": "\(attempt)"])
                guard attempt < configuration.retry.maxAttempts else {
                    throw ManagementAPIError.unreachable(
                        endpoint: endpoint, attempts: attempt, reason: ConnectionFailure.describe(error))
                }
                try await Task.sleep(for: configuration.retry.backoff(afterAttempt: attempt))
                continue
            }
            logger.debug("POST /oauth/token \(status)")
            if (200 ..< 300).contains(status) {
                guard let decoded = try? JSONDecoder().decode(TokenResponseBody.self, from: Data(body.readableBytesView)) else {
                    throw ManagementAPIError.unexpectedResponse(
                        endpoint: endpoint, status: status, reason: "no access_token in the token response")
                }
                return AccessToken(decoded.accessToken, expiresIn: decoded.expiresIn, receivedAt: now())
            }
            if status >= 500, attempt < configuration.retry.maxAttempts {
                try await Task.sleep(for: configuration.retry.backoff(afterAttempt: attempt))
                continue
            }
            let error = try? JSONDecoder().decode(TokenErrorBody.self, from: Data(body.readableBytesView))
            throw ManagementAPIError.tokenRequestFailed(
                endpoint: endpoint, status: status, error: error?.error, message: error?.errorDescription)
        }
    }
}
