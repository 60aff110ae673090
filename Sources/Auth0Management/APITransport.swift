import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// One answer from the Management API.
struct APIResponse: Sendable {
    var endpoint: Endpoint
    var status: Int
    var body: Data

    /// Decodes the body as `T`, or throws ``ManagementAPIError/unexpectedResponse(endpoint:status:reason:)``.
    func decode<T: Decodable>(_ type: T.Type) throws(ManagementAPIError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch {
            throw .unexpectedResponse(endpoint: endpoint, status: status, reason: "not a \(T.self): \(Self.summary(error))")
        }
    }

    /// Auth0's error body, when there is one.
    var error: ErrorBody? { try? JSONDecoder().decode(ErrorBody.self, from: body) }

    /// The error for an answer that is not a success, by status.
    func failure() -> ManagementAPIError {
        let error = self.error
        switch status {
        case 403:
            return .forbidden(endpoint: endpoint, message: error?.message, errorCode: error?.errorCode,
                              missingScope: error?.missingScope)
        default:
            return .rejected(endpoint: endpoint, status: status, message: error?.message, errorCode: error?.errorCode)
        }
    }

    private static func summary(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _)?: return "missing key \(key.stringValue)"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case .dataCorrupted?: return "not JSON"
        default: return "unreadable"
        }
    }
}

/// Sends Management API requests with the access token, paced, and retried on 429, 5xx and
/// connection failures; renews the token once on 401. Logs method, path, status and attempt
/// at debug level, never a header, a body or a query.
struct APITransport: Sendable {
    let configuration: ManagementAPIConfiguration
    let http: HTTPClient
    let tokens: TokenProvider
    let pacer: RequestPacer
    let statistics: StatisticsRecorder
    let logger: Logger

    /// Sends a request. Returns 2xx answers and 4xx answers other than 401 and 429 (callers
    /// decide what a 404 means); throws for everything else once retries are used up.
    func send(
        _ method: HTTPMethod, _ segments: [String], query: [(String, String)] = [], body: Data? = nil
    ) async throws -> APIResponse {
        let path = "/api/v2/" + segments.map(QueryEncoding.encode).joined(separator: "/")
        let endpoint = Endpoint(method: method.rawValue, path: "/api/v2/" + segments.joined(separator: "/"))
        let url = configuration.baseURL + path + (query.isEmpty ? "" : "?" + QueryEncoding.query(query))
        var attempt = 0
        var rateLimitedAttempts = 0
        var renewed = false
        var token = try await tokens.token()
        while true {
            attempt += 1
            try await sleep(await pacer.reserve())
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
            let status: Int
            let headers: HTTPHeaders
            let data: Data
            do {
                let response = try await http.execute(
                    request, timeout: .milliseconds(Int64(configuration.requestTimeout.seconds * 1_000)))
                status = Int(response.status.code)
                headers = response.headers
                data = Data((try await response.body.collect(upTo: 64 << 20)).readableBytesView)
            } catch let error as CancellationError {
                await pacer.finished()
                throw error
            } catch {
                await pacer.finished()
                let reason = ConnectionFailure.describe(error)
                await statistics.record { $0.connectionFailures += 1 }
                logger.debug("\(endpoint) no answer", metadata: ["attempt": "\(attempt)", "reason": "\(reason)"])
                guard attempt < configuration.retry.maxAttempts else {
                    throw ManagementAPIError.unreachable(endpoint: endpoint, attempts: attempt, reason: reason)
                }
                await statistics.record { $0.retries += 1 }
                try await sleep(configuration.retry.backoff(afterAttempt: attempt))
                continue
            }
            logger.debug("\(endpoint) \(status)", metadata: ["attempt": "\(attempt)"])
            let rateLimit = RateLimitHeaders(headers)
            if let rateLimit, status != 429 { await pacer.observe(rateLimit, sentAt: sentAt) }
            await pacer.finished()
            let response = APIResponse(endpoint: endpoint, status: status, body: data)
            switch status {
            case 200 ..< 300:
                return response
            case 401:
                let message = response.error?.message
                guard !renewed, tokens.canRenew else {
                    throw ManagementAPIError.unauthorized(endpoint: endpoint, message: message, canRenew: tokens.canRenew)
                }
                renewed = true
                attempt -= 1
                await statistics.record { $0.tokenRenewals += 1 }
                logger.info("the access token was refused; getting a new one", metadata: ["endpoint": "\(endpoint)"])
                token = try await tokens.renew(after: token)
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
                    rateLimit, fallback: configuration.retry.backoff(afterAttempt: rateLimitedAttempts), sentAt: sentAt)
                logger.debug("\(endpoint) rate limited; waiting", metadata: ["seconds": "\(wait.seconds)"])
                await statistics.record { $0.retries += 1 }
                try await sleep(wait)
            case 500 ..< 600:
                await statistics.record { $0.serverErrors += 1 }
                guard attempt < configuration.retry.maxAttempts else {
                    let error = response.error
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

    private func sleep(_ duration: Duration) async throws {
        if duration > .zero { try await Task.sleep(for: duration) }
    }
}
