import HTTPTypes
import Hummingbird

/// Applies the rate limit and puts `x-ratelimit-limit`, `x-ratelimit-remaining` and
/// `x-ratelimit-reset` on every response, including the 429, errors and unknown paths.
///
/// Every request takes a token except `POST /oauth/token`: Auth0 limits its Authentication
/// API separately, so the token endpoint reports the bucket without taking from it.
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
        guard let limiter else {
            return try await next(request, context)
        }
        let counted = request.uri.path != "/oauth/token"
        let decision = counted ? await limiter.take() : await limiter.peek()
        var response = decision.allowed ? try await next(request, context) : Auth0Error.tooManyRequests.response()
        response.headers[Self.limitHeader] = String(decision.limit)
        response.headers[Self.remainingHeader] = String(decision.remaining)
        response.headers[Self.resetHeader] = String(decision.reset)
        return response
    }
}
