import HTTPTypes
import Hummingbird

/// Applies the rate limit to `/api/v2` and puts `x-ratelimit-limit`, `x-ratelimit-remaining`
/// and `x-ratelimit-reset` on every one of its responses, including the 429.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    let limiter: RateLimiter?

    static let limitHeader = HTTPField.Name("x-ratelimit-limit")!
    static let remainingHeader = HTTPField.Name("x-ratelimit-remaining")!
    static let resetHeader = HTTPField.Name("x-ratelimit-reset")!

    func handle(
        _ request: Request,
        context: EmulatorRequestContext,
        next: (Request, EmulatorRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let limiter, request.uri.path.hasPrefix("/api/v2/") else {
            return try await next(request, context)
        }
        let decision = await limiter.take()
        var response = decision.allowed ? try await next(request, context) : Auth0Error.tooManyRequests.response()
        response.headers[Self.limitHeader] = String(decision.limit)
        response.headers[Self.remainingHeader] = String(decision.remaining)
        response.headers[Self.resetHeader] = String(decision.reset)
        return response
    }
}
