import Hummingbird
import Logging
import NIOCore

/// Turns every error into a response in Auth0's error shape, so that no route, unknown
/// path or framework error answers in any other shape. The token endpoint's 413 keeps the
/// Authentication API's `{error, error_description}` shape.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    let maxBodyBytes: Int

    func handle(
        _ request: Request,
        context: EmulatorRequestContext,
        next: (Request, EmulatorRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as Auth0Error {
            return error.response()
        } catch is NIOTooManyBytesError {
            return tooLarge(request)
        } catch let error as HTTPError {
            switch error.status {
            case .notFound: return Auth0Error.routeNotFound.response()
            case .contentTooLarge: return tooLarge(request)
            default: return Auth0Error(error.status, error.body ?? Auth0Error.reasonPhrase(error.status)).response()
            }
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(describing: type(of: error)))"])
            return Auth0Error(.internalServerError, "Internal Server Error").response()
        }
    }

    private func tooLarge(_ request: Request) -> Response {
        request.uri.path == "/oauth/token"
            ? TokenRoutes.payloadTooLarge(maxBodyBytes) : Self.payloadTooLarge(maxBodyBytes).response()
    }

    /// 413 with the message Auth0's HTTP layer sends.
    static func payloadTooLarge(_ limit: Int) -> Auth0Error {
        Auth0Error(.contentTooLarge, "Payload content length greater than maximum allowed: \(limit)")
    }
}
