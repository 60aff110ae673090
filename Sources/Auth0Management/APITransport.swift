import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Sends Management API requests with the access token, paced, and retried on 429, 5xx and
/// transient connection failures; renews the token once on 401. Logs method, path, status
/// and attempt at debug level, never a header, a body or a query.
struct APITransport: Sendable {
    let configuration: ManagementAPIConfiguration
    let http: HTTPClient
    let tokens: TokenProvider
    let pacer: RequestPacer
    let statistics: StatisticsRecorder
    let logger: Logger

    /// The largest answer body read; a larger one is an error, never retried.
    static let maxResponseBytes = 8 << 20

    /// What one attempt produced.
    private enum Attempt {
        case answer(status: Int, headers: HTTPHeaders, body: Data, token: AccessToken, sentAt: Date)
        case noAnswer(ConnectionFailure)
    }

    /// Sends a request. Returns 2xx answers and 4xx answers other than 401 and 429 (callers
    /// decide what a 404 means); throws for everything else once retries are used up.
    ///
    /// - Parameter idempotent: whether repeating the request is harmless (reads, and deletes,
    ///   since removal is idempotent). A request that is not (a future `POST`) is retried
    ///   only when it certainly did not reach Auth0: after 401, 429, or a connection that was
    ///   never made; never after a 5xx or a connection lost mid-request.
    func send(
        _ method: HTTPMethod, _ segments: [String], query: [(String, String)] = [], body: Data? = nil,
        idempotent: Bool
    ) async throws -> APIResponse {
        let path = "/api/v2/" + segments.map(QueryEncoding.encode).joined(separator: "/")
        let endpoint = Endpoint(method: method.rawValue, path: "/api/v2/" + segments.joined(separator: "/"))
        let url = configuration.baseURL + path + (query.isEmpty ? "" : "?" + QueryEncoding.query(query))
        var attempt = 0
        var rateLimitedAttempts = 0
        var renewed = false
        while true {
            attempt += 1
            let result = try await paced { () async throws -> Attempt in
                // The token is fetched for each attempt, after the pacer's wait: a wait for a
                // reset can outlast a short-lived token, and a renewal by another request is
                // picked up.
                let token = try await tokens.token()
                let outcome = try await execute(method, url: url, body: body, token: token, endpoint: endpoint)
                if case .answer(let status, let headers, _, _, let sentAt) = outcome, status != 429,
                   let rateLimit = RateLimitHeaders(headers) {
                    await pacer.observe(rateLimit, sentAt: sentAt)
                }
                return outcome
            }
            let status: Int
            let headers: HTTPHeaders
            let data: Data
            let token: AccessToken
            let sentAt: Date
            switch result {
            case .answer(let s, let h, let d, let t, let sent):
                (status, headers, data, token, sentAt) = (s, h, d, t, sent)
            case .noAnswer(let failure):
                if failure != .tooLarge { await statistics.record { $0.connectionFailures += 1 } }
                logger.debug("\(endpoint) no answer", metadata: ["attempt": "\(attempt)", "reason": "\(failure.reason)"])
                switch failure {
                case .tooLarge:
                    throw ManagementAPIError.responseTooLarge(endpoint: endpoint, limit: Self.maxResponseBytes)
                case .insecure(let reason):
                    throw ManagementAPIError.insecureConnection(endpoint: endpoint, reason: reason)
                case .other(let reason):
                    throw ManagementAPIError.unreachable(endpoint: endpoint, attempts: attempt, reason: reason + "; not retried")
                case .transient(let reason, let neverSent):
                    guard idempotent || neverSent else {
                        throw ManagementAPIError.unreachable(
                            endpoint: endpoint, attempts: attempt, reason: reason + "; not retried, the request may have been applied")
                    }
                    guard attempt < configuration.retry.maxAttempts else {
                        throw ManagementAPIError.unreachable(endpoint: endpoint, attempts: attempt, reason: reason)
                    }
                }
                await statistics.record { $0.retries += 1 }
                try await sleep(configuration.retry.backoff(afterAttempt: attempt))
                continue
            }
            logger.debug("\(endpoint) \(status)", metadata: ["attempt": "\(attempt)"])
            let response = APIResponse(endpoint: endpoint, status: status, body: data)
            switch status {
            case 200 ..< 300:
                return response
            case 401:
                let error = response.error
                guard !renewed, tokens.canRenew else {
                    throw ManagementAPIError.unauthorized(
                        endpoint: endpoint, message: error?.message, errorCode: error?.errorCode, canRenew: tokens.canRenew)
                }
                renewed = true
                attempt -= 1
                await statistics.record { $0.tokenRenewals += 1 }
                logger.info("the access token was refused; getting a new one", metadata: ["endpoint": "\(endpoint)"])
                _ = try await tokens.renew(after: token)
                await statistics.record { $0.retries += 1 }
            case 429:
                rateLimitedAttempts += 1
                attempt -= 1
                await statistics.record { $0.rateLimited += 1 }
                let error = response.error
                guard rateLimitedAttempts < configuration.retry.maxRateLimitedAttempts else {
                    throw ManagementAPIError.rateLimited(
                        endpoint: endpoint, attempts: rateLimitedAttempts, message: error?.message, errorCode: error?.errorCode)
                }
                let wait = await pacer.rateLimited(
                    RateLimitHeaders(headers), fallback: configuration.retry.backoff(afterAttempt: rateLimitedAttempts),
                    sentAt: sentAt)
                logger.debug("\(endpoint) rate limited; waiting", metadata: ["seconds": "\(wait.seconds)"])
                await statistics.record { $0.retries += 1 }
                try await sleep(wait)
            case 500 ..< 600:
                await statistics.record { $0.serverErrors += 1 }
                let error = response.error
                guard idempotent, attempt < configuration.retry.maxAttempts else {
                    throw ManagementAPIError.serverError(
                        endpoint: endpoint, status: status, message: error?.message, errorCode: error?.errorCode,
                        attempts: attempt)
                }
                await statistics.record { $0.retries += 1 }
                try await sleep(configuration.retry.backoff(afterAttempt: attempt))
            default:
                return response
            }
        }
    }

    /// Runs `body` in a slot booked with the pacer, and tells the pacer it finished on every
    /// path (answer, failure, cancellation), so that its count of requests in flight stays right.
    private func paced<T>(_ body: () async throws -> T) async throws -> T {
        let wait = await pacer.reserve()
        do {
            try await sleep(wait)
            let result = try await body()
            await pacer.finished()
            return result
        } catch {
            await pacer.finished()
            throw error
        }
    }

    /// One HTTP exchange; failures without an answer are classified, cancellation rethrown.
    private func execute(
        _ method: HTTPMethod, url: String, body: Data?, token: AccessToken, endpoint: Endpoint
    ) async throws -> Attempt {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token.value.revealed)")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "roster")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        await statistics.record { $0.requests += 1 }
        let sentAt = Date()
        do {
            let response = try await http.execute(
                request, timeout: .milliseconds(configuration.requestTimeout.timeAmountMilliseconds))
            let data = Data((try await response.body.collect(upTo: Self.maxResponseBytes)).readableBytesView)
            return .answer(status: Int(response.status.code), headers: response.headers, body: data, token: token, sentAt: sentAt)
        } catch let error as CancellationError {
            throw error
        } catch {
            if Task.isCancelled { throw CancellationError() }
            return .noAnswer(ConnectionFailure.classify(error))
        }
    }

    private func sleep(_ duration: Duration) async throws {
        if duration > .zero { try await Task.sleep(for: duration) }
    }
}
