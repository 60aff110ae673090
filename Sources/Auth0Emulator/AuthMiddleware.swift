import Foundation
import Hummingbird

/// Verifies the bearer token on Management API routes and records its scopes in the context.
///
/// 401 messages follow Auth0: `Missing authentication`, `Bad HTTP authentication header
/// format`, `Invalid token`, `Invalid signature received for JSON Web Token validation`,
/// `Expired token received for JSON Web Token validation`.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    let issuer: TokenIssuer

    func handle(
        _ request: Request,
        context: EmulatorRequestContext,
        next: (Request, EmulatorRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw Auth0Error.unauthorized("Missing authentication")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Auth0Error.unauthorized("Bad HTTP authentication header format")
        }
        let claims: TokenIssuer.Claims
        do {
            claims = try issuer.verify(String(parts[1]).trimmingCharacters(in: .whitespaces))
        } catch .malformed {
            throw Auth0Error.unauthorized("Invalid token")
        } catch .badSignature {
            throw Auth0Error.unauthorized("Invalid signature received for JSON Web Token validation")
        } catch .expired {
            throw Auth0Error.unauthorized("Expired token received for JSON Web Token validation")
        }
        var context = context
        context.grantedScopes = Set(claims.scopes)
        return try await next(request, context)
    }
}
