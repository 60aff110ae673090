import Hummingbird
import Logging

/// Records every request's method, path, route template and final status, and logs it at
/// debug level.
/// Never logs headers, bodies or query strings: they can hold secrets and tokens.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    let log: RequestLog

    func handle(
        _ request: Request,
        context: EmulatorRequestContext,
        next: (Request, EmulatorRequestContext) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[FaultMiddleware.droppedHeader] != nil {
            response.headers[FaultMiddleware.droppedHeader] = nil
            context.logger.debug("\(request.method.rawValue) \(request.uri.path) dropped")
            return response
        }
        let entry = RequestLogEntry(method: request.method.rawValue, path: request.uri.path, status: response.status.code)
        await log.append(entry, route: context.endpointPath ?? "NotFound")
        context.logger.debug("\(entry)")
        return response
    }
}
